/// One problem with one input field, named the way the client sent it.
public struct FieldProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// What can go wrong in a use case. Knows nothing of HTTP; the web layer maps it.
public enum DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is incomplete or wrong; every problem is listed.
    case invalid([FieldProblem])
    /// No record of this kind has this id.
    case notFound(entity: String, id: String)
    /// The action is not allowed in the record's current state.
    case conflict(String)
    /// Someone else changed the record since it was read.
    case staleVersion(entity: String, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .invalid(let problems): return problems.map(\.description).joined(separator: "; ")
        case .notFound(let entity, let id): return "no \(entity) with id \(id)"
        case .conflict(let message): return message
        case .staleVersion(let entity, let expected, let actual):
            return "the \(entity) was changed by someone else (version \(actual), you had \(expected))"
        }
    }

    /// Shorthand for a single invalid field.
    public static func invalid(_ field: String, _ reason: String) -> DomainError {
        .invalid([FieldProblem(field: field, reason: reason)])
    }
}

/// Collects field problems while checking input, then throws them all at once.
public struct Validator: Sendable {
    public private(set) var problems: [FieldProblem] = []

    public init() {}

    public mutating func add(_ field: String, _ reason: String) {
        problems.append(FieldProblem(field: field, reason: reason))
    }

    /// Adds "is required" when the text is nil or only whitespace.
    public mutating func require(_ text: String?, _ field: String) {
        if text.isBlank { add(field, "is required") }
    }

    /// Adds a problem when text is longer than `max` characters, or holds characters no text of
    /// Convene may (`plainText`): every free text a person types is limited, so every one is checked.
    public mutating func limit(_ text: String?, _ field: String, max: Int) {
        if let text, text.count > max { add(field, "must be at most \(max) characters") }
        plainText(text, field)
    }

    /// The same for one of the fields whose limit `TextFields` holds; a one-line field (a name, a
    /// reference) also refuses line breaks and tabs, which would make two different values look alike.
    public mutating func limit(_ text: String?, _ field: TextField) {
        limit(text, field.name, max: field.max)
        if field.isOneLine, let text,
            text.unicodeScalars.contains(where: { [0x09, 0x0A, 0x2028, 0x2029].contains($0.value) })
        {
            add(field.name, "must be on one line, with no line breaks or tabs")
        }
    }

    /// Adds a problem when text holds a control character (U+0000–U+001F but tab and newline,
    /// U+007F–U+009F), a bidirectional override, isolate or mark (U+202A–U+202E, U+2066–U+2069, U+200E,
    /// U+200F, U+061C), a zero-width space or a byte-order mark (U+200B, U+FEFF): characters that
    /// could hide or reorder what a reader sees. Once per field.
    public mutating func plainText(_ text: String?, _ field: String) {
        guard let text, !problems.contains(where: { $0.field == field && $0.reason.hasPrefix("must not contain control") })
        else { return }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let control = (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
            let bidi =
                (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
                || value == 0x061C
            let invisible = value == 0x200B || value == 0xFEFF
            if control || bidi || invisible {
                add(field, "must not contain control or text-direction characters (found U+\(String(format: "%04X", value)))")
                return
            }
        }
    }

    public mutating func check(_ condition: Bool, _ field: String, _ reason: String) {
        if !condition { add(field, reason) }
    }

    /// Throws `DomainError.invalid` when any problem was added.
    public func throwIfInvalid() throws {
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }
}

extension Optional where Wrapped == String {
    /// True for nil, empty or whitespace-only text.
    public var isBlank: Bool {
        guard let self else { return true }
        return self.allSatisfy(\.isWhitespace)
    }
}
