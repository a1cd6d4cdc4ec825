import ConveneCore
import ConveneStore
import Foundation

/// How messages leave this process, read once at start-up from the environment:
/// `CONVENE_SMTP_URL` (the relay; without it, `.eml` files in `CONVENE_MAIL_FOLDER`, by default
/// `./outbox-mail`), `CONVENE_MAIL_FROM`, `CONVENE_BASE_URL` (links, for organisations that set
/// none), and the delivery's timing: `CONVENE_OUTBOX_RETRY_SECONDS`, `CONVENE_OUTBOX_ATTEMPTS`,
/// `CONVENE_OUTBOX_LEASE_SECONDS`, `CONVENE_OUTBOX_INTERVAL_SECONDS`.
public struct MailConfig: Sendable {
    public var smtp: SMTPSettings?
    public var folder: String
    public var defaults: MailDefaults
    public var delivery: OutboxDelivery.Settings
    /// How often the worker looks for messages due (and reminders to queue).
    public var interval: Duration

    public init(
        smtp: SMTPSettings? = nil, folder: String = "outbox-mail", defaults: MailDefaults = .standard,
        delivery: OutboxDelivery.Settings = .init(), interval: Duration = .seconds(5)
    ) {
        self.smtp = smtp
        self.folder = folder
        self.defaults = defaults
        self.delivery = delivery
        self.interval = interval
    }

    public var transport: any MailTransport {
        if let smtp { return SMTPTransport(settings: smtp) }
        return MailFolder(path: folder)
    }

    /// Reads the keys; every bad one is listed in `problems`.
    public static func from(environment: [String: String], serverAddress: String, problems: inout [String]) -> MailConfig {
        var config = MailConfig()
        if let url = environment["CONVENE_SMTP_URL"], !url.isEmpty {
            do {
                config.smtp = try SMTPSettings.parse(url: url)
            } catch {
                problems.append("CONVENE_SMTP_URL: \(error)")
            }
        }
        if let folder = environment["CONVENE_MAIL_FOLDER"], !folder.isEmpty { config.folder = folder }
        var defaults = MailDefaults(fromAddress: MailDefaults.standard.fromAddress, baseUrl: serverAddress)
        if let from = environment["CONVENE_MAIL_FROM"], !from.isEmpty {
            if Validator.isEmailAddress(from) {
                defaults.fromAddress = from
            } else {
                problems.append("CONVENE_MAIL_FROM must be an email address, not \"\(from)\"")
            }
        }
        if let base = environment["CONVENE_BASE_URL"], !base.isEmpty {
            var check = Validator()
            check.siteAddress(base, "CONVENE_BASE_URL")
            if check.problems.isEmpty {
                defaults.baseUrl = base
            } else {
                problems.append("CONVENE_BASE_URL must be an http or https address with no trailing slash, not \"\(base)\"")
            }
        }
        config.defaults = defaults
        func seconds(_ key: String, _ range: ClosedRange<Double>, _ apply: (Double) -> Void) {
            guard let text = environment[key] else { return }
            guard let value = Double(text), range.contains(value) else {
                problems.append(
                    "\(key) must be a number of seconds from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
                return
            }
            apply(value)
        }
        seconds("CONVENE_OUTBOX_RETRY_SECONDS", 0.1...86_400) { config.delivery.retryBase = $0 }
        seconds("CONVENE_OUTBOX_LEASE_SECONDS", 1...86_400) { config.delivery.lease = $0 }
        seconds("CONVENE_OUTBOX_INTERVAL_SECONDS", 0.1...3_600) { config.interval = .milliseconds(Int64($0 * 1000)) }
        if let text = environment["CONVENE_OUTBOX_ATTEMPTS"] {
            if let value = Int(text), (1...100).contains(value) {
                config.delivery.attempts = value
            } else {
                problems.append("CONVENE_OUTBOX_ATTEMPTS must be a whole number from 1 to 100, not \"\(text)\"")
            }
        }
        return config
    }
}
