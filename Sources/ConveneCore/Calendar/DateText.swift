import Foundation

/// Dates and times as people read them, on pages and in the minutes: "Fri 4 Dec 2026, 18:37".
extension LocalDate {
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    public static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "Mon 23 Nov 2026"
    public var long: String { "\(Self.dayNames[isoWeekday - 1]) \(day) \(Self.monthNames[month - 1]) \(year)" }
}

extension LocalTimeZone {
    /// "Mon 23 Nov 2026, 14:00"
    public func long(_ instant: Date) -> String {
        let (date, minute) = wallClock(of: instant)
        return "\(date.long), \(Self.clockTime(minute))"
    }
}
