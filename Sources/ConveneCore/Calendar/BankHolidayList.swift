import Foundation

/// Bank holidays of one division, in the published UK JSON shape:
/// `{"england-and-wales": {"division": "...", "events": [{"title", "date", ...}]}}`.
public struct BankHolidayList: Sendable, Equatable {
    public struct Holiday: Sendable, Equatable, Codable {
        public let date: LocalDate
        public let title: String

        public init(date: LocalDate, title: String) {
            self.date = date
            self.title = title
        }
    }

    public let division: String
    public let holidays: [Holiday]

    public init(division: String, holidays: [Holiday]) {
        self.division = division
        self.holidays = holidays.sorted { $0.date < $1.date }
    }

    /// The last date the list speaks for: 31 December of the latest year it holds.
    /// A deadline after this date may miss a holiday not yet published.
    public var coveredThrough: LocalDate? {
        holidays.last.map { LocalDate(year: $0.date.year, month: 12, day: 31)! }
    }

    /// The first date the list speaks for: 1 January of the earliest year it holds.
    public var coveredFrom: LocalDate? {
        holidays.first.map { LocalDate(year: $0.date.year, month: 1, day: 1)! }
    }

    /// The days on which working-day counting differs between this list and `other`: the
    /// holidays in one list and not the other, and the days only one of them covers (their
    /// coverage warnings differ). A deadline counted over none of these days is the same with
    /// either list, so only clocks running over them need working out again.
    public func daysChanged(to other: BankHolidayList) -> [ClosedRange<LocalDate>] {
        let mine = Set(holidays.map(\.date))
        let theirs = Set(other.holidays.map(\.date))
        var days = mine.symmetricDifference(theirs).sorted().map { $0...$0 }
        switch (coveredFrom, coveredThrough, other.coveredFrom, other.coveredThrough) {
        case (let from?, let through?, let otherFrom?, let otherThrough?):
            if from != otherFrom { days.append(min(from, otherFrom)...max(from, otherFrom).adding(days: -1)) }
            if through != otherThrough {
                days.append(min(through, otherThrough).adding(days: 1)...max(through, otherThrough))
            }
        case (let from?, let through?, _, _):
            days.append(from...through)
        case (_, _, let otherFrom?, let otherThrough?):
            days.append(otherFrom...otherThrough)
        default:
            break
        }
        return days
    }

    /// The England and Wales list bundled with Convene.
    public static let bundledEnglandAndWales: BankHolidayList = {
        // The bundled text is checked by a test; a failure here is a packaging bug.
        try! BankHolidayList.parse(Data(bundledEnglandAndWalesJSON.utf8), division: "england-and-wales")
    }()

    /// Reads one division from a document in the published shape.
    public static func parse(_ data: Data, division: String = "england-and-wales") throws
        -> BankHolidayList
    {
        struct Event: Decodable {
            let title: String?
            let date: String
        }
        struct Division: Decodable { let events: [Event] }
        let document: [String: Division]
        do {
            document = try JSONDecoder().decode([String: Division].self, from: data)
        } catch {
            throw BankHolidayImportError.notThePublishedShape
        }
        guard let found = document[division] else {
            throw BankHolidayImportError.divisionMissing(division)
        }
        guard !found.events.isEmpty else { throw BankHolidayImportError.noEvents }
        var holidays: [Holiday] = []
        var seen = Set<LocalDate>()
        for (index, event) in found.events.enumerated() {
            guard let date = LocalDate(event.date) else {
                throw BankHolidayImportError.badDate(index: index, value: event.date)
            }
            if seen.insert(date).inserted {
                holidays.append(Holiday(date: date, title: event.title ?? "Bank holiday"))
            }
        }
        return BankHolidayList(division: division, holidays: holidays)
    }
}

/// Why a bank-holiday file was refused.
public enum BankHolidayImportError: Error, Equatable, CustomStringConvertible {
    case notThePublishedShape
    case divisionMissing(String)
    case noEvents
    case badDate(index: Int, value: String)

    public var description: String {
        switch self {
        case .notThePublishedShape:
            return "the file is not in the published UK bank-holiday JSON shape"
        case .divisionMissing(let division):
            return "the file has no \"\(division)\" division"
        case .noEvents: return "the division lists no events"
        case .badDate(let index, let value):
            return "event \(index) has date \"\(value)\"; expected YYYY-MM-DD"
        }
    }
}
