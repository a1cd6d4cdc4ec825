// MARK: - Envelope

/// One message to hand to the relay.
public struct SMTPEnvelope: Sendable {
    /// Bare address for MAIL FROM (no angle brackets); empty for the null sender.
    public var from: String
    /// Bare addresses for RCPT TO (Convene always sends one). If any is refused, nothing is sent.
    public var recipients: [String]
    /// The whole RFC 5322 message (headers + body); the client normalises line endings to CRLF and dot-stuffs.
    public var message: String

    public init(from: String, recipients: [String], message: String) {
        self.from = from
        self.recipients = recipients
        self.message = message
    }
}

// MARK: - Errors

/// Why a send failed. Descriptions are one line and never contain the message body or the password,
/// so they can go straight into logs and the outbox's "last error" column.
public enum SMTPError: Error, Sendable, CustomStringConvertible {
    case badURL(String)
    case connectionFailed(String)
    case timedOut(stage: String)
    /// STARTTLS required but not offered. Treated as permanent: it means a misconfigured relay
    /// (or someone stripping STARTTLS), which an operator has to look at.
    case tlsUnavailable
    case rejected(stage: String, code: Int, text: String)  // e.g. stage "RCPT TO"
    case closed(stage: String)

    /// A 4xx reply or a connection/timeout fault: worth retrying later. 5xx: permanent.
    public var isTransient: Bool {
        switch self {
        case .connectionFailed, .timedOut, .closed: true
        case .rejected(_, let code, _): (400..<500).contains(code)
        case .badURL, .tlsUnavailable: false
        }
    }

    public var description: String {
        switch self {
        case .badURL(let reason): "invalid SMTP URL: \(reason)"
        case .connectionFailed(let reason): "SMTP connection failed: \(reason)"
        case .timedOut(let stage): "SMTP server did not answer in time (\(stage))"
        case .tlsUnavailable: "SMTP server does not offer STARTTLS, which is required"
        case .rejected(let stage, let code, let text): "SMTP server rejected \(stage): \(code) \(text)"
        case .closed(let stage): "SMTP server closed the connection (\(stage))"
        }
    }
}
