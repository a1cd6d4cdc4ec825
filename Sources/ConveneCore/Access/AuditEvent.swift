import Foundation

/// What an audited request did.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    /// Read case data (a record or a list).
    case read
    /// Changed case data; written in the same transaction as the change.
    case change
    /// Asked for case data and was refused.
    case denied
    /// Sign-in, sign-out and account events.
    case signIn, signInFailed, signOut, account
}

extension AuditAction: Choice {}

/// One row of the append-only, hash-chained audit log.
public struct AuditEvent: Sendable, Equatable, Codable {
    /// Position in the chain, from 1 with no gaps.
    public var seq: Int
    public var id: UUID
    /// UTC time, ISO 8601 with milliseconds, stored as text so the hash can be recomputed exactly.
    public var at: String
    public var accountId: UUID?
    public var username: String
    public var role: String
    public var action: AuditAction
    /// The route template, e.g. `GET /meetings/:meetingID`.
    public var route: String
    public var recordKind: String?
    public var recordId: UUID?
    public var caseId: UUID?
    /// The client's network address.
    public var address: String
    public var requestId: String
    public var breakGlass: Bool
    public var reason: String?
    public var previousHash: String
    public var hash: String

    public init(
        seq: Int, id: UUID, at: String, accountId: UUID?, username: String, role: String, action: AuditAction,
        route: String, recordKind: String?, recordId: UUID?, caseId: UUID?, address: String, requestId: String,
        breakGlass: Bool, reason: String?, previousHash: String, hash: String
    ) {
        self.seq = seq
        self.id = id
        self.at = at
        self.accountId = accountId
        self.username = username
        self.role = role
        self.action = action
        self.route = route
        self.recordKind = recordKind
        self.recordId = recordId
        self.caseId = caseId
        self.address = address
        self.requestId = requestId
        self.breakGlass = breakGlass
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The text the hash covers: every field but the hash, in a fixed order, with the previous hash,
    /// separated by the ASCII unit separator so no field can run into the next.
    public var chainText: String {
        [
            String(seq), id.uuidString, at, accountId?.uuidString ?? "", username, role, action.rawValue, route,
            recordKind ?? "", recordId?.uuidString ?? "", caseId?.uuidString ?? "", address, requestId,
            breakGlass ? "1" : "0", reason ?? "", previousHash,
        ].joined(separator: "\u{1F}")
    }

    /// The hash before the first row.
    public static let genesisHash = String(repeating: "0", count: 64)
}

/// Who did an audited thing, from where.
public struct AuditActor: Sendable, Equatable {
    public var accountId: UUID?
    public var username: String
    public var role: String
    public var address: String
    public var requestId: String

    public init(accountId: UUID?, username: String, role: String, address: String, requestId: String) {
        self.accountId = accountId
        self.username = username
        self.role = role
        self.address = address
        self.requestId = requestId
    }
}

/// What an audited request touched.
public struct AuditEntry: Sendable, Equatable {
    public var action: AuditAction
    public var route: String
    public var recordKind: String?
    public var recordId: UUID?
    public var caseId: UUID?
    public var breakGlass: Bool
    public var reason: String?

    public init(
        action: AuditAction, route: String, recordKind: String? = nil, recordId: UUID? = nil, caseId: UUID? = nil,
        breakGlass: Bool = false, reason: String? = nil
    ) {
        self.action = action
        self.route = route
        self.recordKind = recordKind
        self.recordId = recordId
        self.caseId = caseId
        self.breakGlass = breakGlass
        self.reason = reason
    }
}
