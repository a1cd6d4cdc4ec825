import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends mail through one relay, one connection per message.
///
/// Convene sends few messages, so a fresh connection per send keeps the state simple: nothing to keep alive,
/// and a failure never poisons the next send.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    private let eventLoopGroup: any EventLoopGroup

    public init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.eventLoopGroup = eventLoopGroup
    }

    /// Connects, reads the 220 greeting, EHLO (falls back to HELO only if EHLO is refused and security == .none),
    /// STARTTLS when required (then EHLO again), AUTH PLAIN (or AUTH LOGIN if only that is offered) when credentials are given
    /// (refuse to send credentials over an unencrypted connection unless security == .none was asked explicitly),
    /// MAIL FROM, RCPT TO for each recipient, DATA with dot-stuffing and CRLF, then QUIT. One connection per send is fine.
    /// Multi-line replies (250-...) handled. Every step bounded by settings.timeout.
    ///
    /// Returns once the server has accepted the message with 250 after DATA; a failure after that point (QUIT, close)
    /// is ignored, because reporting it would make the caller retry and deliver the message twice.
    public func send(_ envelope: SMTPEnvelope) async throws {
        try Self.validate(envelope, clientName: settings.clientName)
        let tls = settings.security == .none ? nil : try makeTLSContext()
        let channel = try await connect(implicitTLS: settings.security == .implicitTLS ? tls : nil)
        try await channel.executeThenClose { inbound, outbound in
            let session = SMTPSession(
                settings: settings, channel: channel.channel, replies: inbound.makeAsyncIterator(), outbound: outbound)
            try await session.deliver(envelope, tls: tls)
        }
    }

    // MARK: - Connecting

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let file = settings.trustedCertificatesFile {
            configuration.additionalTrustRoots = [.certificates(try SMTPSettings.loadCertificates(file))]
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SMTPError.connectionFailed("cannot set up TLS: \(error)")
        }
    }

    private func connect(implicitTLS: NIOSSLContext?) async throws -> NIOAsyncChannel<SMTPReply, ByteBuffer> {
        let (host, port) = (settings.host, settings.port)
        do {
            return try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(settings.timeout))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(makeTLSHandler(implicitTLS, host: host))
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch ChannelError.connectTimeout {
            throw SMTPError.timedOut(stage: "connect")
        } catch {
            throw SMTPError.connectionFailed(oneLine("\(host):\(port): \(error)"))
        }
    }

    // MARK: - Checks before connecting

    /// Addresses go verbatim into commands, so CR, LF, spaces or angle brackets could smuggle in extra commands.
    /// Such an envelope is refused locally with the code a server would give (501, permanent).
    static func validate(_ envelope: SMTPEnvelope, clientName: String) throws {
        func isSafe(_ text: String) -> Bool {
            !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || $0 == "<" || $0 == ">" }
        }
        guard !clientName.isEmpty, isSafe(clientName) else {
            throw SMTPError.badURL("client name is empty or has unsafe characters")
        }
        guard isSafe(envelope.from) else {
            throw SMTPError.rejected(stage: "MAIL FROM", code: 501, text: "unsafe sender address (refused before sending)")
        }
        guard !envelope.recipients.isEmpty else {
            throw SMTPError.rejected(stage: "RCPT TO", code: 554, text: "no recipients (refused before sending)")
        }
        guard envelope.recipients.allSatisfy({ !$0.isEmpty && isSafe($0) }) else {
            throw SMTPError.rejected(stage: "RCPT TO", code: 501, text: "unsafe recipient address (refused before sending)")
        }
    }
}

// MARK: - Message encoding

