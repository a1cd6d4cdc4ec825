import Foundation
import Leaf
import LeafKit
import NIOConcurrencyHelpers
import NIOCore

/// A page template compiled once from the syntax LeafKit has parsed and flattened (`#extend`,
/// `#export` and `#import` already resolved), with every key path split in advance.
///
/// LeafKit's serializer splits every `#(a.b)` path at each use and copies the whole page context
/// for every row of a loop: it was a quarter of the case page's CPU and most of the dashboard's
/// rendering. This renders the same bytes: the same escaping, truthiness, comparisons and tags,
/// decided through `LeafData`'s own public API. A template with anything else in it is not
/// compiled and stays LeafKit's; a value met while rendering that this does not write itself (a
/// number with a fraction, a list or a record written out) hands the page back to LeafKit, which
/// renders it, or fails, exactly as before. `CompiledTemplateTests` compares the two.
struct CompiledTemplate: Sendable {
    fileprivate let steps: [Step]
    /// What the output of the last render needed, so the next starts with room for it.
    fileprivate let sizeHint: NIOLockedValueBox<Int>

    /// Compiles a flattened template, or nil when it uses something this does not render itself.
    init?(flattened syntax: [Syntax], tags: [String: any LeafTag]) {
        // Convene sets none of Leaf's formatters: the output is what Leaf's defaults write.
        guard LeafConfiguration.nilFormatter().isEmpty, LeafConfiguration.stringFormatter("<&x>") == "<&x>",
            let steps = Compiler(tags: tags).steps(syntax)
        else { return nil }
        self.steps = steps
        sizeHint = NIOLockedValueBox(4096)
    }

    /// Renders the template with a page's context; throws `HandBack` for LeafKit to render it.
    func render(_ context: [String: LeafData]) throws -> ByteBuffer {
        var writer = Writer(
            context: context, output: ByteBufferAllocator().buffer(capacity: sizeHint.withLockedValue { $0 }))
        try writer.run(steps)
        let size = writer.output.readableBytes
        sizeHint.withLockedValue { $0 = size }
        return writer.output
    }

    /// Something in the page this renderer leaves to LeafKit.
    struct HandBack: Error {}
}

// MARK: - Steps

private indirect enum Step: Sendable {
    case raw(ByteBuffer)
    /// `#(value)` or `#tag(…)`: the value, HTML-escaped.
    case write(Value)
    /// `#if`, `#elseif`, `#else`: the first branch whose condition holds.
    case choose([Branch])
    /// `#for(item in list)`, with LeafKit's `isFirst`, `isLast` and index variables.
    case loop(item: String, index: String, list: [String], body: [Step])
}

private struct Branch: Sendable {
    var condition: Value
    var body: [Step]
}

private indirect enum Value: Sendable {
    case constant(LeafData)
    case variable([String])
    case not(Value)
    case and(Value, Value)
    case or(Value, Value)
    case equal(Value, Value)
    case unequal(Value, Value)
    /// Convene's `isEmpty` tag.
    case isEmpty(Value)
    /// LeafKit's `count` tag.
    case count(Value)
}

// MARK: - Compiling

/// Turns LeafKit's syntax into steps, mirroring `LeafSerializer` and `ParameterResolver` case by
/// case; nil for anything outside what Convene's templates use.
private struct Compiler {
    let tags: [String: any LeafTag]

    func steps(_ syntax: [Syntax]) -> [Step]? {
        var compiled: [Step] = []
        for node in syntax {
            switch node {
            case .raw(let bytes):
                compiled.append(.raw(bytes))
            case .expression(let expression):
                guard let value = value(expression: expression) else { return nil }
                compiled.append(.write(value))
            case .custom(let tag) where tag.params.isEmpty && tags[tag.name] == nil:
                // Not a tag at all (`href="#main"`): LeafKit writes its name back, and nothing of a body.
                compiled.append(.raw(ByteBuffer(string: "#" + tag.name)))
            case .custom(let tag):
                guard let value = value(tag: tag) else { return nil }
                compiled.append(.write(value))
            case .conditional(let conditional):
                var branches: [Branch] = []
                for (condition, body) in conditional.chain {
                    let test: Value?
                    switch condition {
                    case .if(let parameters), .elseif(let parameters):
                        test = parameters.count == 1 ? value(parameters[0]) : nil
                    case .else:
                        test = .constant(.bool(true))
                    }
                    guard let test, let body = steps(body) else { return nil }
                    branches.append(Branch(condition: test, body: body))
                }
                compiled.append(.choose(branches))
            case .loop(let loop):
                let list = loop.array.split(separator: ".").map(String.init)
                guard !list.isEmpty, let body = steps(loop.body) else { return nil }
                compiled.append(.loop(item: loop.item, index: loop.index, list: list, body: body))
            case .with, .import, .extend, .export:
                return nil
            }
        }
        return compiled
    }

