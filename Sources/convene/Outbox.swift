import ArgumentParser
import ConveneCore
import ConveneMail
import ConveneStore
import Foundation

/// The outbox from the command line: what is queued, sent and failed; retrying a failed message;
/// delivering (for cron, where no server runs); and an organisation's mail settings.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List, retry and deliver the messages Convene sends.",
        subcommands: [List.self, Retry.self, Deliver.self, Settings.self, CheckRelay.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the newest messages, with how many stand in each state.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only messages in one state: queued, sending, sent, failed or notNotified.")
        var status: String?
        @Option(help: "How many to list (1–1000).") var limit = 50

        func run() async throws {
            var state: MessageStatus?
            if let status {
                guard let value = MessageStatus(rawValue: status) else {
                    throw CLIError("--status must be one of \(MessageStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                state = value
            }
            guard (1...1000).contains(limit) else { throw CLIError("--limit must be from 1 to 1000") }
            let page = try await database.withStore { try await $0.outbox(status: state, limit: limit) }
            print(
                MessageStatus.allCases.map { "\($0.rawValue) \(page.counts[$0] ?? 0)" }.joined(separator: ", "))
            for message in page.messages {
                print(
                    [
                        message.id.uuidString, LocalTimeZone.london.long(message.createdAt), message.status.rawValue,
                        message.kind.rawValue, message.recipientAddress ?? "(no email address)", "tries \(message.attempts)",
                        message.lastError ?? "",
                    ].joined(separator: "  "))
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a failed message again, now.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The message's id (from convene outbox list).") var id: String

        func run() async throws {
            guard let messageId = UUID(uuidString: id) else { throw CLIError("\"\(id)\" is not a message id") }
            _ = try await database.withStore { try await $0.retryMessage(messageId) }
            print("Message \(messageId) queued again.")
        }
    }

    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue the reminders due and deliver every message due now, once (for cron).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let mail = try database.mailConfig()
            let round = try await database.withStore(mail: mail.defaults) { store in
                let delivery = OutboxDelivery(store: store, transport: mail.transport, settings: mail.delivery)
                let reminders = try await delivery.queueReminders()
                return (reminders, try await delivery.deliverDue())
            }
            print(
                "Queued \(counted(round.0, "reminder")); sent \(round.1.sent), to retry \(round.1.retrying), failed \(round.1.failed), through \(mail.transport.destination)."
            )
        }
    }

    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an organisation's sender name, reply-to address and the address its links start with.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organisation's id.") var organisation: String
        @Option(name: .customLong("sender-name"), help: "The name messages come from.") var senderName: String
        @Option(name: .customLong("reply-to"), help: "Where replies go (optional).") var replyTo: String?
        @Option(name: .customLong("base-url"), help: "Convene's address, such as https://convene.example.gov.uk.")
        var baseUrl: String

        func run() async throws {
            guard let organisationId = UUID(uuidString: organisation) else {
                throw CLIError("\"\(organisation)\" is not an organisation id")
            }
            let settings = try await database.withStore {
                try await $0.setMailSettings(
                    of: organisationId, MailSettingsInput(senderName: senderName, replyTo: replyTo, baseUrl: baseUrl))
            }
            print("Messages of this organisation now come from \"\(settings.senderName)\" and link to \(settings.baseUrl).")
        }
    }

    /// Sends one message straight to the relay, outside the outbox: to check the relay's address,
    /// TLS and login before the server relies on them.
    struct CheckRelay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-relay",
            abstract: "Send one test message through the relay (CONVENE_SMTP_URL), to check its settings.",
            discussion: "Prints 'sent', or the error and whether a later try could succeed. Exit 0 sent, 1 refused, 75 try later."
        )
        @Option(name: .customLong("smtp-url"), help: "The relay, instead of $CONVENE_SMTP_URL.") var smtpUrl: String?
        @Option(help: "Who receives the test message (repeat for more).") var to: [String] = []
        @Option(help: "The envelope sender, instead of $CONVENE_MAIL_FROM.") var from: String?
        @Option(name: .customLong("message-file"), help: "A whole RFC 5322 message to send instead of the test message.")
        var messageFile: String?

        func run() async throws {
            guard let url = smtpUrl ?? ProcessInfo.processInfo.environment["CONVENE_SMTP_URL"], !url.isEmpty else {
                throw CLIError("give --smtp-url or set CONVENE_SMTP_URL")
            }
            guard !to.isEmpty else { throw CLIError("give --to with the address to send the test message to") }
            let sender = from ?? ProcessInfo.processInfo.environment["CONVENE_MAIL_FROM"] ?? MailDefaults.standard.fromAddress
            do {
                let settings = try SMTPSettings.parse(url: url)
                let message =
                    try messageFile.map { try String(contentsOfFile: $0, encoding: .utf8) }
                    ?? "From: \(sender)\r\nTo: \(to.joined(separator: ", "))\r\nSubject: Convene relay check\r\n\r\nThis message checks that Convene can send through this relay.\r\n"
                try await SMTPClient(settings: settings).send(SMTPEnvelope(from: sender, recipients: to, message: message))
                print("sent")
            } catch let error as SMTPError {
                print("error: \(error)")
                print("transient=\(error.isTransient)")
                throw ExitCode(error.isTransient ? 75 : 1)
            } catch let error as CocoaError {
                throw CLIError("could not read the message file: \(error.localizedDescription)")
            }
        }
    }
}
