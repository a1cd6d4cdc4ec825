import ConveneStore
import Foundation

/// Configuration read once at startup. Every bad key is reported together.
public struct AppConfig: Sendable {
    public var location: StoreLocation
    public var hostname: String
    public var port: Int

    public init(location: StoreLocation, hostname: String = "127.0.0.1", port: Int = 8080) {
        self.location = location
        self.hostname = hostname
        self.port = port
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
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        return AppConfig(
            location: StoreLocation.from(environment: environment, path: databasePath),
            hostname: environment["CONVENE_HOST"] ?? "127.0.0.1", port: port)
    }
}

/// Startup configuration that cannot be used.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { "configuration: " + problems.joined(separator: "; ") }
}