    func value(_ parameter: ParameterDeclaration) -> Value? {
        switch parameter {
        case .expression(let expression): return value(expression: expression)
        case .tag(let tag): return value(tag: tag)
        case .parameter(let parameter):
            switch parameter {
            case .constant(.int(let number)): return .constant(.int(number))
            case .constant(.double(let number)): return .constant(.double(number))
            case .stringLiteral(let text): return .constant(.string(text))
            case .variable(let path):
                let keys = path.split(separator: ".").map(String.init)
                return keys.isEmpty ? .constant(.trueNil) : .variable(keys)
            case .keyword(.nil): return .constant(.trueNil)
            case .keyword(.true), .keyword(.yes): return .constant(.bool(true))
            case .keyword(.false), .keyword(.no): return .constant(.bool(false))
            default: return nil
            }
        }
    }

    /// An expression of one, two (a prefix operator) or three parts (an infix operator), as the
    /// parser leaves them grouped by precedence.
    func value(expression: [ParameterDeclaration]) -> Value? {
        switch expression.count {
        case 1:
            return value(expression[0])
        case 2:
            guard case .parameter(.operator(.not)) = expression[0], let operand = value(expression[1]) else { return nil }
            return .not(operand)
        case 3:
            guard case .parameter(.operator(let op)) = expression[1], let lhs = value(expression[0]),
                let rhs = value(expression[2])
            else { return nil }
            switch op {
            case .and: return .and(lhs, rhs)
            case .or: return .or(lhs, rhs)
            case .equal: return .equal(lhs, rhs)
            case .unequal: return .unequal(lhs, rhs)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The two tags Convene's templates use, when they are the ones this knows.
    func value(tag: Syntax.CustomTagDeclaration) -> Value? {
        // Neither tag reads a body.
        guard tag.params.count == 1, let found = tags[tag.name], let operand = value(tag.params[0]) else { return nil }
        if found is IsEmptyTag { return .isEmpty(operand) }
        if tag.name == "count", String(reflecting: type(of: found)) == "LeafKit.Count" { return .count(operand) }
        return nil
    }
}

// MARK: - Rendering

private struct Writer {
    let context: [String: LeafData]
    /// The loops' variables, innermost last: they hide the page's own keys, as LeafKit's copy of
    /// the context with them added does.
    var locals: [(name: String, value: LeafData)] = []
    var output: ByteBuffer

    init(context: [String: LeafData], output: ByteBuffer) {
        self.context = context
        self.output = output
    }

    mutating func run(_ steps: [Step]) throws {
        for step in steps {
            switch step {
            case .raw(let bytes):
                output.writeImmutableBuffer(bytes)
            case .write(let value):
                try write(evaluate(value))
            case .choose(let branches):
                for branch in branches {
                    guard Self.holds(try evaluate(branch.condition)) else { continue }
                    try run(branch.body)
                    break
                }
            case .loop(let item, let index, let list, let body):
                // LeafKit fails on a list that is not there; let it say so.
                guard let items = walk(list)?.array else { throw CompiledTemplate.HandBack() }
                let depth = locals.count
                for (position, element) in items.enumerated() {
                    locals.append(("isFirst", .bool(position == 0)))
                    locals.append(("isLast", .bool(position == items.count - 1)))
                    locals.append((index, .int(position)))
                    locals.append((item, element))
                    try run(body)
                    locals.removeSubrange(depth...)
                }
            }
        }
    }

    /// The value at a key path (LeafKit's `keyPath`): every part but the last must be a record;
    /// nil when one is not, or the last key is missing.
    private func walk(_ path: [String]) -> LeafData? {
        var current = lookUp(path[0])
        for key in path.dropFirst() {
            guard let record = current?.dictionary else { return nil }
            current = record[key]
        }
        return current
    }

    private func lookUp(_ key: String) -> LeafData? {
        for local in locals.reversed() where local.name == key { return local.value }
        return context[key]
    }

    private func evaluate(_ value: Value) throws -> LeafData {
        switch value {
        case .constant(let data):
            return data
        case .variable(let path):
            return walk(path) ?? .trueNil
        case .not(let operand):
            return .bool(!Self.truth(try evaluate(operand)))
        case .and(let lhs, let rhs):
            // Both sides are evaluated, as LeafKit does, so that an error on the right still counts.
            let (left, right) = (try evaluate(lhs), try evaluate(rhs))
            return .bool(Self.truth(left) && Self.truth(right))
        case .or(let lhs, let rhs):
            let (left, right) = (try evaluate(lhs), try evaluate(rhs))
            return .bool(Self.truth(left) || Self.truth(right))
        case .equal(let lhs, let rhs):
            return .bool(try evaluate(lhs) == evaluate(rhs))
        case .unequal(let lhs, let rhs):
            return .bool(try evaluate(lhs) != evaluate(rhs))
        case .isEmpty(let operand):
            return IsEmptyTag.isEmpty(try evaluate(operand))
        case .count(let operand):
            let collection = try evaluate(operand)
            if let array = collection.array { return .int(array.count) }
            if let dictionary = collection.dictionary { return .int(dictionary.count) }
            throw CompiledTemplate.HandBack()  // LeafKit's count fails here; let it say so
        }
    }

    /// What `&&`, `||` and `!` make of a value (`ParameterResolver`).
    private static func truth(_ data: LeafData) -> Bool { data.bool ?? !data.isNil }

    /// Whether a condition holds (`LeafSerializer`): a boolean by its value, anything else present.
    private static func holds(_ data: LeafData) -> Bool { (data.bool ?? false) || (!data.isNil && data.celf != .bool) }

    /// Writes a value as LeafKit does: text, numbers and booleans as text, HTML-escaped; nothing for
    /// a missing value.
    private mutating func write(_ data: LeafData) throws {
        if data.isNil { return }
        switch data.celf {
        case .string, .int, .bool:
            guard let text = data.string else { throw CompiledTemplate.HandBack() }
            output.writeHTMLEscaped(text)
        default:
            throw CompiledTemplate.HandBack()
        }
    }
}

extension ByteBuffer {
    /// Writes text with `&`, `"`, `'`, `<` and `>` replaced by the entities LeafKit's `htmlEscaped()`
    /// uses; runs of other bytes are copied as they are.
    mutating func writeHTMLEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            func copy(upTo end: Int) {
                if end > start { writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<end]))) }
            }
            for (position, byte) in bytes.enumerated() {
                let entity: StaticString
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                default: continue
                }
                copy(upTo: position)
                writeStaticString(entity)
                start = position + 1
            }
            copy(upTo: bytes.count)
        }
    }
}

