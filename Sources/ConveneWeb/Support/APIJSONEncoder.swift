import ConveneCore
import ConveneStore
import Foundation
import NIOCore
import Vapor

/// Writes the API's responses: the same bytes as `JSONCoding.encoder()` (Foundation's encoder
/// with ISO 8601 instants and sorted keys), which a test checks value by value, at a fraction of
/// the cost. Foundation's encoder took a third of the time of the dashboard's list of clocks.
struct APIJSONEncoder: ContentEncoder {
    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        headers.contentType = .json
        try Self.write(encodable, to: &body)
    }

    /// Writes a value as JSON; throws for a value that has none (a number that is not finite).
    static func write<E: Encodable>(_ value: E, to buffer: inout ByteBuffer) throws {
        if let writable = value as? any APIJSONWritable { return try writable.writeJSON(to: &buffer) }
        try APIJSONValue.of(value).write(to: &buffer)
    }
}

/// One JSON value, as the API encoder builds it from a value's `Encodable` conformance. It writes
/// each value once, as it is encoded; like `PageContextEncoder`, and for the same reason, it is not
/// generic over the tree it builds: the runtime looked up a generic container's type for every
/// value, which cost more than Foundation's encoder.
enum APIJSONValue {
    case string(String)
    /// An id, written as its upper-case text (which needs no escaping) without making a string.
    case id(UUID)
    /// An instant, written as `instant(_:)` writes it.
    case instant(Date)
    /// A number, already written out.
    case number(String)
    /// A number JSON cannot hold (NaN or an infinity): refused when written, as Foundation refuses it.
    case notANumber(Double)
    case bool(Bool)
    case null
    /// Fields in the order they were set; of a key set twice, the later is written.
    case object([(key: String, value: APIJSONValue)])
    case array([APIJSONValue])

    /// The value, written as Foundation's encoder writes it.
    static func of<T: Encodable>(_ value: T) throws -> APIJSONValue {
        if let direct = direct(value) { return direct }
        let node = Node()
        try value.encode(to: node)
        return node.value
    }

    private static let integerTypes: [any Any.Type] = [
        Int64.self, Int32.self, Int16.self, Int8.self, UInt.self, UInt64.self, UInt32.self, UInt16.self, UInt8.self,
    ]

    /// The types Foundation's encoder writes in its own way, and every standard type (which
    /// encode themselves as themselves, so must stop here). Compared by type, which costs less
    /// than a cast that fails.
    private static func direct<T: Encodable>(_ value: T) -> APIJSONValue? {
        let type = T.self
        if type == String.self { return .string(value as! String) }
        if type == Int.self { return .number(String(value as! Int)) }
        if type == Bool.self { return .bool(value as! Bool) }
        if type == UUID.self { return .id(value as! UUID) }
        if type == Date.self { return .instant(value as! Date) }
        if type == Double.self { return number(value as! Double) }
        if type == URL.self { return .string((value as! URL).absoluteString) }
        if type == Float.self { return number(Double(value as! Float)) }
        if integerTypes.contains(where: { $0 == type }) { return .number("\(value)") }
        return nil
    }

