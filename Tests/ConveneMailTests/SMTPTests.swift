import NIOCore
import NIOEmbedded
import Testing

@testable import ConveneMail

// MARK: - URL parsing

@Suite struct SMTPSettingsParsingTests {
    @Test func submissionWithPercentEncodedCredentials() throws {
        let settings = try SMTPSettings.parse(url: "smtp://me%40example.org:p%40ss%2Fw%C3%B6rd@relay.example.org")
        #expect(settings.host == "relay.example.org")
        #expect(settings.port == 587)
        #expect(settings.security == .startTLS)
        #expect(settings.username == "me@example.org")
        #expect(settings.password == "p@ss/wörd")
        #expect(settings.timeout == .seconds(30))
        #expect(!settings.description.contains("p@ss"))
    }

    @Test func implicitTLSDefaultsTo465() throws {
        let settings = try SMTPSettings.parse(url: "smtps://u:p@relay.example.org")
        #expect(settings.port == 465)
        #expect(settings.security == .implicitTLS)
    }

    @Test func queryItems() throws {
        let settings = try SMTPSettings.parse(url: "smtp://127.0.0.1:2525?tls=none&timeout=2.5")
        #expect(settings.security == .none)
        #expect(settings.port == 2525)
        #expect(settings.timeout == .milliseconds(2500))
        #expect(try SMTPSettings.parse(url: "smtp://[::1]:25?tls=starttls").host == "::1")
    }

    @Test(arguments: [
        "", "relay.example.org", "http://relay.example.org", "smtp://", "smtp://host:0", "smtp://host:70000",
        "smtp://host?tls=yes", "smtps://host?tls=starttls", "smtp://host?timeout=-1", "smtp://host?timeout=abc",
        "smtp://host?foo=bar", "smtp://host/path", "smtp://user@host", "smtp://:secret@host",
        "smtp://host?tls=none&ca=/etc/hosts", "smtp://host?ca=/nonexistent/ca.pem",
    ])
    func rejects(url: String) {
        #expect(throws: SMTPError.self) { try SMTPSettings.parse(url: url) }
    }

    @Test func badURLReasonNeverContainsThePassword() {
        for url in ["smtp://u:topsecret@host:99999", "smtp://u:topsecret@host?tls=bad", "ftp://u:topsecret@host"] {
            do {
                _ = try SMTPSettings.parse(url: url)
                Issue.record("accepted \(url)")
            } catch {
                #expect(!"\(error)".contains("topsecret"))
                #expect((error as? SMTPError)?.isTransient == false)
            }
        }
    }
}

// MARK: - Errors and envelope checks

@Suite struct SMTPErrorTests {
    @Test func transience() {
        #expect(SMTPError.rejected(stage: "RCPT TO", code: 450, text: "try later").isTransient)
        #expect(!SMTPError.rejected(stage: "AUTH PLAIN", code: 535, text: "no").isTransient)
        #expect(SMTPError.connectionFailed("refused").isTransient)
        #expect(SMTPError.timedOut(stage: "greeting").isTransient)
        #expect(SMTPError.closed(stage: "DATA").isTransient)
        #expect(!SMTPError.tlsUnavailable.isTransient)
        #expect(!SMTPError.badURL("x").isTransient)
    }

    @Test(arguments: ["a@b\r\nRCPT TO:<evil@x>", "a b@c", "a@b>", ""])
    func unsafeRecipientsAreRefusedLocally(recipient: String) {
        let envelope = SMTPEnvelope(from: "convene@example.org", recipients: [recipient], message: "x")
        #expect(throws: SMTPError.self) { try SMTPClient.validate(envelope, clientName: "localhost") }
    }

    @Test func nullSenderIsAllowed() throws {
        try SMTPClient.validate(SMTPEnvelope(from: "", recipients: ["a@b"], message: "x"), clientName: "localhost")
    }
}

// MARK: - DATA encoding

@Suite struct SMTPDataEncodingTests {
    private func encoded(_ message: String) -> String {
        String(buffer: SMTPClient.encodeData(message))
    }

    @Test func normalisesLineEndingsAndDotStuffs() {
        #expect(encoded("a\nb\r\nc\rd") == "a\r\nb\r\nc\r\nd\r\n.\r\n")
        #expect(encoded(".x\n..y\n.\nz.") == "..x\r\n...y\r\n..\r\nz.\r\n.\r\n")
        #expect(encoded("ends with newline\n") == "ends with newline\r\n.\r\n")
        #expect(encoded("") == ".\r\n")
        #expect(encoded("\n\n") == "\r\n\r\n.\r\n")
        #expect(encoded("Grüße ✓") == "Grüße ✓\r\n.\r\n")
    }
}

// MARK: - Reply handler

@Suite struct SMTPReplyHandlerTests {
    @Test func assemblesMultiLineReplies() throws {
        let channel = EmbeddedChannel(handler: SMTPReplyHandler())
        try channel.writeInbound(ByteBuffer(string: "220 hi\r\n"))
        let greeting = try #require(try channel.readInbound(as: SMTPReply.self))
        #expect(greeting.code == 220 && greeting.lines == ["hi"])

        try channel.writeOutbound(ByteBuffer(string: "EHLO x\r\n"))
        try channel.writeInbound(ByteBuffer(string: "250-relay\r\n250-AUTH PLAIN"))
        #expect(try channel.readInbound(as: SMTPReply.self) == nil)
        try channel.writeInbound(ByteBuffer(string: " LOGIN\n250 STARTTLS\r\n"))
        let ehlo = try #require(try channel.readInbound(as: SMTPReply.self))
        #expect(ehlo.code == 250 && ehlo.lines == ["relay", "AUTH PLAIN LOGIN", "STARTTLS"])
    }

    @Test func refusesUnsolicitedReplies() throws {
        let channel = EmbeddedChannel(handler: SMTPReplyHandler())
        #expect(throws: SMTPProtocolViolation.self) {
            try channel.writeInbound(ByteBuffer(string: "220 hi\r\n250 injected\r\n"))
        }
    }

    @Test(arguments: ["hello\r\n", "2x0 no\r\n", "250+x\r\n", "999 no\r\n"])
    func refusesMalformedLines(line: String) {
        let channel = EmbeddedChannel(handler: SMTPReplyHandler())
        #expect(throws: SMTPProtocolViolation.self) { try channel.writeInbound(ByteBuffer(string: line)) }
    }

    @Test func replyTextIsOneSafeLine() {
        #expect(SMTPReply(code: 550, lines: ["no\u{7}such", "user"]).text == "no such / user")
    }
}