// MARK: - The templates of one application

/// The compiled templates, by name, made the first time LeafKit has rendered (and cached) each.
final class CompiledTemplates: Sendable {
    private enum Entry {
        case compiled(CompiledTemplate)
        /// LeafKit's to render: not cached yet, or not compilable.
        case leaf
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    /// When set (the tests set it), every page rendered here is also rendered by LeafKit and a
    /// difference fails the request, so every page a test asks for checks the two agree.
    let checkedAgainstLeaf: Bool

    init(checkedAgainstLeaf: Bool = false) {
        self.checkedAgainstLeaf = checkedAgainstLeaf
    }

    /// The compiled template, or nil when LeafKit renders this one.
    func template(_ name: String) -> CompiledTemplate? {
        guard case .compiled(let template) = entries.withLockedValue({ $0[name] }) else { return nil }
        return template
    }

    /// Whether `name` has been looked at since LeafKit cached it.
    func isKnown(_ name: String) -> Bool { entries.withLockedValue { $0[name] != nil } }

    /// The names compiled so far.
    var compiledNames: [String] {
        entries.withLockedValue { $0.compactMap { if case .compiled = $1 { $0 } else { nil } }.sorted() }
    }

    /// Compiles the flattened syntax LeafKit keeps for `name` (LeafKit's `LeafAST` keeps it
    /// internal, so it is read by reflection; if that ever fails, LeafKit renders every page).
    func compile(_ name: String, from ast: LeafAST, tags: [String: any LeafTag]) {
        var fields: [String: Any] = [:]
        for child in Mirror(reflecting: ast).children {
            if let label = child.label { fields[label] = child.value }
        }
        let entry: Entry =
            if fields["flat"] as? Bool == true, let syntax = fields["ast"] as? [Syntax],
                let template = CompiledTemplate(flattened: syntax, tags: tags)
            {
                .compiled(template)
            } else {
                .leaf
            }
        entries.withLockedValue { $0[name] = entry }
    }
}
