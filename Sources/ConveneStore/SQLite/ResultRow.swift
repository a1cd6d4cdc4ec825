import Foundation
import SQLKit
import SQLiteNIO
import VaporCSQLite

/// The column names of one statement's result, shared by its rows.
final class ResultColumns: Sendable {
    let names: [String]
    private let index: [String: Int]

    init(names: [String]) {
        self.names = names
        // The first column of a name wins, as in sqlite-nio.
        index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    convenience init(_ statement: OpaquePointer) {
        let count = Int(sqlite_nio_sqlite3_column_count(statement))
        self.init(
            names: (0..<count).map { column in
                sqlite_nio_sqlite3_column_name(statement, Int32(column)).map { String(cString: $0) } ?? ""
            })
    }

    var count: Int { names.count }

    func offset(of name: String) -> Int? { index[name] }
}

/// One result row, decoded as sqlite-kit decodes its rows, except that the common types are
/// read directly: UUID text without Foundation's `UUID(uuidString:)` (which goes through
/// `sscanf`; UUIDs are most of what Convene reads), and text, integers, reals, booleans and
/// dates without sqlite-kit's dynamic casts.
struct ResultRow: SQLRow {
    let columns: ResultColumns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.offset(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let offset = columns.offset(of: column) else { return true }
        return values[offset] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let value = value(of: column) else {
            throw DecodingError.keyNotFound(
                ColumnKey(stringValue: column), .init(codingPath: [], debugDescription: "No column \(column)"))
        }
        return try Self.read(value, as: D.self)
    }

    /// A column's value; nil when the result has no column of that name.
    func value(of column: String) -> SQLiteData? {
        columns.offset(of: column).map { values[$0] }
    }

    /// The text at a column's position; nil for a value of another type or NULL. With `uuid(at:)`
    /// and `date(at:)`, for readers that find their columns once for all the rows of a result.
    func text(at offset: Int) -> String? {
        if case .text(let text) = values[offset] { text } else { nil }
    }

    func uuid(at offset: Int) -> UUID? { text(at: offset).flatMap(UUID.init(databaseText:)) }

    func date(at offset: Int) -> Date? {
        switch values[offset] {
        case .integer(let seconds): Self.storedDate(Double(seconds))
        case .float(let seconds): Self.storedDate(seconds)
        default: nil
        }
    }

    func isNull(at offset: Int) -> Bool { values[offset] == .null }

    /// Reads one value: the common types directly; a type that reads itself from one value (a
    /// `Choice`, a `LocalDate`, an optional) through `ValueReader`; anything else, and anything
    /// either of those cannot read, through sqlite-kit's decoder, whose errors are unchanged.
    static func read<D: Decodable>(_ value: SQLiteData, as type: D.Type) throws -> D {
        if let direct: D = direct(value) { return direct }
        if let read = try? D(from: ValueReader(value: value, depth: 0)) { return read }
        return try SQLiteValues.decoder.decode(D.self, from: value)
    }

    /// The types most columns hold, read as sqlite-nio reads them but without its dynamic casts
    /// and per-value decoder; nil sends the value through sqlite-kit's decoder instead (other
    /// types, and every value these cases do not cover, so its errors are unchanged).
    fileprivate static func direct<D>(_ value: SQLiteData) -> D? {
        switch value {
        case .text(let text):
            if D.self == String.self { return (text as! D) }
            if D.self == UUID.self, let uuid = UUID(databaseText: text) { return (uuid as! D) }
        case .integer(let number):
            if D.self == Int.self { return (number as! D) }
            if D.self == Bool.self, number == 0 || number == 1 { return ((number == 1) as! D) }
            if D.self == Date.self { return (storedDate(Double(number)) as! D) }
            if D.self == Double.self { return (Double(number) as! D) }
        case .float(let number):
            if D.self == Date.self { return (storedDate(number) as! D) }
            if D.self == Double.self { return (number as! D) }
        case .blob, .null: break
        }
        return nil
    }

    /// A date stored as seconds since 1970, rounded to the microsecond as sqlite-nio rounds it
    /// (so that a date read back equals the one written).
    private static func storedDate(_ seconds: Double) -> Date {
        let sinceReference = seconds - Date.timeIntervalBetween1970AndReferenceDate
        return Date(timeIntervalSinceReferenceDate: (sinceReference * 1e6).rounded() / 1e6)
    }
}

/// Decodes a type that reads itself from a single value (`singleValueContainer()`), with the
/// same direct reads as `ResultRow`. It gives up, with an error the caller discards, on
/// everything else (a keyed or list container, or a value of another type), and the caller
/// then asks sqlite-kit's decoder, as before. A standard type that decodes itself as itself
/// (`Int64` asks for an `Int64`) would ask again forever, so it gives up three types deep: an
/// optional `Choice` is two.
private struct ValueReader: Decoder, SingleValueDecodingContainer {
    struct GivesUp: Error {}

    let value: SQLiteData
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw GivesUp() }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw GivesUp() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let direct: T = ResultRow.direct(value) { return direct }
        guard depth < 3 else { throw GivesUp() }
        return try T(from: ValueReader(value: value, depth: depth + 1))
    }
}

extension UUID {
    /// Reads the 36-character form (`8-4-4-4-12` hex digits, either case); nil for anything else.
    init?(databaseText text: String) {
        var text = text
        let parsed: uuid_t?? = text.withUTF8 { bytes -> uuid_t? in
            guard bytes.count == 36 else { return nil }
            var result: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var position = 0
            let ok = withUnsafeMutableBytes(of: &result) { out -> Bool in
                for index in 0..<16 {
                    if position == 8 || position == 13 || position == 18 || position == 23 {
                        guard bytes[position] == UInt8(ascii: "-") else { return false }
                        position += 1
                    }
                    guard let high = hexValue(bytes[position]), let low = hexValue(bytes[position + 1]) else {
                        return false
                    }
                    out[index] = high << 4 | low
                    position += 2
                }
                return true
            }
            return ok ? result : nil
        }
        guard let uuid = parsed ?? nil else { return nil }
        self.init(uuid: uuid)
    }
}

extension UUID {
    /// The same text as `uuidString` (upper-case hex, as every id is stored), without going
    /// through `snprintf`.
    public var databaseText: String {
        String(unsafeUninitializedCapacity: 36) { writeDatabaseText(to: $0) }
    }

    /// Writes `databaseText`'s 36 bytes to the start of `out`, which holds at least 36; how many
    /// it wrote. The API's JSON writer writes ids with it, without making a string of each.
    public func writeDatabaseText(to out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let digits: StaticString = "0123456789ABCDEF"
        return withUnsafeBytes(of: uuid) { bytes in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                out[position] = digits.utf8Start[Int(byte >> 4)]
                out[position + 1] = digits.utf8Start[Int(byte & 0x0f)]
                position += 2
            }
            return position
        }
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}
