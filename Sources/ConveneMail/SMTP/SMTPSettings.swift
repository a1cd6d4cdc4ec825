import Foundation
import NIOSSL

/// How to reach the organisation's relay, read from CONVENE_SMTP_URL.
public struct SMTPSettings: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable {
        /// Plain connect, then STARTTLS, which must be offered: a server (or an attacker) that does not
        /// offer it makes the send fail rather than silently fall back to plaintext.
        case startTLS
        /// TLS from the first byte (smtps, usually port 465).
        case implicitTLS
        /// No TLS at all: only for a relay on the same host or a test server.
        case none
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security
    /// PEM file of extra trusted CA certificates (for a relay with a private CA), or nil for the system roots.
    public var trustedCertificatesFile: String?
    /// The name this client gives in EHLO. Defaults to "localhost"; set it to the host's public name if the relay checks it.
    public var clientName: String
    /// Bound on each step (connect, TLS handshake plus greeting, each reply), not on the whole send.
    public var timeout: Duration

    public init(
        host: String,
        port: Int,
        username: String? = nil,
        password: String? = nil,
        security: Security = .startTLS,
        trustedCertificatesFile: String? = nil,
        clientName: String = "localhost",
        timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.trustedCertificatesFile = trustedCertificatesFile
        self.clientName = clientName
        self.timeout = timeout
    }
}

// MARK: - URL parsing

extension SMTPSettings {
    /// Parses smtp://user:pass@host:587 (STARTTLS required: if the server does not offer STARTTLS the send fails),
    /// smtps://user:pass@host:465 (implicit TLS), and smtp://host:25?tls=none (no TLS at all, for a local relay or a test server).
    /// Query items: tls=none|starttls, ca=/path/to/ca.pem, timeout=SECONDS. User and password are percent-decoded.
    /// Default ports: 587 for smtp, 465 for smtps.
    ///
    /// Credentials together with tls=none are accepted, because that is an explicit choice (a relay on loopback),
    /// but they then travel in clear text. Unknown query items are rejected so that a typo cannot silently change
    /// the security of the connection. Error reasons never repeat the URL, since it may hold the password.
    public static func parse(url: String) throws -> SMTPSettings {
        func bad(_ reason: String) -> SMTPError { .badURL(reason) }
        guard let parts = URLComponents(string: url.trimmingCharacters(in: .whitespaces)) else {
            throw bad("not a valid URL")
        }
        var security: Security
        switch parts.scheme?.lowercased() {
        case "smtp": security = .startTLS
        case "smtps": security = .implicitTLS
        case let other?: throw bad("unknown scheme '\(other)', expected smtp or smtps")
        case nil: throw bad("missing scheme, expected smtp:// or smtps://")
        }
        var host = parts.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // IPv6 literal
        guard !host.isEmpty else { throw bad("missing host") }
        guard parts.path.isEmpty || parts.path == "/", parts.fragment == nil else {
            throw bad("unexpected path or fragment after the host")
        }
        let port = parts.port ?? (security == .implicitTLS ? 465 : 587)
        guard (1...65535).contains(port) else { throw bad("port \(port) is out of range") }

        let username = parts.user.flatMap { $0.isEmpty ? nil : $0 }
        let password = parts.password.flatMap { $0.isEmpty ? nil : $0 }
        guard (username == nil) == (password == nil) else {
            throw bad("give both a user name and a password, or neither")
        }

        var settings = SMTPSettings(host: host, port: port, username: username, password: password, security: security)
        for item in parts.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name.lowercased() {
            case "tls":
                guard security != .implicitTLS else { throw bad("tls= cannot be used with smtps, which always uses TLS") }
                switch value.lowercased() {
                case "none": security = .none
                case "starttls": security = .startTLS
                default: throw bad("unknown tls value '\(value)', expected none or starttls")
                }
            case "ca":
                guard !value.isEmpty else { throw bad("ca= needs the path of a PEM file") }
                settings.trustedCertificatesFile = value
            case "timeout":
                guard let seconds = Double(value), seconds > 0, seconds <= 3600 else {
                    throw bad("timeout must be a number of seconds between 0 and 3600")
                }
                settings.timeout = .milliseconds(Int64((seconds * 1000).rounded()))
            default:
                throw bad("unknown query item '\(item.name)'")
            }
        }
        settings.security = security
        if security == .none, settings.trustedCertificatesFile != nil {
            throw bad("ca= makes no sense with tls=none")
        }
        if let file = settings.trustedCertificatesFile {
            _ = try loadCertificates(file)  // fail at start-up, not at the first send
        }
        return settings
    }

    /// Reads the extra trust roots; a missing or unreadable file is a configuration error, never transient.
    static func loadCertificates(_ file: String) throws -> [NIOSSLCertificate] {
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(file)
            guard !certificates.isEmpty else { throw SMTPError.badURL("no certificates in CA file \(file)") }
            return certificates
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError.badURL("cannot read CA file \(file): \(error)")
        }
    }
}

// MARK: - Redaction

extension SMTPSettings: CustomStringConvertible {
    /// Safe to log: the password is never shown.
    public var description: String {
        let user = username.map { "\($0):***@" } ?? ""
        let ca = trustedCertificatesFile.map { " ca=\($0)" } ?? ""
        return "SMTPSettings(\(user)\(host):\(port) security=\(security.rawValue)\(ca) timeout=\(timeout))"
    }
}
