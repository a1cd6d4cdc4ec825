import ConveneCore
import Foundation
import SQLKit

/// A session or API token with the account it signs in and that account's directory entry (nil
/// for an administrator).
public struct CredentialHolder<Credential: Sendable>: Sendable {
    public var credential: Credential
    public var account: Account
    public var professional: Professional?
}

/// What an administrator gives to create an account. The password arrives already hashed.
public struct NewAccount: Sendable {
    public var username: String
    public var displayName: String?
    public var role: AccessRole?
    public var professionalId: UUID?
    public var passwordHash: String
    public var totpSecret: String

    public init(
        username: String, displayName: String? = nil, role: AccessRole? = nil, professionalId: UUID? = nil,
        passwordHash: String, totpSecret: String
    ) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.professionalId = professionalId
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
    }
}

extension ConveneStore {
    // MARK: - Accounts

    /// Creates an account. A professional's account takes its name and role from the directory;
    /// an account without a professional must be an administrator.
    public func createAccount(_ input: NewAccount) async throws -> Account {
        var v = Validator()
        let username = Account.normalise(username: input.username)
        if username.isEmpty {
            v.add("username", "is required")
        } else if username.count > 100 || username.contains(where: { $0.isWhitespace }) {
            v.add("username", "must be at most 100 characters with no spaces")
        }
        var role = input.role
        var name = input.displayName?.trimmingCharacters(in: .whitespaces)
        if let professionalId = input.professionalId {
            if let person = try await fetch(Professional.self, from: "professionals", id: professionalId) {
                if let role, role != AccessRole(person.role) {
                    v.add("role", "\(person.name) is a \(person.role.rawValue); their account has that role")
                }
                role = AccessRole(person.role)
                name = name ?? person.name
                let existing = try await sql.select().column("id").from("accounts")
                    .where("professional_id", .equal, professionalId).first()
                if existing != nil { v.add("professionalId", "\(person.name) already has an account") }
            } else {
                v.add("professionalId", "no professional has id \(professionalId)")
            }
        } else if role != .administrator {
            v.add("professionalId", "is required unless the account is an administrator's")
        }
        if (name ?? "").isEmpty { v.add("displayName", "is required for an administrator") }
        if try await account(username: username) != nil { v.add("username", "is already taken") }
        try v.throwIfInvalid()
        let account = Account(
            id: newID(), username: username, displayName: name ?? "", role: role ?? .administrator,
            professionalId: input.professionalId, passwordHash: input.passwordHash, totpSecret: input.totpSecret,
            createdAt: now())
        try await insert(account, into: "accounts")
        return account
    }

    public func account(username: String) async throws -> Account? {
        try await sql.select().column("*").from("accounts")
            .where("username", .equal, Account.normalise(username: username))
            .first(decoding: Account.self, with: rowDecoder)
    }

    public func account(_ id: UUID) async throws -> Account {
        try await load(Account.self, from: "accounts", id: id, entity: "account")
    }

    public func accounts() async throws -> [Account] {
        try await sql.select().column("*").from("accounts").orderBy("username").all(decoding: Account.self, with: rowDecoder)
    }

    /// Disables or re-enables an account. Disabling ends every session and revokes no tokens,
    /// but a disabled account's tokens are refused while it stays disabled.
    public func setDisabled(_ accountId: UUID, _ disabled: Bool) async throws -> Account {
        var account = try await self.account(accountId)
        account.disabledAt = disabled ? now() : nil
        let saved = account
        try await transaction { store in
            try await store.update(saved, in: "accounts", id: accountId)
            if disabled { try await store.endSessions(of: accountId, reason: "account disabled") }
        }
        return account
    }

    /// Sets a new password hash and ends every session of the account.
    public func setPasswordHash(_ accountId: UUID, _ hash: String) async throws {
        try await transaction { store in
            try await store.sql.update("accounts").set("password_hash", to: hash).where("id", .equal, accountId).run()
            try await store.endSessions(of: accountId, reason: "password changed")
        }
    }

