import ConveneCore
import Foundation
import OpenAPIKit

/// Derives the OpenAPI schema of a body from what it encodes: every key its `Encodable`
/// implementation writes, with the kind of value it writes there (a UUID, a date-time, a date, one
/// of a `Choice`'s values, text, a number, a list or an object). Encoding one sample with every
/// optional filled shows every property, so the schema follows the JSON the API sends, whatever
/// the type's properties are called. Properties are not marked required: a sample cannot say which
/// ones a real answer may leave out.
enum SchemaEncoder {
    static func schema<Body: Encodable>(of sample: Body) throws -> JSONSchema {
        let root = Node()
        try root.take(sample)
        return root.schema
    }

    /// What was written at one place: filled in as the value encodes itself.
    final class Node {
        indirect enum Kind {
            case unknown
            case string(JSONTypeFormat.StringFormat, allowed: [String]?)
            case integer, number, boolean, null
            case object([(String, Node)])
            case map(Node)
            case array(Node)
        }

        var kind = Kind.unknown

        /// The value's schema, recognising the types whose JSON is a formatted string.
        func take<Value: Encodable>(_ value: Value) throws {
            switch value {
            case is UUID: kind = .string(.other("uuid"), allowed: nil)
            case is Date: kind = .string(.dateTime, allowed: nil)
            case is LocalDate: kind = .string(.date, allowed: nil)
            case is URL: kind = .string(.uri, allowed: nil)
            case let choice as any Choice: kind = .string(.generic, allowed: Self.values(of: choice))
            case let map as [String: any Encodable]:
                let values = Node()
                if let first = map.values.first { try values.take(first) }
                kind = .map(values)
            default: try value.encode(to: NodeEncoder(node: self))
            }
        }

        private static func values<C: Choice>(of choice: C) -> [String] { C.allCases.map(\.rawValue) }

        var schema: JSONSchema {
            switch kind {
            case .unknown: return .fragment(required: false)
            case .string(let format, let allowed):
                return .string(format: format, required: false, allowedValues: allowed?.map { .init($0) })
            case .integer: return .integer(required: false)
            case .number: return .number(required: false)
            case .boolean: return .boolean(required: false)
            case .null: return .null()
            case .object(let properties):
                return .object(
                    required: false,
                    properties: OrderedDictionary(properties.map { ($0.0, $0.1.schema) }, uniquingKeysWith: { a, _ in a }))
            case .map(let values): return .object(required: false, additionalProperties: .init(values.schema))
            case .array(let items): return .array(required: false, items: items.schema)
            }
        }

        /// The node under `key`, making this node an object if it is not one yet.
        func child(_ key: String) -> Node {
            var properties: [(String, Node)] = []
            if case .object(let existing) = kind { properties = existing }
            if let found = properties.first(where: { $0.0 == key }) { return found.1 }
            let node = Node()
            properties.append((key, node))
            kind = .object(properties)
            return node
        }
    }

    private struct NodeEncoder: Encoder {
        let node: Node
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .unknown = node.kind { node.kind = .object([]) }
            return KeyedEncodingContainer(Keyed(node: node))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(node: node) }
        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node) }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey] = []

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode(_ value: Bool, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try node.child(key.stringValue).take(value) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            let child = node.child(key.stringValue)
            child.kind = .object([])
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(node: node.child(key.stringValue))
        }
        mutating func superEncoder() -> any Encoder { NodeEncoder(node: node) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.child(key.stringValue)) }
    }

    /// A list: its items' schema is that of its first item.
    private struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] = []
        var count = 0
        private let items = Node()

        init(node: Node) {
            self.node = node
            node.kind = .array(items)
        }

        mutating func encodeNil() throws { count += 1 }
        mutating func encode<T: Encodable>(_ value: T) throws { try item(value) }
        mutating func encode(_ value: Bool) throws { try item(value) }
        mutating func encode(_ value: String) throws { try item(value) }
        mutating func encode(_ value: Double) throws { try item(value) }
        mutating func encode(_ value: Float) throws { try item(value) }
        mutating func encode(_ value: Int) throws { try item(value) }
        mutating func encode(_ value: Int8) throws { try item(value) }
        mutating func encode(_ value: Int16) throws { try item(value) }
        mutating func encode(_ value: Int32) throws { try item(value) }
        mutating func encode(_ value: Int64) throws { try item(value) }
        mutating func encode(_ value: UInt) throws { try item(value) }
        mutating func encode(_ value: UInt8) throws { try item(value) }
        mutating func encode(_ value: UInt16) throws { try item(value) }
        mutating func encode(_ value: UInt32) throws { try item(value) }
        mutating func encode(_ value: UInt64) throws { try item(value) }

        private mutating func item<T: Encodable>(_ value: T) throws {
            if count == 0 { try items.take(value) }
            count += 1
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            count += 1
            if case .unknown = items.kind { items.kind = .object([]) }
            return KeyedEncodingContainer(Keyed<NestedKey>(node: items))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            return Unkeyed(node: items)
        }
        mutating func superEncoder() -> any Encoder { NodeEncoder(node: items) }
    }

    private struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] = []

        mutating func encodeNil() throws { node.kind = .null }
        mutating func encode(_ value: Bool) throws { node.kind = .boolean }
        mutating func encode(_ value: String) throws { node.kind = .string(.generic, allowed: nil) }
        mutating func encode(_ value: Double) throws { node.kind = .number }
        mutating func encode(_ value: Float) throws { node.kind = .number }
        mutating func encode(_ value: Int) throws { node.kind = .integer }
        mutating func encode(_ value: Int8) throws { node.kind = .integer }
        mutating func encode(_ value: Int16) throws { node.kind = .integer }
        mutating func encode(_ value: Int32) throws { node.kind = .integer }
        mutating func encode(_ value: Int64) throws { node.kind = .integer }
        mutating func encode(_ value: UInt) throws { node.kind = .integer }
        mutating func encode(_ value: UInt8) throws { node.kind = .integer }
        mutating func encode(_ value: UInt16) throws { node.kind = .integer }
        mutating func encode(_ value: UInt32) throws { node.kind = .integer }
        mutating func encode(_ value: UInt64) throws { node.kind = .integer }
        mutating func encode<T: Encodable>(_ value: T) throws { try node.take(value) }
    }
}
