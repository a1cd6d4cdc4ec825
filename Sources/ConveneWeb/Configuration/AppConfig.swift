import ConveneStore
import Foundation

/// Configuration read once at startup. Every bad key is reported together.
public struct AppConfig: Sendable {
    public var location: StoreLocation
    public var hostname: String
    public var port: Int
    /// `CONVENE_TRUST_PROXY=1`: take the client address from X-Forwarded-For (only behind a proxy that sets it).
    public var trustForwardedFor: Bool

    public init(location: StoreLocation, hostname: String = "127.0.0.1", port: Int = 8080, trustForwardedFor: Bool = false) {
        self.location = location
        self.hostname = hostname
        self.port = port
        self.trustForwardedFor = trustForwardedFor
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
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        return AppConfig(
            location: StoreLocation.from(environment: environment, path: databasePath),
            hostname: environment["CONVENE_HOST"] ?? "127.0.0.1", port: port, trustForwardedFor: trust == "1")
    }
}

/// Startup configuration that cannot be used.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { "configuration: " + problems.joined(separator: "; ") }
}
