import Foundation

/// Someone who signs in to Convene. Professionals' accounts point at their directory entry;
/// administrators have none.
public struct Account: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    /// Lower-case sign-in name, unique.
    public var username: String
    public var displayName: String
    public var role: AccessRole
    public var professionalId: UUID?
    /// A bcrypt hash; never leaves the store except to be verified.
    public var passwordHash: String
    /// The RFC 6238 shared secret, base32.
    public var totpSecret: String
    /// The last TOTP time step accepted, so a code cannot be used twice.
    public var totpLastStep: Int?
    public var disabledAt: Date?
    public var createdAt: Date

    public init(
        id: UUID, username: String, displayName: String, role: AccessRole, professionalId: UUID?, passwordHash: String,
        totpSecret: String, totpLastStep: Int? = nil, disabledAt: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.professionalId = professionalId
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
        self.totpLastStep = totpLastStep
        self.disabledAt = disabledAt
        self.createdAt = createdAt
    }

    /// Sign-in names are compared without case or surrounding spaces.
    public static func normalise(username: String) -> String {
        username.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// How long a signed-in session lasts.
public struct SessionLimits: Sendable, Equatable {
    /// Signed out after this long without a request.
    public var idle: TimeInterval
    /// Signed out this long after sign-in, however busy.
    public var absolute: TimeInterval

    public init(idle: TimeInterval, absolute: TimeInterval) {
        self.idle = idle
        self.absolute = absolute
    }

    /// 30 minutes idle, 10 hours in all: a working day with a long meeting.
    public static let standard = SessionLimits(idle: 30 * 60, absolute: 10 * 3600)
}

/// A signed-in browser. Only a hash of the cookie's token is stored.
public struct SignInSession: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountId: UUID
    public var tokenHash: String
    /// The value every form of this session must send back.
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var endedAt: Date?
    public var endReason: String?
    /// The message the next page shows once, after a redirect ("Person added").
    public var flash: String?

    public init(
        id: UUID, accountId: UUID, tokenHash: String, csrfToken: String, createdAt: Date, lastSeenAt: Date,
        endedAt: Date? = nil, endReason: String? = nil, flash: String? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.tokenHash = tokenHash
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.endedAt = endedAt
        self.endReason = endReason
        self.flash = flash
    }

    /// Live at `now` under `limits`: not ended, not idle too long, not past its absolute limit.
    public func isLive(at now: Date, limits: SessionLimits) -> Bool {
        endedAt == nil && now.timeIntervalSince(lastSeenAt) < limits.idle
            && now.timeIntervalSince(createdAt) < limits.absolute
    }
}

/// A personal API token. Only a hash is stored; the token is shown once.
public struct APIToken: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountId: UUID
    /// What the person called it ("Case system sync").
    public var name: String
    public var tokenHash: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: UUID, accountId: UUID, name: String, tokenHash: String, createdAt: Date, lastUsedAt: Date? = nil,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
