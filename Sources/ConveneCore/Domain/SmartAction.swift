import Foundation

/// Where a SMART action stands.
public enum ActionStatus: String, Sendable, Codable, CaseIterable {
    case open, completed, cancelled
}

/// A SMART action: who does what, for which agency, by when.
public struct SmartAction: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var caseId: UUID
    public var description: String
    public var ownerId: UUID
    public var agencyId: UUID
    public var dueAt: Date
    public var status: ActionStatus
    /// A contingency: what happens if the plan does not hold.
    public var isContingency: Bool
    public var completedAt: Date?
    public var completionEvidence: String?
    public var createdAt: Date
    /// Increases with every change, for optimistic locking: the API's ETag and the forms' hidden version.
    public var version: Int

    public init(
        id: UUID, meetingId: UUID, caseId: UUID, description: String, ownerId: UUID, agencyId: UUID,
        dueAt: Date, status: ActionStatus = .open, isContingency: Bool, completedAt: Date? = nil,
        completionEvidence: String? = nil, createdAt: Date, version: Int = 1
    ) {
        self.id = id
        self.meetingId = meetingId
        self.caseId = caseId
        self.description = description
        self.ownerId = ownerId
        self.agencyId = agencyId
        self.dueAt = dueAt
        self.status = status
        self.isContingency = isContingency
        self.completedAt = completedAt
        self.completionEvidence = completionEvidence
        self.createdAt = createdAt
        self.version = version
    }
}

/// What happened to a SMART action after it was agreed.
public enum ActionChangeKind: String, Sendable, Codable, CaseIterable {
    case completed, cancelled, reopened, reassigned, redated
}

/// One change to a SMART action, with who made it, when and why: the action's history. A wrong
/// action is cancelled, reassigned or re-dated with a reason, never quietly rewritten.
public struct ActionChange: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var actionId: UUID
    public var kind: ActionChangeKind
    public var previousOwnerId: UUID?
    public var newOwnerId: UUID?
    public var previousDueAt: Date?
    public var newDueAt: Date?
    /// Why (required to cancel, reassign or re-date), or the evidence it was done.
    public var reason: String?
    public var changedBy: UUID
    public var changedAt: Date

    public init(
        id: UUID, actionId: UUID, kind: ActionChangeKind, previousOwnerId: UUID? = nil, newOwnerId: UUID? = nil,
        previousDueAt: Date? = nil, newDueAt: Date? = nil, reason: String?, changedBy: UUID, changedAt: Date
    ) {
        self.id = id
        self.actionId = actionId
        self.kind = kind
        self.previousOwnerId = previousOwnerId
        self.newOwnerId = newOwnerId
        self.previousDueAt = previousDueAt
        self.newDueAt = newDueAt
        self.reason = reason
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}
