import ConveneCore
import Foundation

/// One outbox message as the RFC 5322 text that goes to the relay or the folder: one recipient
/// only, no copies, a stable Message-ID and Date (those of the queued message, so a retried
/// message is recognisable), and the calendar object as a `text/calendar; method=…` part beside
/// the plain text, as Outlook, Google and Apple calendars expect.
public struct MailText: Sendable {
    public var messageId: String
    /// The envelope sender (MAIL FROM) and the one recipient (RCPT TO).
    public var from: String
    public var to: String
    /// Headers and body, lines ended by CRLF.
    public var text: String
    /// The file it is written to in the folder: when it was queued, what it is, and its id, so
    /// that `ls` lists the messages in order and a retry replaces its own file.
    public var fileName: String

    public init(_ message: OutboxMessage, from: String) throws {
        guard let address = message.recipientAddress else { throw NoAddress() }
        messageId = message.messageId
        self.from = from
        to = address
        fileName =
            "\(CalendarInvitation.utc(message.createdAt))-\(message.kind.rawValue)-\(message.id.uuidString.lowercased()).eml"
        var headers = [
            "Message-ID: \(message.messageId)",
            "Date: \(Self.date(message.createdAt))",
            "From: \(Self.mailbox(message.senderName, from))",
            "To: \(Self.mailbox(message.recipientName, address))",
            "Subject: \(Self.headerText(message.subject))",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "X-Convene-Kind: \(message.kind.rawValue)",
        ]
        if let replyTo = message.replyTo { headers.insert("Reply-To: \(replyTo)", at: 3) }
        var lines = headers
        if let calendar = message.calendar, let method = message.calendarMethod {
            let boundary = "convene-\(message.id.uuidString.lowercased())"
            lines += [
                "Content-Type: multipart/alternative; boundary=\"\(boundary)\"", "",
                "This is a message in several parts.", "--\(boundary)",
            ]
            lines += Self.part(message.body, type: "text/plain; charset=UTF-8")
            lines.append("--\(boundary)")
            lines += Self.part(calendar, type: "text/calendar; method=\(method.rawValue); charset=UTF-8")
            lines.append("--\(boundary)--")
        } else {
            lines += Self.part(message.body, type: "text/plain; charset=UTF-8")
        }
        text = lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A message whose recipient has no address is never rendered.
    public struct NoAddress: Error, CustomStringConvertible {
        public var description: String { "the recipient has no email address" }
    }

    // MARK: - MIME

    /// A part's headers and body: 7bit when the text is ASCII, base64 otherwise (so no relay
    /// needs 8BITMIME, and no line is too long).
    static func part(_ body: String, type: String) -> [String] {
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        if normalised.allSatisfy(\.isASCII) {
            return ["Content-Type: \(type)", "Content-Transfer-Encoding: 7bit", "", normalised]
        }
        let encoded = Data(normalised.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return ["Content-Type: \(type)", "Content-Transfer-Encoding: base64", "", encoded]
    }

    /// `"Name" <address>`, the name encoded (RFC 2047) when it is not plain ASCII; never a line break.
    static func mailbox(_ name: String, _ address: String) -> String {
        let clean = name.filter { !$0.isNewline && !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }
        if clean.allSatisfy(\.isASCII) {
            let quoted = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return "\(encodedWord(clean)) <\(address)>"
    }

    /// Header text: as it is when plain ASCII on one line, otherwise an RFC 2047 encoded word.
    static func headerText(_ text: String) -> String {
        let clean = text.filter { !$0.isNewline }
        return clean.allSatisfy { $0.isASCII && !($0.asciiValue! < 0x20) } ? clean : encodedWord(clean)
    }

    static func encodedWord(_ text: String) -> String { "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?=" }

    /// RFC 5322 date in UTC: "Sat, 05 Dec 2026 03:15:00 +0000".
    static func date(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: instant)
    }
}
