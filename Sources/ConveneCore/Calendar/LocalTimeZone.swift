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
    public func localDate(of instant: Date) -> LocalDate { wallClock(of: instant).date }

    /// The instant's local date, and the minutes since that date's local midnight, from one
    /// lookup of the offset.
    public func wallClock(of instant: Date) -> (date: LocalDate, minuteOfDay: Int) {
        if let local = wallClockSeconds(of: instant) {
            let (day, second) = LocalDate.dayAndSecond(local)
            return (day, second / 60)
        }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        // Through day numbers, which exist for any year, so no instant can fail the conversion.
        let day = LocalDate(
            dayNumber: LocalDate.dayNumber(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1))
        return (day, parts.hour! * 60 + parts.minute!)
    }

    /// The instant's local wall-clock time as whole seconds since 1970-01-01 00:00 local, from the
    /// zone's offset at that instant: what `Calendar` works out field by field, at a fraction of
    /// the cost (a dashboard shows a hundred times). Nil beyond a million years either way.
    private func wallClockSeconds(of instant: Date) -> Int? {
        let seconds = instant.timeIntervalSince1970.rounded(.down)
        guard abs(seconds) < 3e13 else { return nil }
        return Int(seconds) + calendar.timeZone.secondsFromGMT(for: instant)
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
        let (date, minute) = wallClock(of: instant)
        return "\(date) \(Self.clockTime(minute))"
    }

    /// "09:05": a minute of the day as hours and minutes.
    public static func clockTime(_ minute: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(minute / 60)):\(two(minute % 60))"
    }
}
