import ConveneCore
import Foundation

// The parts of a meeting's record the API answers one at a time: an invitation's attendance,
// the quorum, a contribution, a decision, a different view, a SMART action and its history, and
// an escalation.

struct InvitationResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var professionalId: UUID
    var invitedAt: Date
    var attendance: Attendance

    static let sample = Self(
        id: UUID(), meetingId: UUID(), professionalId: UUID(), invitedAt: sampleTime, attendance: .present)
}

extension InvitationResponse {
    init(_ invitation: Invitation) {
        self.init(
            id: invitation.id, meetingId: invitation.meetingId, professionalId: invitation.professionalId,
            invitedAt: invitation.invitedAt, attendance: invitation.attendance)
    }
}

struct QuorumResponse: APIResponseBody {
    /// Who of the minimum attendees is missing: socialWorker, teamManager, police, health.
    var missing: [String]
    var isQuorate: Bool

    static let sample = Self(missing: ["police"], isQuorate: false)
}

extension QuorumResponse {
    init(_ quorum: Quorum) { self.init(missing: quorum.missing, isQuorate: quorum.isQuorate) }
}

struct ContributionResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var agencyId: UUID
    var professionalId: UUID?
    var summary: String
    var recordedAt: Date
    /// Who typed it, when someone recorded it for the professional.
    var recordedBy: UUID?

    static let sample = Self(
        id: UUID(), meetingId: UUID(), agencyId: UUID(), professionalId: UUID(), summary: "Police checks complete",
        recordedAt: sampleTime, recordedBy: UUID())
}

extension ContributionResponse {
    init(_ contribution: Contribution) {
        self.init(
            id: contribution.id, meetingId: contribution.meetingId, agencyId: contribution.agencyId,
            professionalId: contribution.professionalId, summary: contribution.summary, recordedAt: contribution.recordedAt,
            recordedBy: contribution.recordedBy)
    }
}

struct DecisionResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var kind: DecisionKind
    var answer: String
    var rationale: String
    var decidedBy: UUID
    var detail: String?
    var parentsNotInformedReason: ParentsNotInformedReason?
    var byDate: LocalDate?
    var reviewedAt: Date?
    var recordedAt: Date
    var recordedBy: UUID?
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        id: UUID(), meetingId: UUID(), kind: .informParents, answer: "no", rationale: "A police interview comes first",
        decidedBy: UUID(), detail: "Review after the interview", parentsNotInformedReason: .prejudiceCriminalInvestigation,
        byDate: LocalDate(year: 2026, month: 11, day: 30), reviewedAt: sampleTime, recordedAt: sampleTime,
        recordedBy: UUID(), version: 1)
}

extension DecisionResponse {
    init(_ decision: Decision) {
        self.init(
            id: decision.id, meetingId: decision.meetingId, kind: decision.kind, answer: decision.answer,
            rationale: decision.rationale, decidedBy: decision.decidedBy, detail: decision.detail,
            parentsNotInformedReason: decision.parentsNotInformedReason, byDate: decision.byDate,
            reviewedAt: decision.reviewedAt, recordedAt: decision.recordedAt, recordedBy: decision.recordedBy,
            version: decision.version)
    }
}

struct DissentResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var decisionKind: DecisionKind?
    var raisedBy: UUID
    var view: String
    var resolution: String?
    var status: DissentStatus
    var recordedAt: Date
    var recordedBy: UUID?
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        id: UUID(), meetingId: UUID(), decisionKind: .s47Enquiry, raisedBy: UUID(), view: "A single-agency enquiry first",
        resolution: "Agreed after discussion", status: .resolved, recordedAt: sampleTime, recordedBy: UUID(), version: 1)
}

extension DissentResponse {
    init(_ dissent: Dissent) {
        self.init(
            id: dissent.id, meetingId: dissent.meetingId, decisionKind: dissent.decisionKind, raisedBy: dissent.raisedBy,
            view: dissent.view, resolution: dissent.resolution, status: dissent.status, recordedAt: dissent.recordedAt,
            recordedBy: dissent.recordedBy, version: dissent.version)
    }
}

struct SmartActionResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var caseId: UUID
    var description: String
    var ownerId: UUID
    var agencyId: UUID
    var dueAt: Date
    var status: ActionStatus
    var isContingency: Bool
    var completedAt: Date?
    var completionEvidence: String?
    var createdAt: Date
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        id: UUID(), meetingId: UUID(), caseId: UUID(), description: "See the child alone", ownerId: UUID(), agencyId: UUID(),
        dueAt: sampleTime, status: .completed, isContingency: false, completedAt: sampleTime,
        completionEvidence: "Seen at school", createdAt: sampleTime, version: 2)
}

extension SmartActionResponse {
    init(_ action: SmartAction) {
        self.init(
            id: action.id, meetingId: action.meetingId, caseId: action.caseId, description: action.description,
            ownerId: action.ownerId, agencyId: action.agencyId, dueAt: action.dueAt, status: action.status,
            isContingency: action.isContingency, completedAt: action.completedAt,
            completionEvidence: action.completionEvidence, createdAt: action.createdAt, version: action.version)
    }
}

struct ActionChangeResponse: APIResponseBody {
    var id: UUID
    var actionId: UUID
    var kind: ActionChangeKind
    var previousOwnerId: UUID?
    var newOwnerId: UUID?
    var previousDueAt: Date?
    var newDueAt: Date?
    var reason: String?
    var changedBy: UUID
    var changedAt: Date

    static let sample = Self(
        id: UUID(), actionId: UUID(), kind: .reassigned, previousOwnerId: UUID(), newOwnerId: UUID(),
        previousDueAt: sampleTime, newDueAt: sampleTime, reason: "On leave", changedBy: UUID(), changedAt: sampleTime)
}

extension ActionChangeResponse {
    init(_ change: ActionChange) {
        self.init(
            id: change.id, actionId: change.actionId, kind: change.kind, previousOwnerId: change.previousOwnerId,
            newOwnerId: change.newOwnerId, previousDueAt: change.previousDueAt, newDueAt: change.newDueAt,
            reason: change.reason, changedBy: change.changedBy, changedAt: change.changedAt)
    }
}

struct EscalationResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var caseId: UUID
    var kind: EscalationKind
    var absentProfessionalId: UUID?
    var dissentId: UUID?
    var escalatedTo: UUID
    var reason: String
    var escalatedBy: UUID
    var escalatedAt: Date
    var resolution: String?
    var resolvedBy: UUID?
    var resolvedAt: Date?
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        id: UUID(), meetingId: UUID(), caseId: UUID(), kind: .nonAttendance, absentProfessionalId: UUID(),
        dissentId: UUID(), escalatedTo: UUID(), reason: "No officer attended", escalatedBy: UUID(),
        escalatedAt: sampleTime, resolution: "Police attend the next one", resolvedBy: UUID(), resolvedAt: sampleTime,
        version: 2)
}

extension EscalationResponse {
    init(_ escalation: Escalation) {
        self.init(
            id: escalation.id, meetingId: escalation.meetingId, caseId: escalation.caseId, kind: escalation.kind,
            absentProfessionalId: escalation.absentProfessionalId, dissentId: escalation.dissentId,
            escalatedTo: escalation.escalatedTo, reason: escalation.reason, escalatedBy: escalation.escalatedBy,
            escalatedAt: escalation.escalatedAt, resolution: escalation.resolution, resolvedBy: escalation.resolvedBy,
            resolvedAt: escalation.resolvedAt, version: escalation.version)
    }
}
