import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Settings for sign-in, read once at startup; tests shorten them.
public struct AuthSettings: Sendable {
    public var sessionLimits: SessionLimits
    /// bcrypt cost for new password hashes (12 in production; tests use the minimum, 4).
    public var passwordCost: Int
    /// Failed sign-ins allowed per account and per address in `failureWindow`, before 429.
    public var maxFailures: Int
    public var failureWindow: TimeInterval
    /// Behind a reverse proxy, the client's address is the last one in X-Forwarded-For, which the
    /// proxy appends. Off by default: without a proxy, anyone could write that header.
    public var trustForwardedFor: Bool

    public init(
        sessionLimits: SessionLimits = .standard, passwordCost: Int = 12, maxFailures: Int = 10,
        failureWindow: TimeInterval = 300, trustForwardedFor: Bool = false
    ) {
        self.sessionLimits = sessionLimits
        self.passwordCost = passwordCost
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
        self.trustForwardedFor = trustForwardedFor
    }
}

extension Application {
    private struct AuthSettingsKey: StorageKey { typealias Value = AuthSettings }
    private struct DecoyHashKey: StorageKey { typealias Value = String }

    public var authSettings: AuthSettings {
        get { storage[AuthSettingsKey.self] ?? AuthSettings() }
        set { storage[AuthSettingsKey.self] = newValue }
    }

    /// A hash checked when the username is unknown, so a fake account takes as long as a real one.
    var decoyPasswordHash: String {
        get { storage[DecoyHashKey.self] ?? "" }
        set { storage[DecoyHashKey.self] = newValue }
    }
}

/// Cookie names. `__Host-` makes the browser insist on Secure, Path=/ and no Domain.
enum SessionCookie {
    static let session = "__Host-convene_session"
    /// Carries the sign-in form's CSRF value before there is a session.
    static let signInForm = "__Host-convene_signin"
    /// Names the sign-in page's notice (`SignInNotice`) once, after a redirect there.
    static let signInNotice = "__Host-convene_notice"

    static func value(_ token: String, maxAge: Int? = nil) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token, maxAge: maxAge, path: "/", isSecure: true, isHTTPOnly: true, sameSite: .strict)
    }

    static let expired = HTTPCookies.Value(
        string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isSecure: true, isHTTPOnly: true,
        sameSite: .strict)
}

/// Finds who is making a request, signs people in and out.
enum Authenticator {
    /// Pages use the session cookie; the API uses `Authorization: Bearer` personal tokens only,
    /// so a browser's cookie can never drive the API from another site.
    static func authenticate(_ req: Request) async throws -> Principal? {
        let store = req.store
        if ProblemMiddleware.isAPI(req) {
            guard let bearer = req.headers.bearerAuthorization?.token,
                let holder = try await store.tokenHolder(hash: Secrets.hash(bearer)), holder.credential.revokedAt == nil,
                holder.account.disabledAt == nil
            else { return nil }
            let token = holder.credential
            if token.lastUsedAt.map({ store.now().timeIntervalSince($0) > 60 }) ?? true { try await store.touchToken(token.id) }
            return Principal(account: holder.account, professional: holder.professional, credential: .token(token))
        }
        guard let cookie = req.cookies[SessionCookie.session]?.string, !cookie.isEmpty,
            let holder = try await store.sessionHolder(tokenHash: Secrets.hash(cookie))
        else { return nil }
        let session = holder.credential
        let limits = req.application.authSettings.sessionLimits
        guard session.isLive(at: store.now(), limits: limits) else {
            if session.endedAt == nil { try await store.endSession(session.id, reason: "timed out") }
            return nil
        }
        guard holder.account.disabledAt == nil else { return nil }
        if store.now().timeIntervalSince(session.lastSeenAt) > 60 { try await store.touchSession(session.id) }
        var shown = session
        if session.flash != nil {
            // A message is shown once, by the next page read; a form posted meanwhile leaves it waiting.
            if req.method == .GET { try await store.setFlash(of: session.id, to: nil) } else { shown.flash = nil }
        }
        return Principal(account: holder.account, professional: holder.professional, credential: .session(shown))
    }

    enum SignInResult {
        /// The new session and the cookie token that names it (shown to the browser once).
        case signedIn(SignInSession, token: String, account: Account)
        case refused
        case tooManyAttempts
    }

    /// Checks the password (bcrypt) and the TOTP code. Refusals look the same whether or not the
    /// account exists, and cost the same time. Failures are counted per account and per address.
    static func signIn(_ req: Request, username: String, password: String, code: String) async throws -> SignInResult {
        let store = req.store
        let settings = req.application.authSettings
        let key = Account.normalise(username: username)
        let address = req.clientAddress
        let failures = try await store.signInFailures(
            usernameKey: key, address: address, since: store.now().addingTimeInterval(-settings.failureWindow))
        if failures.account >= settings.maxFailures || failures.address >= settings.maxFailures {
            req.application.metrics.count("sign_in_limited", help: "Sign-ins refused with 429 after too many failures")
            return .tooManyAttempts
        }
        let account = key.isEmpty ? nil : try await store.account(username: key)
        let hash = account?.passwordHash ?? req.application.decoyPasswordHash
        let passwordMatches = try await Credentials.passwordChecks.runIfActive {
            (try? Bcrypt.verify(password, created: hash)) ?? false
        }
        var accepted = false
        if let account, passwordMatches, account.disabledAt == nil, let totp = TOTP(base32: account.totpSecret),
            let step = totp.matchingStep(code, at: store.now())
        {
            accepted = try await store.useTOTPStep(account.id, step: step)
        }
        guard accepted, let account else {
            req.application.metrics.count("sign_in_failures", help: "Refused sign-ins")
            try await store.recordSignInFailure(usernameKey: key, address: address)
            try await store.appendAudit(
                AuditEntry(action: .signInFailed, route: "POST /sign-in"),
                by: AuditActor(accountId: nil, username: key, role: "none", address: address, requestId: req.id))
            return .refused
        }
        // A new session id at every sign-in; any session this browser had is ended.
        if let old = req.cookies[SessionCookie.session]?.string,
            let previous = try await store.session(tokenHash: Secrets.hash(old))
        {
            try await store.endSession(previous.id, reason: "signed in again")
        }
        let token = Secrets.newToken()
        let session = try await store.createSession(
            accountId: account.id, tokenHash: Secrets.hash(token), csrfToken: Secrets.newToken())
        try await store.appendAudit(
            AuditEntry(action: .signIn, route: "POST /sign-in", recordKind: "account", recordId: account.id),
            by: AuditActor(
                accountId: account.id, username: account.username, role: account.role.rawValue, address: address,
                requestId: req.id))
        return .signedIn(session, token: token, account: account)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