    /// As Foundation writes a double: its shortest form, without a trailing `.0`.
    private static func number(_ value: Double) -> APIJSONValue {
        guard value.isFinite else { return .notANumber(value) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    /// `2026-11-24T09:30:00Z`: the instant in UTC to the second, the fraction dropped, as
    /// `Date.ISO8601FormatStyle()` writes it.
    static func instant(_ date: Date) -> String {
        let (day, second) = utc(date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }

    /// The instant's day in UTC and the second of that day, the fraction dropped.
    private static func utc(_ date: Date) -> (day: LocalDate, second: Int) {
        LocalDate.dayAndSecond(Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// An instant as `instant(_:)` writes it: years 1000 to 9999 digit by digit, without making
    /// strings (a page of 100 clocks has 300 instants), others through `instant(_:)`.
    private static func write(instant date: Date, to buffer: inout ByteBuffer, escapingSlashes: Bool) {
        let (local, second) = utc(date)
        guard (1000...9999).contains(local.year) else {
            return write(instant(date), to: &buffer, escapingSlashes: escapingSlashes)
        }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 22) { raw in
            let out = raw.bindMemory(to: UInt8.self)
            var position = 0
            func put(_ byte: UInt8) {
                out[position] = byte
                position += 1
            }
            func digits(_ number: Int, _ count: Int) {
                var divisor = 1
                for _ in 1..<count { divisor *= 10 }
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(number / divisor % 10))
                    divisor /= 10
                }
            }
            put(UInt8(ascii: "\""))
            digits(local.year, 4)
            put(UInt8(ascii: "-"))
            digits(local.month, 2)
            put(UInt8(ascii: "-"))
            digits(local.day, 2)
            put(UInt8(ascii: "T"))
            digits(second / 3600, 2)
            put(UInt8(ascii: ":"))
            digits(second / 60 % 60, 2)
            put(UInt8(ascii: ":"))
            digits(second % 60, 2)
            put(UInt8(ascii: "Z"))
            put(UInt8(ascii: "\""))
            return position
        }
    }

    /// Writes the value; a log line leaves slashes unescaped, as `.withoutEscapingSlashes` does.
    func write(to buffer: inout ByteBuffer, escapingSlashes: Bool = true) throws {
        switch self {
        case .string(let text): Self.write(text, to: &buffer, escapingSlashes: escapingSlashes)
        case .id(let id):
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 38) { raw in
                let out = raw.bindMemory(to: UInt8.self)
                out[0] = UInt8(ascii: "\"")
                let length = id.writeDatabaseText(to: UnsafeMutableBufferPointer(rebasing: out[1...]))
                out[length + 1] = UInt8(ascii: "\"")
                return length + 2
            }
        case .instant(let date): Self.write(instant: date, to: &buffer, escapingSlashes: escapingSlashes)
        case .number(let text): buffer.writeString(text)
        case .notANumber(let value):
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid JSON"))
        case .bool(let flag): buffer.writeStaticString(flag ? "true" : "false")
        case .null: buffer.writeStaticString("null")
        case .array(let items):
            try buffer.writeJSONArray(items) { item, buffer in try item.write(to: &buffer, escapingSlashes: escapingSlashes) }
        case .object(let fields):
            buffer.writeInteger(UInt8(ascii: "{"))
            // Keys in the order of their UTF-8 bytes, as Foundation's `.sortedKeys` orders them;
            // a key set twice sorts in the order it was set, and only the later is written.
            let sorted = fields.enumerated().sorted { a, b in
                a.element.key == b.element.key
                    ? a.offset < b.offset : a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
            }
            var first = true
            for (position, field) in sorted.enumerated()
            where position + 1 == sorted.count || sorted[position + 1].element.key != field.element.key {
                if !first { buffer.writeInteger(UInt8(ascii: ",")) }
                first = false
                Self.write(field.element.key, to: &buffer, escapingSlashes: escapingSlashes)
                buffer.writeInteger(UInt8(ascii: ":"))
                try field.element.value.write(to: &buffer, escapingSlashes: escapingSlashes)
            }
            buffer.writeInteger(UInt8(ascii: "}"))
        }
    }

    /// A string with `"`, `\`, `/` and control characters escaped, as Foundation escapes them.
    private static func write(_ text: String, to buffer: inout ByteBuffer, escapingSlashes: Bool) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escaped: StaticString
                switch byte {
                case UInt8(ascii: "\""): escaped = "\\\""
                case UInt8(ascii: "\\"): escaped = "\\\\"
                case UInt8(ascii: "/") where escapingSlashes: escaped = "\\/"
                case 0x08: escaped = "\\b"
                case 0x0C: escaped = "\\f"
                case 0x0A: escaped = "\\n"
                case 0x0D: escaped = "\\r"
                case 0x09: escaped = "\\t"
                case 0x00..<0x20: escaped = ""
                default: continue
                }
                buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                if escaped.utf8CodeUnitCount > 0 {
                    buffer.writeStaticString(escaped)
                } else {
                    let digits: StaticString = "0123456789abcdef"
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(digits.utf8Start[Int(byte >> 4)])
                    buffer.writeInteger(digits.utf8Start[Int(byte & 0x0F)])
                }
                start = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...])))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }
}

