import Foundation

/// How long a clock runs: a statutory or local timescale.
public enum Timescale: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Clock hours, through nights, weekends and holidays.
    case clockHours(Int)
    /// By the end of working day N, counting the start day as day 0.
    case workingDays(Int)
    /// By the end of the day on which the clock started.
    case sameDay

    public var description: String {
        switch self {
        case .clockHours(let hours): return counted(hours, "hour")
        case .workingDays(let days): return counted(days, "working day")
        case .sameDay: return "same day"
        }
    }

    /// The due time of a clock that starts at `start`.
    public func due(
        from start: Date, calendar: WorkingDayCalendar, zone: LocalTimeZone
    ) -> (due: Date, withinCoverage: Bool) {
        switch self {
        case .clockHours(let hours):
            return (start.addingTimeInterval(TimeInterval(hours) * 3600), true)
        case .sameDay:
            return (zone.endOfDay(zone.localDate(of: start)), true)
        case .workingDays(let days):
            let reached = calendar.addingWorkingDays(days, to: zone.localDate(of: start))
            return (zone.endOfDay(reached.date), reached.withinCoverage)
        }
    }

    // MARK: - Codable as a short string: "2h", "3wd", "same-day"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timescale(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a timescale such as \"2h\", \"3wd\" or \"same-day\"")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// The short form used in policy documents: `24h`, `15wd`, `same-day`.
    public var code: String {
        switch self {
        case .clockHours(let hours): return "\(hours)h"
        case .workingDays(let days): return "\(days)wd"
        case .sameDay: return "same-day"
        }
    }

    /// Parses the short form; nil for anything else, including zero or negative lengths.
    public init?(_ code: String) {
        if code == "same-day" {
            self = .sameDay
        } else if code.hasSuffix("wd"), let days = Int(code.dropLast(2)), (1...365).contains(days) {
            self = .workingDays(days)
        } else if code.hasSuffix("h"), let hours = Int(code.dropLast()), (1...24 * 365).contains(hours) {
            self = .clockHours(hours)
        } else {
            return nil
        }
    }
}
