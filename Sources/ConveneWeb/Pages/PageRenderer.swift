import Foundation
import Leaf
import LeafKit
import Vapor

/// Leaf's templates, with the page's context turned into Leaf's data by `PageContextEncoder`
/// instead of Leaf's own encoder (a quarter of the time Leaf took to render a case page), and
/// rendered by the template's `CompiledTemplate` once LeafKit has parsed and cached it (LeafKit's
/// serializer was a quarter of the case page's CPU). Templates, tags, the cache and escaping are
/// Leaf's; LeafKit still renders a template the first time, and any page the compiled one hands
/// back.
struct PageRenderer: ViewRenderer {
    let leaf: LeafRenderer
    let compiled: CompiledTemplates

    func `for`(_ request: Request) -> any ViewRenderer {
        PageRenderer(leaf: request.leaf, compiled: request.application.compiledTemplates)
    }

    func render<E: Encodable>(_ name: String, _ context: E) -> EventLoopFuture<View> {
        let data: [String: LeafData]
        do {
            data = try PageContextEncoder.encode(context)
        } catch {
            return leaf.eventLoop.makeFailedFuture(error)
        }
        if let template = compiled.template(name), let rendered = try? template.render(data) {
            guard compiled.checkedAgainstLeaf else {
                return leaf.eventLoop.makeSucceededFuture(View(data: rendered))
            }
            return leaf.render(path: name, context: data).flatMapThrowing { expected in
                guard expected == rendered else {
                    throw Abort(.internalServerError, reason: "The compiled template \(name) rendered differently from Leaf")
                }
                return View(data: rendered)
            }
        }
        let rendered = leaf.render(path: name, context: data)
        guard !compiled.isKnown(name) else { return rendered.map(View.init(data:)) }
        // LeafKit has now parsed and cached the template (unless its cache is off, in development).
        // LeafRenderer holds only constants, and LeafKit shares it across its own futures the same way.
        nonisolated(unsafe) let leaf = leaf
        let compiled = compiled
        return rendered.flatMap { buffer in
            leaf.cache.retrieve(documentName: name, on: leaf.eventLoop).map { ast in
                if let ast { compiled.compile(name, from: ast, tags: leaf.tags) }
                return View(data: buffer)
            }
        }
    }
}

/// Encodes a page's context as Leaf's encoder does: a record is a dictionary, a list an array, an
/// absent optional no key at all, and anything Leaf can represent itself (text, numbers, booleans,
/// UUIDs, dates) as Leaf represents it. It writes each value once, where Leaf's encoder keeps a
/// tree of boxes to resolve at the end.
enum PageContextEncoder {
    static func encode(_ context: some Encodable) throws -> [String: LeafData] {
        // A context that encoded nothing is an empty record, as in Leaf.
        guard let data = try data(context) else { return [:] }
        guard let dictionary = data.dictionary else {
            throw Abort(.internalServerError, reason: "A page's context must be a record")
        }
        return dictionary
    }

    /// One value as Leaf data; nil for a value that encoded nothing (an absent optional).
    static func data<T: Encodable>(_ value: T) throws -> LeafData? {
        // Recognised by type, which costs less than a cast that fails for every record and list.
        let type = T.self
        if type == String.self { return .string(value as! String as String) }
        if type == Int.self { return .int(value as! Int as Int) }
        if type == Bool.self { return .bool(value as! Bool as Bool) }
        if representedByLeaf.contains(where: { $0 == type }) { return (value as! any LeafDataRepresentable).leafData }
        // Lists and dictionaries of these Leaf would represent itself, with the same data.
        let encoder = Node()
        try value.encode(to: encoder)
        return encoder.data
    }

    /// The other standard types Leaf represents in its own way: a date as seconds since 1970, for
    /// one, where `Encodable` writes seconds since 2001.
    private static let representedByLeaf: [any Any.Type] = [
        Date.self, UUID.self, Double.self, Float.self, Int64.self, Int32.self, Int16.self, Int8.self, UInt.self,
        UInt64.self, UInt32.self, UInt16.self, UInt8.self,
    ]

    /// Where one value is written: a record, a list or a single value.
    fileprivate final class Node: Encoder, SingleValueEncodingContainer {
        enum Content {
            case nothing
            case record(Record)
            case list(List)
            case value(LeafData)
        }

        var content = Content.nothing
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        var data: LeafData? {
            switch content {
            case .nothing: return nil
            case .record(let record): return .dictionary(record.resolved)
            case .list(let list): return .array(list.resolved)
            case .value(let value): return value
            }
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .record(let record) = content { return KeyedEncodingContainer(Keyed(record: record)) }
            let record = Record()
            content = .record(record)
            return KeyedEncodingContainer(Keyed(record: record))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .list(let list) = content { return list }
            let list = List()
            content = .list(list)
            return list
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() throws { content = .nothing }
        func encode(_ value: String) throws { content = .value(.string(value)) }
        func encode(_ value: Bool) throws { content = .value(.bool(value)) }
        func encode(_ value: Int) throws { content = .value(.int(value)) }
        func encode<T: Encodable>(_ value: T) throws {
            content = try PageContextEncoder.data(value).map(Content.value) ?? .nothing
        }
    }

    /// A record's fields, and any nested containers or encoders, which are read when it is.
    fileprivate final class Record {
        var values: [String: LeafData] = [:]
        var later: [String: Node] = [:]

        var resolved: [String: LeafData] {
            later.isEmpty ? values : values.merging(later.compactMapValues(\.data)) { _, nested in nested }
        }

        func set(_ value: LeafData?, _ key: String) {
            later[key] = nil
            values[key] = value
        }

        func node(_ key: String) -> Node {
            let node = Node()
            values[key] = nil
            later[key] = node
            return node
        }
    }

    fileprivate struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let record: Record
        var codingPath: [any CodingKey] { [] }

        func encodeNil(forKey key: Key) throws {}
        func encode(_ value: String, forKey key: Key) throws { record.set(.string(value), key.stringValue) }
        func encode(_ value: Bool, forKey key: Key) throws { record.set(.bool(value), key.stringValue) }
        func encode(_ value: Int, forKey key: Key) throws { record.set(.int(value), key.stringValue) }
        func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            guard let data = try PageContextEncoder.data(value) else { return }
            record.set(data, key.stringValue)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            record.node(key.stringValue).container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            record.node(key.stringValue).unkeyedContainer()
        }

        func superEncoder() -> any Encoder { record.node("super") }
        func superEncoder(forKey key: Key) -> any Encoder { record.node(key.stringValue) }
    }

    /// A list's items, in order; an item that encoded nothing is left out, as Leaf leaves it out.
    fileprivate final class List: UnkeyedEncodingContainer {
        enum Item {
            case value(LeafData)
            case later(Node)
        }

        var items: [Item] = []
        var codingPath: [any CodingKey] { [] }
        var count: Int { items.count }

        var resolved: [LeafData] {
            items.compactMap {
                switch $0 {
                case .value(let value): return value
                case .later(let node): return node.data
                }
            }
        }

        func encodeNil() throws {}
        func encode(_ value: String) throws { items.append(.value(.string(value))) }
        func encode(_ value: Bool) throws { items.append(.value(.bool(value))) }
        func encode(_ value: Int) throws { items.append(.value(.int(value))) }
        func encode<T: Encodable>(_ value: T) throws {
            if let data = try PageContextEncoder.data(value) { items.append(.value(data)) }
        }

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
