import ConveneCore
import Foundation
import Vapor

/// Password and two-factor helpers shared by the server and the `convene` command.
public enum Credentials {
    /// NCSC guidance favours length over complexity rules.
    public static let minimumPasswordLength = 12

    /// A problem with a proposed password, or nil when it is acceptable.
    public static func passwordProblem(_ password: String) -> String? {
        if password.count < minimumPasswordLength { return "must be at least \(minimumPasswordLength) characters" }
        if password.count > 72 { return "must be at most 72 characters (bcrypt reads no further)" }
        return nil
    }

    /// The threads sign-ins check passwords on (bcrypt, a tenth of a second or more each), for the
    /// life of the process. Not the shared pool that SQLite's statements run on: two sign-ins at
    /// once would hold up every change and every audited page behind them.
    static let passwordChecks: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    /// A bcrypt hash at `cost` (12 unless tests ask for less).
    public static func hashPassword(_ password: String, cost: Int = 12) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    /// A new random TOTP secret, base32.
    public static func newTOTPSecret() -> String { TOTP.newSecret() }

    /// The current code for a base32 secret, or nil when it is not base32.
    public static func totpCode(secret: String, at date: Date = Date()) -> String? {
        TOTP(base32: secret)?.code(at: date)
    }

    /// The otpauth:// address an authenticator app scans.
    public static func provisioningURI(secret: String, username: String) -> String {
        TOTP.provisioningURI(secret: secret, account: username)
    }

    /// A new personal API token and the hash to store.
    public static func newAPIToken() -> (token: String, hash: String) {
        let token = Secrets.newToken(prefix: APITokens.prefix)
        return (token, Secrets.hash(token))
    }
}
