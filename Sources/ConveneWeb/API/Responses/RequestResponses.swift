import ConveneCore
import ConveneStore
import Foundation

/// A strategy meeting request as the API answers it, in a list or inside its detail.
struct StrategyRequestResponse: APIResponseBody {
    var id: UUID
    var caseId: UUID
    var status: RequestStatus
    var urgency: Urgency?
    /// For "other" urgency: the service manager's rationale, who gave it, and the date it sets.
    var urgencyRationale: String?
    var urgencyAgreedBy: UUID?
    var otherDueDate: LocalDate?
    var trigger: ConcernTrigger?
    /// When the concern was identified: the meeting clock starts here.
    var concernIdentifiedAt: Date?
    var presentingIssue: String?
    var incidentDate: LocalDate?
    var rationale: String?
    var specificChecks: String?
    var draftedBy: UUID
    var submittedAt: Date?
    var approvedBy: UUID?
    var approvedAt: Date?
    /// Why the team manager sent the request back, if they did.
    var returnedReason: String?
    var createdAt: Date
    var updatedAt: Date
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        StrategyRequest(
            id: UUID(), caseId: UUID(), status: .submitted, urgency: .other, urgencyRationale: "Police interview on Friday",
            urgencyAgreedBy: UUID(), otherDueDate: sampleDate, trigger: .referral, concernIdentifiedAt: sampleTime,
            presentingIssue: "Bruising seen at school", incidentDate: sampleDate, rationale: "Possible physical harm",
            specificChecks: "Police intelligence", draftedBy: UUID(), submittedAt: sampleTime, approvedBy: UUID(),
            approvedAt: sampleTime, returnedReason: "Add the school's account", createdAt: sampleTime, updatedAt: sampleTime))
}

extension StrategyRequestResponse {
    init(_ request: StrategyRequest) {
        self.init(
            id: request.id, caseId: request.caseId, status: request.status, urgency: request.urgency,
            urgencyRationale: request.urgencyRationale, urgencyAgreedBy: request.urgencyAgreedBy,
            otherDueDate: request.otherDueDate, trigger: request.trigger, concernIdentifiedAt: request.concernIdentifiedAt,
            presentingIssue: request.presentingIssue, incidentDate: request.incidentDate, rationale: request.rationale,
            specificChecks: request.specificChecks, draftedBy: request.draftedBy, submittedAt: request.submittedAt,
            approvedBy: request.approvedBy, approvedAt: request.approvedAt, returnedReason: request.returnedReason,
            createdAt: request.createdAt, updatedAt: request.updatedAt, version: request.version)
    }
}

/// A request with the professionals the social worker asks to invite.
struct RequestDetailResponse: APIResponseBody {
    var request: StrategyRequestResponse
    var inviteeIds: [UUID]

    static let sample = Self(request: .sample, inviteeIds: [UUID()])
}

extension RequestDetailResponse {
    init(_ detail: RequestDetail) {
        self.init(request: StrategyRequestResponse(detail.request), inviteeIds: detail.inviteeIds)
    }
}
