import Foundation

/// How an organisation's messages go out: the sender name people see, where replies go, and the
/// address of Convene that links in messages start with.
public struct MailSettings: Sendable, Equatable, Codable {
    public var organisationId: UUID
    public var senderName: String
    public var replyTo: String?
    /// "https://convene.northmoor.gov.uk", no trailing slash.
    public var baseUrl: String

    public init(organisationId: UUID, senderName: String, replyTo: String?, baseUrl: String) {
        self.organisationId = organisationId
        self.senderName = senderName
        self.replyTo = replyTo
        self.baseUrl = baseUrl
    }
}

/// An administrator's change to an organisation's mail settings.
public struct MailSettingsInput: Sendable, Codable {
    public var senderName: String?
    public var replyTo: String?
    public var baseUrl: String?

    public init(senderName: String? = nil, replyTo: String? = nil, baseUrl: String? = nil) {
        self.senderName = senderName
        self.replyTo = replyTo
        self.baseUrl = baseUrl
    }

    public func validate() throws {
        var v = Validator()
        v.require(senderName, "senderName")
        v.limit(senderName, "senderName", max: 100)
        v.oneLine(senderName, "senderName")
        if let replyTo, !replyTo.isEmpty { v.emailAddress(replyTo, "replyTo") }
        v.require(baseUrl, "baseUrl")
        if let baseUrl, !baseUrl.isEmpty { v.siteAddress(baseUrl, "baseUrl") }
        try v.throwIfInvalid()
    }
}

extension Validator {
    /// An address mail can go to: ASCII, one `@`, a local part of the characters RFC 5322 allows
    /// unquoted (no quotes, spaces, angle brackets or commas, which could add recipients or
    /// headers), and a domain of at least two labels of letters, digits and hyphens.
    public mutating func emailAddress(_ text: String, _ field: String) {
        if text.count > TextFields.email {
            add(field, "must be at most \(TextFields.email) characters")
            return
        }
        check(Self.isEmailAddress(text), field, "is not an email address, like name@agency.gov.uk")
    }

    public static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, text.allSatisfy(\.isASCII) else { return false }
        let local = parts[0]
        let domain = parts[1]
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-")
        guard !local.isEmpty, local.count <= 64, local.allSatisfy(localAllowed.contains), !local.hasPrefix("."),
            !local.hasSuffix("."), !local.contains("..")
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            }
    }

    /// The address links start with: http or https, a host, no query, fragment or trailing slash.
    public mutating func siteAddress(_ text: String, _ field: String) {
        let url = URL(string: text)
        check(
            url != nil && ["http", "https"].contains(url?.scheme ?? "") && !(url?.host ?? "").isEmpty
                && url?.query == nil && url?.fragment == nil && !text.hasSuffix("/"),
            field, "must be an http or https address such as https://convene.example.gov.uk, with no trailing slash")
        limit(text, field, max: 200)
    }

    /// Text that must stay on one line (a name or a subject that goes into a message header).
    public mutating func oneLine(_ text: String?, _ field: String) {
        if let text, text.contains(where: \.isNewline) { add(field, "must be on one line") }
    }
}
