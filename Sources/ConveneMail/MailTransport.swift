import ConveneCore
import Foundation
import NIOPosix

/// Where delivered messages go: the organisation's relay (`SMTPTransport`) or, with none set,
/// a folder of `.eml` files (`MailFolder`).
public protocol MailTransport: Sendable {
    func deliver(_ mail: MailText) async throws
    /// Where the messages go, for the log and the command line (no password).
    var destination: String { get }
}

/// A delivery fault that says whether trying again later may help.
public protocol DeliveryFault: Error {
    var isTransient: Bool { get }
}

/// The embedded default: each message written as an `.eml` file that any mail program opens,
/// named by when it was queued, its kind and its id, so a retried message replaces its own file
/// and never makes two.
public struct MailFolder: MailTransport {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    public var destination: String { "the folder \(path)" }

    /// Written on NIO's thread pool: the server runs its tasks on the event loops, which must not
    /// wait for a disk.
    public func deliver(_ mail: MailText) async throws {
        let path = path
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data(mail.text.utf8).write(
                to: URL(fileURLWithPath: path).appendingPathComponent(mail.fileName), options: .atomic)
        }
    }
}

/// The organisation's relay, over SMTP (STARTTLS unless the URL says otherwise).
public struct SMTPTransport: MailTransport {
    public var client: SMTPClient
    public var settings: SMTPSettings

    public init(settings: SMTPSettings) {
        self.settings = settings
        client = SMTPClient(settings: settings)
    }

    public var destination: String { "the relay \(settings.host):\(settings.port)" }

    public func deliver(_ mail: MailText) async throws {
        try await client.send(SMTPEnvelope(from: mail.from, recipients: [mail.to], message: mail.text))
    }
}

extension SMTPError: DeliveryFault {}
