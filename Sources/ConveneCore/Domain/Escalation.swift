import Foundation

/// Why something about a strategy discussion goes up a level (DOMAIN §4, seed 003).
public enum EscalationKind: String, Sendable, Codable, CaseIterable {
    /// A statutory partner (police or health) did not take part: to the service manager.
    case nonAttendance
    /// A disagreement the discussion could not settle: to the next level, the service manager.
    case disagreement
}

/// An escalation, with who raised it, when and why, to whom, and how it was resolved. It can be
/// resolved at any time, after the minutes are final too.
public struct Escalation: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var caseId: UUID
    public var kind: EscalationKind
    /// Non-attendance: the statutory partner who did not take part.
    public var absentProfessionalId: UUID?
    /// Disagreement: the different view escalated.
    public var dissentId: UUID?
    /// The manager it goes to.
    public var escalatedTo: UUID
    public var reason: String
    public var escalatedBy: UUID
    public var escalatedAt: Date
    public var resolution: String?
    public var resolvedBy: UUID?
    public var resolvedAt: Date?
    public var version: Int

    public init(
        id: UUID, meetingId: UUID, caseId: UUID, kind: EscalationKind, absentProfessionalId: UUID?, dissentId: UUID?,
        escalatedTo: UUID, reason: String, escalatedBy: UUID, escalatedAt: Date, resolution: String? = nil,
        resolvedBy: UUID? = nil, resolvedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.meetingId = meetingId
        self.caseId = caseId
        self.kind = kind
        self.absentProfessionalId = absentProfessionalId
        self.dissentId = dissentId
        self.escalatedTo = escalatedTo
        self.reason = reason
        self.escalatedBy = escalatedBy
        self.escalatedAt = escalatedAt
        self.resolution = resolution
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
        self.version = version
    }

    public var isOpen: Bool { resolvedAt == nil }
}

/// Escalating non-attendance (name the partner) or a disagreement (name the different view).
public struct EscalationInput: Sendable, Codable {
    public var kind: EscalationKind?
    public var professionalId: UUID?
    public var dissentId: UUID?
    public var reason: String?

    public init(kind: EscalationKind? = nil, professionalId: UUID? = nil, dissentId: UUID? = nil, reason: String? = nil) {
        self.kind = kind
        self.professionalId = professionalId
        self.dissentId = dissentId
        self.reason = reason
    }

    public func validate() throws {
        var v = Validator()
        v.check(kind != nil, "kind", "is required: nonAttendance or disagreement")
        if kind == .nonAttendance { v.check(professionalId != nil, "professionalId", "name the partner who did not take part") }
        if kind == .disagreement { v.check(dissentId != nil, "dissentId", "name the different view to escalate") }
        v.require(reason, "reason")
        v.limit(reason, TextFields.Escalation.reason)
        try v.throwIfInvalid()
    }
}

/// How an escalation was resolved.
public struct EscalationResolution: Sendable, Codable {
    public var resolution: String?

    public init(resolution: String? = nil) { self.resolution = resolution }
}