extension SMTPClient {
    /// CRLF line endings, a leading "." doubled on every line (RFC 5321 4.5.2), and the closing ".".
    static func encodeData(_ message: String) -> ByteBuffer {
        let (cr, lf, dot) = (UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "."))
        var out = ByteBuffer()
        out.reserveCapacity(message.utf8.count + message.utf8.count / 32 + 8)
        var atLineStart = true
        var afterCR = false
        for byte in message.utf8 {
            if byte == lf, afterCR {
                afterCR = false
                continue
            }  // second half of a CRLF already written
            afterCR = byte == cr
            if byte == cr || byte == lf {
                out.writeBytes([cr, lf])
                atLineStart = true
                continue
            }
            if atLineStart, byte == dot { out.writeInteger(dot) }
            out.writeInteger(byte)
            atLineStart = false
        }
        if !atLineStart { out.writeBytes([cr, lf]) }
        out.writeBytes([dot, cr, lf])
        return out
    }
}

/// TLS with hostname verification against the configured host; IP addresses are checked against the
/// certificate's IP entries instead, since they must not be sent as SNI.
private func makeTLSHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
    let isIPAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
    return try NIOSSLClientHandler(context: context, serverHostname: isIPAddress ? nil : host)
}

/// Error texts from NIO or a server end up in logs, which expect one line each.
private func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
}

// MARK: - Session

/// The conversation on one connection. It lives inside one `executeThenClose` call and is never shared.
private final class SMTPSession {
    private let settings: SMTPSettings
    private let channel: any Channel
    private var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var encrypted: Bool
    /// EHLO keywords (upper-cased) and their parameters, e.g. "AUTH": ["PLAIN", "LOGIN"].
    private var extensions: [String: [String]] = [:]

    init(
        settings: SMTPSettings, channel: any Channel, replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.settings = settings
        self.channel = channel
        self.replies = replies
        self.outbound = outbound
        self.encrypted = settings.security == .implicitTLS
    }

    func deliver(_ envelope: SMTPEnvelope, tls: NIOSSLContext?) async throws {
        try await exchange(nil, stage: "greeting") { $0 == 220 }
        try await hello()

        if settings.security == .startTLS, let tls {
            guard extensions["STARTTLS"] != nil else { throw SMTPError.tlsUnavailable }
            try await exchange("STARTTLS", stage: "STARTTLS") { $0 == 220 }
            try await startTLS(tls)
            try await hello()  // RFC 3207: forget everything learnt before TLS
        }

        if let user = settings.username, let password = settings.password {
            guard encrypted || settings.security == .none else { throw SMTPError.tlsUnavailable }
            try await authenticate(user: user, password: password)
        }

        let addresses = [envelope.from] + envelope.recipients
        var mailFrom = "MAIL FROM:<\(envelope.from)>"
        if envelope.message.utf8.contains(where: { $0 >= 0x80 }), extensions["8BITMIME"] != nil { mailFrom += " BODY=8BITMIME" }
        if addresses.contains(where: { $0.utf8.contains { $0 >= 0x80 } }), extensions["SMTPUTF8"] != nil {
            mailFrom += " SMTPUTF8"
        }
        try await exchange(mailFrom, stage: "MAIL FROM") { $0 == 250 }
        for recipient in envelope.recipients {
            try await exchange("RCPT TO:<\(recipient)>", stage: "RCPT TO") { $0 == 250 || $0 == 251 }
        }
        try await exchange("DATA", stage: "DATA") { $0 == 354 }
        try await exchange(raw: SMTPClient.encodeData(envelope.message), stage: "end of DATA") { $0 == 250 }

        // Accepted: from here on nothing may turn into an error.
        _ = try? await exchange("QUIT", stage: "QUIT") { _ in true }
    }

    // MARK: - Steps

    /// EHLO, and HELO only where no security was asked for: a server that refuses EHLO cannot do STARTTLS or AUTH.
    private func hello() async throws {
        do {
            let reply = try await exchange("EHLO \(settings.clientName)", stage: "EHLO") { $0 == 250 }
            extensions = [:]
            for line in reply.lines.dropFirst() {
                let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
                if let keyword = words.first { extensions[keyword, default: []] += words.dropFirst() }
            }
        } catch SMTPError.rejected(_, let code, _) where code >= 500 && settings.security == .none {
            try await exchange("HELO \(settings.clientName)", stage: "HELO") { $0 == 250 }
            extensions = [:]
        }
    }

