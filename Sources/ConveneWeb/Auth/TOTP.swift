import ConveneStore
import Crypto
import ExtrasBase64
import Foundation

/// Time-based one-time passwords (RFC 6238): HMAC of the 30-second time step, truncated to digits
/// (RFC 4226). Convene's accounts use SHA-1 and 6 digits, which every authenticator app reads.
struct TOTP: Sendable {
    enum Algorithm: Sendable { case sha1, sha256, sha512 }

    var secret: [UInt8]
    var digits = 6
    var period: TimeInterval = 30
    var algorithm: Algorithm = .sha1

    init(secret: [UInt8], digits: Int = 6, period: TimeInterval = 30, algorithm: Algorithm = .sha1) {
        self.secret = secret
        self.digits = digits
        self.period = period
        self.algorithm = algorithm
    }

    /// From a base32 secret as authenticator apps show it (either case, spaces and padding left
    /// out or not); nil when it is not base32.
    init?(base32 text: String) {
        guard let bytes = Self.secretBytes(base32: text), !bytes.isEmpty else { return nil }
        self.init(secret: bytes)
    }

    /// The bytes of a base32 secret as a person may type it; nil when it is not base32.
    static func secretBytes(base32 text: String) -> [UInt8]? {
        let letters = text.uppercased().filter { $0 != "=" && !$0.isWhitespace }
        let padding = String(repeating: "=", count: (8 - letters.count % 8) % 8)
        return try? Base32.decode(string: letters + padding)
    }

    func step(at date: Date) -> Int { Int((date.timeIntervalSince1970 / period).rounded(.down)) }

    func code(atStep step: Int) -> String {
        var counter = UInt64(step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] =
            switch algorithm {
            case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
            case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
            }
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    func code(at date: Date) -> String { code(atStep: step(at: date)) }

    /// The step a code matches within one step either side of `date` (clock drift), or nil.
    func matchingStep(_ code: String, at date: Date) -> Int? {
        let code = code.filter { !$0.isWhitespace }
        guard code.count == digits, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        return [now, now - 1, now + 1].first { Secrets.constantTimeEqual(self.code(atStep: $0), code) }
    }

    /// A new random secret, base32, 160 bits as RFC 4226 recommends.
    static func newSecret() -> String { Base32.encodeToString(bytes: Secrets.randomBytes(20)) }

    /// The address an authenticator app scans.
    static func provisioningURI(secret: String, account: String, issuer: String = "Convene") -> String {
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? account
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(issuer)&algorithm=SHA1&digits=6&period=30"
    }
}

/// Random tokens and their stored hashes.
enum Secrets {
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// 256 random bits, URL-safe base64 without padding.
    static func newToken(prefix: String = "") -> String {
        prefix
            + Data(randomBytes(32)).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What is stored for a token: its SHA-256 in hex. A stolen database gives no usable token.
    static func hash(_ token: String) -> String { Fingerprint.sha256(token) }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