extension APIJSONValue {
    /// Where one value is written: an object, an array or a single value.
    private final class Node: Encoder, SingleValueEncodingContainer {
        enum Content {
            case nothing
            case object(Fields)
            case array(Items)
            case value(APIJSONValue)
        }

        var content = Content.nothing
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        /// What was written; a value that wrote nothing at all is an empty object, as in Foundation.
        var value: APIJSONValue {
            switch content {
            case .nothing: return .object([])
            case .object(let fields): return .object(fields.resolved)
            case .array(let items): return .array(items.resolved)
            case .value(let value): return value
            }
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object(let fields) = content { return KeyedEncodingContainer(Keyed(fields: fields)) }
            let fields = Fields()
            content = .object(fields)
            return KeyedEncodingContainer(Keyed(fields: fields))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .array(let items) = content { return items }
            let items = Items()
            content = .array(items)
            return items
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() throws { content = .value(.null) }
        func encode(_ value: String) throws { content = .value(.string(value)) }
        func encode(_ value: Bool) throws { content = .value(.bool(value)) }
        func encode(_ value: Int) throws { content = .value(.number(String(value))) }
        func encode<T: Encodable>(_ value: T) throws { content = .value(try APIJSONValue.of(value)) }
    }

    /// An object's fields, and any nested containers or encoders, which are read when it is. A
    /// list, not a dictionary: objects have a dozen fields, which hashing cost more than finding.
    private final class Fields {
        enum Field {
            case value(APIJSONValue)
            case later(Node)
        }

        var fields: [(key: String, field: Field)] = []

        var resolved: [(key: String, value: APIJSONValue)] {
            fields.map { key, field in
                switch field {
                case .value(let value): return (key, value)
                case .later(let node): return (key, node.value)
                }
            }
        }

        func set(_ value: APIJSONValue, _ key: String) { put(.value(value), key) }

        func node(_ key: String) -> Node {
            let node = Node()
            put(.later(node), key)
            return node
        }

        private func put(_ field: Field, _ key: String) { fields.append((key, field)) }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let fields: Fields
        var codingPath: [any CodingKey] { [] }

        func encodeNil(forKey key: Key) throws { fields.set(.null, key.stringValue) }
        func encode(_ value: String, forKey key: Key) throws { fields.set(.string(value), key.stringValue) }
        func encode(_ value: Bool, forKey key: Key) throws { fields.set(.bool(value), key.stringValue) }
        func encode(_ value: Int, forKey key: Key) throws { fields.set(.number(String(value)), key.stringValue) }
        func encode<T: Encodable>(_ value: T, forKey key: Key) throws { fields.set(try APIJSONValue.of(value), key.stringValue) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            fields.node(key.stringValue).container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            fields.node(key.stringValue).unkeyedContainer()
        }

        func superEncoder() -> any Encoder { fields.node("super") }
        func superEncoder(forKey key: Key) -> any Encoder { fields.node(key.stringValue) }
    }

    /// An array's items, in order.
    private final class Items: UnkeyedEncodingContainer {
        enum Item {
            case value(APIJSONValue)
            case later(Node)
        }

        var items: [Item] = []
        var codingPath: [any CodingKey] { [] }
        var count: Int { items.count }

        var resolved: [APIJSONValue] {
            items.map {
                switch $0 {
                case .value(let value): return value
                case .later(let node): return node.value
                }
            }
        }

        func encodeNil() throws { items.append(.value(.null)) }
        func encode(_ value: String) throws { items.append(.value(.string(value))) }
        func encode(_ value: Bool) throws { items.append(.value(.bool(value))) }
        func encode(_ value: Int) throws { items.append(.value(.number(String(value)))) }
        func encode<T: Encodable>(_ value: T) throws { items.append(.value(try APIJSONValue.of(value))) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            later().container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { later().unkeyedContainer() }
        func superEncoder() -> any Encoder { later() }

        private func later() -> Node {
            let node = Node()
            items.append(.later(node))
            return node
        }
    }
}