    /// Puts TLS under the reply handler. The server waits for our ClientHello after its 220, and the reply handler
    /// has already refused any plaintext sent after that 220, so nothing unencrypted can slip through.
    private func startTLS(_ tls: NIOSSLContext) async throws {
        let (channel, host) = (self.channel, settings.host)
        try await withDeadline("STARTTLS") {
            try await channel.eventLoop.submit {
                guard channel.isActive else { throw ChannelError.ioOnClosedChannel }  // rootCause() says why
                try channel.pipeline.syncOperations.addHandler(makeTLSHandler(tls, host: host), position: .first)
            }.get()
        }
        encrypted = true
    }

    /// AUTH PLAIN, or AUTH LOGIN when that is all the server offers. If the server offers neither, PLAIN is
    /// still tried so that the error is the server's own reply (e.g. 504) rather than a guess.
    private func authenticate(user: String, password: String) async throws {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        let mechanisms = extensions["AUTH"] ?? []
        if mechanisms.contains("LOGIN"), !mechanisms.contains("PLAIN") {
            try await exchange("AUTH LOGIN", stage: "AUTH LOGIN") { $0 == 334 }
            try await exchange(base64(user), stage: "AUTH LOGIN") { $0 == 334 }
            try await exchange(base64(password), stage: "AUTH LOGIN") { $0 == 235 }
        } else {
            try await exchange("AUTH PLAIN " + base64("\0\(user)\0\(password)"), stage: "AUTH PLAIN") { $0 == 235 }
        }
    }

    // MARK: - Wire

    /// Sends one command (or nothing, for the greeting) and waits for its reply, within one timeout.
    @discardableResult
    private func exchange(_ command: String?, stage: String, accept: (Int) -> Bool) async throws -> SMTPReply {
        try await exchange(raw: command.map { ByteBuffer(string: $0 + "\r\n") }, stage: stage, accept: accept)
    }

    @discardableResult
    private func exchange(raw bytes: ByteBuffer?, stage: String, accept: (Int) -> Bool) async throws -> SMTPReply {
        let reply = try await withDeadline(stage) {
            if let bytes { try await outbound.write(bytes) }
            guard let reply = try await replies.next() else { throw SMTPError.closed(stage: stage) }
            return reply
        }
        guard accept(reply.code) else { throw SMTPError.rejected(stage: stage, code: reply.code, text: reply.text) }
        return reply
    }

    /// Closes the channel when the step overruns, which ends any pending read or write; the clock then tells
    /// a timeout apart from other failures.
    private func withDeadline<T>(_ stage: String, _ body: () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + settings.timeout
        let channel = self.channel
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(settings.timeout)) { channel.close(promise: nil) }
        defer { timer.cancel() }
        do {
            return try await body()
        } catch {
            if ContinuousClock.now >= deadline { throw SMTPError.timedOut(stage: stage) }
            let cause = await rootCause(of: error)
            switch cause {
            case let cause as SMTPError: throw cause
            case is SMTPProtocolViolation: throw SMTPError.connectionFailed("protocol error during \(stage): \(cause)")
            case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
                throw SMTPError.connectionFailed(oneLine("TLS failed during \(stage): \(cause)"))
            case ChannelError.ioOnClosedChannel, ChannelError.eof, ChannelError.alreadyClosed:
                throw SMTPError.closed(stage: stage)
            default: throw SMTPError.connectionFailed(oneLine("\(stage): \(cause)"))
            }
        }
    }

    /// When the channel was closed under us, the reply stream knows why (e.g. a protocol violation seen by the
    /// reply handler). The stream has normally finished by then; if not, the step's timer still bounds the wait.
    private func rootCause(of error: any Error) async -> any Error {
        guard let channelError = error as? ChannelError,
            [.ioOnClosedChannel, .alreadyClosed, .eof].contains(channelError)
        else { return error }
        do {
            while try await replies.next() != nil {}
            return error
        } catch {
            return error
        }
    }
}
