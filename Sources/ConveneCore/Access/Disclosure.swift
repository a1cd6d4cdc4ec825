import Foundation

/// The chair's recorded permission for someone beyond the invitees and case team to read a
/// meeting's minutes (DOMAIN §6). Revoking it ends the access; the record stays.
public struct MinutesShare: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var professionalId: UUID
    public var grantedBy: UUID
    public var reason: String
    public var grantedAt: Date
    public var revokedAt: Date?
    public var revokedBy: UUID?

    public init(
        id: UUID, meetingId: UUID, professionalId: UUID, grantedBy: UUID, reason: String, grantedAt: Date,
        revokedAt: Date? = nil, revokedBy: UUID? = nil
    ) {
        self.id = id
        self.meetingId = meetingId
        self.professionalId = professionalId
        self.grantedBy = grantedBy
        self.reason = reason
        self.grantedAt = grantedAt
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
    }
}

/// One entry of the disclosure log: who shared what with whom, and why.
public struct Disclosure: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var caseId: UUID
    /// Who disclosed (the chair, or the minute taker circulating).
    public var disclosedBy: UUID
    public var disclosedTo: UUID
    /// What was disclosed ("Minutes version 2").
    public var what: String
    public var why: String
    public var at: Date

    public init(
        id: UUID, meetingId: UUID, caseId: UUID, disclosedBy: UUID, disclosedTo: UUID, what: String, why: String, at: Date
    ) {
        self.id = id
        self.meetingId = meetingId
        self.caseId = caseId
        self.disclosedBy = disclosedBy
        self.disclosedTo = disclosedTo
        self.what = what
        self.why = why
        self.at = at
    }
}

/// Emergency read access to a case in which the professional has no role.
public struct BreakGlassGrant: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var caseId: UUID
    public var professionalId: UUID
    public var reason: String
    public var grantedAt: Date
    public var expiresAt: Date
    /// The case's service manager, who is told.
    public var serviceManagerId: UUID
    public var acknowledgedAt: Date?

    public init(
        id: UUID, caseId: UUID, professionalId: UUID, reason: String, grantedAt: Date, expiresAt: Date,
        serviceManagerId: UUID, acknowledgedAt: Date? = nil
    ) {
        self.id = id
        self.caseId = caseId
        self.professionalId = professionalId
        self.reason = reason
        self.grantedAt = grantedAt
        self.expiresAt = expiresAt
        self.serviceManagerId = serviceManagerId
        self.acknowledgedAt = acknowledgedAt
    }

    /// Emergency access lasts one hour; a longer need is a new, separately recorded grant.
    public static let duration: TimeInterval = 3600
    /// A reason must say enough for the service manager to judge it.
    public static let minimumReasonLength = 20
}
