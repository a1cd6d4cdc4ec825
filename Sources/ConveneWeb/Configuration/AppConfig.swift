import ConveneMail
import ConveneStore
import Foundation

/// Configuration read once at startup. Every bad key is reported together.
public struct AppConfig: Sendable {
    public var location: StoreLocation
    public var hostname: String
    public var port: Int
    /// `CONVENE_TRUST_PROXY=1`: take the client address from X-Forwarded-For (only behind a proxy that sets it).
    public var trustForwardedFor: Bool
    /// How messages leave; nil runs no delivery worker (the tests, which deliver when they choose).
    public var mail: MailConfig?
    /// Whether `CONVENE_BASE_URL` was given; otherwise links follow the host and port served.
    public var baseUrlGiven = false

    public init(
        location: StoreLocation, hostname: String = "127.0.0.1", port: Int = 8080, trustForwardedFor: Bool = false,
        mail: MailConfig? = nil
    ) {
        self.location = location
        self.hostname = hostname
        self.port = port
        self.trustForwardedFor = trustForwardedFor
        self.mail = mail
    }

    /// The address links in messages start with, for organisations that set none.
    public var mailDefaults: MailDefaults {
        var defaults = mail?.defaults ?? .standard
        if !baseUrlGiven { defaults.baseUrl = "http://\(hostname):\(port)" }
        return defaults
    }

    /// Reads `DATABASE_URL` or `CONVENE_DB`, `CONVENE_HOST` and `CONVENE_PORT`.
    public static func from(environment: [String: String], databasePath: String? = nil) throws -> AppConfig {
        var problems: [String] = []
        var port = 8080
        if let text = environment["CONVENE_PORT"] {
            if let value = Int(text), (1...65535).contains(value) {
                port = value
            } else {
                problems.append("CONVENE_PORT must be a port number (1–65535), not \"\(text)\"")
            }
        }
        if let url = environment["DATABASE_URL"], !url.isEmpty,
            !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"))
        {
            problems.append("DATABASE_URL must start with postgres:// or postgresql://")
        }
        let trust = environment["CONVENE_TRUST_PROXY"] ?? "0"
        if !["0", "1"].contains(trust) { problems.append("CONVENE_TRUST_PROXY must be 0 or 1, not \"\(trust)\"") }
        let hostname = environment["CONVENE_HOST"] ?? "127.0.0.1"
        let mail = MailConfig.from(environment: environment, serverAddress: "http://\(hostname):\(port)", problems: &problems)
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        var config = AppConfig(
            location: StoreLocation.from(environment: environment, path: databasePath),
            hostname: hostname, port: port, trustForwardedFor: trust == "1", mail: mail)
        config.baseUrlGiven = !(environment["CONVENE_BASE_URL"] ?? "").isEmpty
        return config
    }
}

/// Startup configuration that cannot be used.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { "configuration: " + problems.joined(separator: "; ") }
}
