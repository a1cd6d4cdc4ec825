import ConveneCore
import Foundation

/// Shared test helpers: dates and instants in London time.
enum Fixture {
    static let zone = LocalTimeZone.london

    static func date(_ text: String) -> LocalDate { LocalDate(text)! }

    /// A London wall-clock time, such as `at("2026-12-18", "10:00")`.
    static func at(_ day: String, _ time: String) -> Date {
        let parts = time.split(separator: ":").map { Int($0)! }
        return zone.instant(on: date(day), minuteOfDay: parts[0] * 60 + parts[1])
    }

    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
}
