import Foundation

/// Converts between instants and the organisation's local dates and times.
///
/// Statutory deadlines are local: "15 working days" ends at the end of a day in
/// England, whatever the clocks did for summer time in between.
public struct LocalTimeZone: Sendable {
    public let identifier: String
    private let calendar: Calendar

    /// Returns nil when the identifier is not a known time zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.identifier = identifier
        self.calendar = calendar
    }

    /// Europe/London, the zone of every English organisation.
    public static let london = LocalTimeZone(identifier: "Europe/London")!

    /// The local calendar date on which an instant falls.
    public func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        // Through day numbers, which exist for any year, so no instant can fail the conversion.
        return LocalDate(dayNumber: LocalDate.dayNumber(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1))
    }

    /// Minutes since local midnight of the instant's local date.
    public func minuteOfDay(of instant: Date) -> Int {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return parts.hour! * 60 + parts.minute!
    }

    /// The instant at a local wall-clock time on a date.
    public func instant(on date: LocalDate, minuteOfDay: Int = 0) -> Date {
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day,
            hour: minuteOfDay / 60, minute: minuteOfDay % 60)
        return calendar.date(from: parts)!
    }

    /// The last second of a local date: the due time of a "by the end of" deadline.
    public func endOfDay(_ date: LocalDate) -> Date {
        instant(on: date.adding(days: 1)).addingTimeInterval(-1)
    }
}

extension LocalTimeZone {
    /// "2027-01-13 14:00", in local time, for minutes and terminal tables.
    public func describe(_ instant: Date) -> String {
        let minute = minuteOfDay(of: instant)
        let hh = minute / 60
        let mm = minute % 60
        return "\(localDate(of: instant)) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}
