import Foundation

/// One JSON convention for the whole API: ISO 8601 instants in UTC, sorted keys.
public enum JSONCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // Foundation's own ISO 8601 strategy writes the same text (`2026-11-24T09:30:00Z`) as
        // `date.formatted(.iso8601)` did in a custom closure, at a fraction of the cost per date.
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Accepts instants with a zone (`Z` or `+01:00`), with or without fractional seconds.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = parseInstant(text) { return date }
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a date-time with a time zone, between 1900 and 2200, such as 2027-01-13T14:00:00Z")
        }
        return decoder
    }

    /// Parses an ISO 8601 instant that states its zone, in the accepted years; nil otherwise.
    public static func parseInstant(_ text: String) -> Date? {
        guard text.count <= 40 else { return nil }
        let plain = Date.ISO8601FormatStyle()
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = (try? plain.parse(text)) ?? (try? fractional.parse(text)) else { return nil }
        return acceptedInstants.contains(date) ? date : nil
    }

    /// 1900-01-01 to the end of 2200, as for dates (`LocalDate.acceptedYears`).
    static let acceptedInstants = Date(timeIntervalSince1970: -2_208_988_800)...Date(timeIntervalSince1970: 7_289_654_399)
}
