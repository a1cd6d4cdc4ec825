import NIOCore

// MARK: - Replies

/// One SMTP reply: a three-digit code and the text of each line ("250-a", "250 b" → ["a", "b"]).
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]

    /// The text as one short, log-safe line (servers may send anything, including control characters).
    var text: String {
        let joined = lines.joined(separator: " / ")
        let clean = String(joined.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        return clean.count > 300 ? String(clean.prefix(300)) + "…" : clean
    }
}

/// The server sent something that is not a well-formed, expected SMTP reply.
struct SMTPProtocolViolation: Error, CustomStringConvertible {
    var description: String
}

// MARK: - Handler

/// Turns CRLF-terminated lines into whole (possibly multi-line) replies, and refuses replies nobody asked for.
///
/// The client writes one command per write and waits for its reply before writing again, so the number of
/// replies the server may send is always known. Bytes beyond that are either a broken server or an attack,
/// such as plaintext injected after "220 go ahead" to STARTTLS that would otherwise be taken as the answer
/// to the encrypted EHLO; either way the connection is dropped.
final class SMTPReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = SMTPReply
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let maxLineLength = 4096
    private static let maxLinesPerReply = 200

    private var buffer = ByteBuffer()
    private var pendingLines: [String] = []
    private var pendingCode: Int?
    private var expectedReplies = 1  // the greeting
    private var failed = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        expectedReplies += 1
        context.write(data, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        do {
            while buffer.readableBytes > 0 {
                guard expectedReplies > 0 else { throw SMTPProtocolViolation(description: "unsolicited data from server") }
                guard let line = try nextLine() else { break }
                if let reply = try append(line) {
                    expectedReplies -= 1
                    context.fireChannelRead(wrapInboundOut(reply))
                }
            }
            buffer.discardReadBytes()
        } catch {
            failed = true
            context.fireErrorCaught(error)
            context.close(promise: nil)
        }
    }

    /// The next complete line without its line ending, or nil if more bytes are needed.
    private func nextLine() throws -> String? {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            guard view.count <= Self.maxLineLength else { throw SMTPProtocolViolation(description: "reply line too long") }
            return nil
        }
        let length = newline - view.startIndex
        guard length <= Self.maxLineLength else { throw SMTPProtocolViolation(description: "reply line too long") }
        var bytes = buffer.readBytes(length: length + 1)!.dropLast()
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds one line ("250-text" or "250 text") and returns the reply once its last line has arrived.
    private func append(_ line: String) throws -> SMTPReply? {
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, utf8[..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let code = Int(String(decoding: utf8[..<3], as: UTF8.self)), (200...599).contains(code),
            utf8.count == 3 || utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-"),
            pendingCode == nil || pendingCode == code
        else { throw SMTPProtocolViolation(description: "malformed reply line") }

        pendingCode = code
        pendingLines.append(String(decoding: utf8.dropFirst(4), as: UTF8.self))
        let isLast = utf8.count == 3 || utf8[3] == UInt8(ascii: " ")
        guard isLast else {
            guard pendingLines.count < Self.maxLinesPerReply else { throw SMTPProtocolViolation(description: "reply too long") }
            return nil
        }
        defer {
            pendingCode = nil
            pendingLines = []
        }
        return SMTPReply(code: code, lines: pendingLines)
    }
}