    /// Records the TOTP step just used. False when this or a later step was already used (a replay).
    public func useTOTPStep(_ accountId: UUID, step: Int) async throws -> Bool {
        let rows = try await sql.update("accounts").set("totp_last_step", to: step)
            .where("id", .equal, accountId)
            .where { $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step) }
            .returning("id").all()
        return !rows.isEmpty
    }

    // MARK: - Sessions

    public func createSession(accountId: UUID, tokenHash: String, csrfToken: String) async throws -> SignInSession {
        let session = SignInSession(
            id: newID(), accountId: accountId, tokenHash: tokenHash, csrfToken: csrfToken, createdAt: now(),
            lastSeenAt: now())
        try await insert(session, into: "sessions")
        return session
    }

    /// The session with this token hash, its account and the account's professional, in one
    /// statement (every signed-in page starts here).
    public func sessionHolder(tokenHash: String) async throws -> CredentialHolder<SignInSession>? {
        try await holder(of: SignInSession.self, in: "sessions", tokenHash: tokenHash)
    }

    /// The API token with this hash, its account and the account's professional, in one statement
    /// (every API call starts here).
    public func tokenHolder(hash: String) async throws -> CredentialHolder<APIToken>? {
        try await holder(of: APIToken.self, in: "api_tokens", tokenHash: hash)
    }

    /// The account's and the professional's columns come under prefixes (`a_`, `p_`) so that
    /// none of them shadows the credential's own.
    private func holder<Credential: Decodable & Sendable>(of type: Credential.Type, in table: String, tokenHash: String)
        async throws -> CredentialHolder<Credential>?
    {
        let accountColumns = [
            "id", "username", "display_name", "role", "professional_id", "password_hash", "totp_secret", "totp_last_step",
            "disabled_at", "created_at",
        ]
        let professionalColumns = ["id", "name", "role", "job_title", "agency_id", "team_id", "email", "phone"]
        let columns = (accountColumns.map { "a.\($0) AS a_\($0)" } + professionalColumns.map { "p.\($0) AS p_\($0)" })
            .joined(separator: ", ")
        let query: SQLQueryString = """
            SELECT c.*, \(unsafeRaw: columns) FROM \(unsafeRaw: table) c JOIN accounts a ON a.id = c.account_id
            LEFT JOIN professionals p ON p.id = a.professional_id WHERE c.token_hash = \(bind: tokenHash)
            """
        guard let row = try await sql.raw(query).first() else { return nil }
        let professional =
            try row.decodeNil(column: "p_id")
            ? nil
            : try rowDecoder(prefix: "p_").decode(Professional.self, from: row)
        return CredentialHolder(
            credential: try rowDecoder.decode(type, from: row),
            account: try rowDecoder(prefix: "a_").decode(Account.self, from: row),
            professional: professional)
    }

    public func session(tokenHash: String) async throws -> SignInSession? {
        try await sql.select().column("*").from("sessions").where("token_hash", .equal, tokenHash)
            .first(decoding: SignInSession.self, with: rowDecoder)
    }

    public func touchSession(_ id: UUID) async throws {
        try await sql.update("sessions").set("last_seen_at", to: now()).where("id", .equal, id).run()
    }

    /// Sets (or, with nil, clears) the message the session's next page shows once.
    public func setFlash(of sessionId: UUID, to text: String?) async throws {
        try await sql.update("sessions").set("flash", to: text).where("id", .equal, sessionId).run()
    }

    public func endSession(_ id: UUID, reason: String) async throws {
        try await sql.update("sessions").set("ended_at", to: now()).set("end_reason", to: reason)
            .where("id", .equal, id).where("ended_at", .is, SQLLiteral.null).run()
    }

    /// Ends every live session of an account (sign-out everywhere, disabling, a new password).
    public func endSessions(of accountId: UUID, reason: String) async throws {
        try await sql.update("sessions").set("ended_at", to: now()).set("end_reason", to: reason)
            .where("account_id", .equal, accountId).where("ended_at", .is, SQLLiteral.null).run()
    }

    /// Sessions that have not been ended, newest first.
    public func openSessions(of accountId: UUID) async throws -> [SignInSession] {
        try await sql.select().column("*").from("sessions").where("account_id", .equal, accountId)
            .where("ended_at", .is, SQLLiteral.null).orderBy("created_at", .descending)
            .all(decoding: SignInSession.self, with: rowDecoder)
    }

    // MARK: - API tokens

    public func createToken(accountId: UUID, name: String, tokenHash: String) async throws -> APIToken {
        var v = Validator()
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { v.add("name", "is required, so you can tell your tokens apart") }
        v.limit(name, TextFields.Token.name)
        if try await tokens(of: accountId).contains(where: { $0.revokedAt == nil && Self.alike($0.name, name) }) {
            v.add("name", "you already have a token named \"\(name)\"; choose another name, or revoke that one first")
        }
        try v.throwIfInvalid()
        let token = APIToken(id: newID(), accountId: accountId, name: name, tokenHash: tokenHash, createdAt: now())
        try await insert(token, into: "api_tokens")
        return token
    }

    /// Whether two token names would look the same in a list: compared without case, width or
    /// compatibility forms (NFKC), invisible characters (soft hyphen, joiners) or repeated spaces.
    static func alike(_ a: String, _ b: String) -> Bool {
        func plain(_ name: String) -> String {
            let visible = String(
                String.UnicodeScalarView(name.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint }))
            return visible.precomposedStringWithCompatibilityMapping.lowercased()
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return plain(a) == plain(b)
    }

    public func token(hash: String) async throws -> APIToken? {
        try await sql.select().column("*").from("api_tokens").where("token_hash", .equal, hash)
            .first(decoding: APIToken.self, with: rowDecoder)
    }

    public func tokens(of accountId: UUID) async throws -> [APIToken] {
        try await sql.select().column("*").from("api_tokens").where("account_id", .equal, accountId)
            .orderBy("created_at", .descending).all(decoding: APIToken.self, with: rowDecoder)
    }

    /// Revokes one of an account's tokens. Another account's token is not found.
    public func revokeToken(_ id: UUID, of accountId: UUID) async throws -> APIToken {
        guard var token = try await fetch(APIToken.self, from: "api_tokens", id: id), token.accountId == accountId else {
            throw DomainError.notFound(entity: "token", id: id.uuidString)
        }
        if token.revokedAt == nil {
            token.revokedAt = now()
            try await update(token, in: "api_tokens", id: id)
        }
        return token
    }

    public func touchToken(_ id: UUID) async throws {
        try await sql.update("api_tokens").set("last_used_at", to: now()).where("id", .equal, id).run()
    }

    // MARK: - Sign-in failures

    /// Records a failed sign-in and forgets failures older than a day.
    public func recordSignInFailure(usernameKey: String, address: String) async throws {
        struct Row: Codable, Sendable {
            var id: UUID
            var usernameKey: String
            var address: String
            var at: Date
        }
        try await insert(Row(id: newID(), usernameKey: usernameKey, address: address, at: now()), into: "sign_in_failures")
        try await sql.delete(from: "sign_in_failures").where("at", .lessThan, now().addingTimeInterval(-86_400)).run()
    }

    /// Failed sign-ins since `since` for a username and for an address.
    public func signInFailures(usernameKey: String, address: String, since: Date) async throws -> (
        account: Int, address: Int
    ) {
        let recent: SQLQueryString = "at >= \(bind: since)"
        return (
            try await count(from: "sign_in_failures", where: ["username_key = \(bind: usernameKey)", recent]),
            try await count(from: "sign_in_failures", where: ["address = \(bind: address)", recent])
        )
    }
}
