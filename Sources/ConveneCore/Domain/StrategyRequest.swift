import Foundation

/// How soon the strategy discussion must be held (request form, seed 003).
public enum Urgency: String, Sendable, Codable, CaseIterable {
    /// Risk to the life of a child or likelihood of serious immediate harm.
    case immediate
    /// The standard timescale.
    case standard
    /// Outside the standard timescale, on a date the service manager agreed with a rationale.
    case other
}

/// What prompted the concern (DOMAIN §1).
public enum ConcernTrigger: String, Sendable, Codable, CaseIterable {
    case referral, newInformationDuringAssessment, emergencyProtection, disclosure
    case suspectedNonAccidentalInjury, newInformationOpenCase
}

/// Where a request is in its approval.
public enum RequestStatus: String, Sendable, Codable, CaseIterable {
    /// Being written by the social worker.
    case draft
    /// Sent to the team manager for approval.
    case submitted
    /// Approved by the team manager; ready to book.
    case approved
}

/// A strategy meeting request (seed 003, appendix 2). Team information and case
/// type come from the case; the people come from the case's people.
public struct StrategyRequest: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var caseId: UUID
    public var status: RequestStatus
    public var urgency: Urgency?
    /// For "other" urgency: the service manager's rationale.
    public var urgencyRationale: String?
    /// For "other" urgency: the service manager who gave the rationale.
    public var urgencyAgreedBy: UUID?
    /// For "other" urgency: the date by which the meeting is held.
    public var otherDueDate: LocalDate?
    public var trigger: ConcernTrigger?
    /// When the concern was identified: the meeting clock starts here.
    public var concernIdentifiedAt: Date?
    public var presentingIssue: String?
    public var incidentDate: LocalDate?
    public var rationale: String?
    /// Specific checks wanted: police intelligence, address check, health checks.
    public var specificChecks: String?
    public var draftedBy: UUID
    public var submittedAt: Date?
    public var approvedBy: UUID?
    public var approvedAt: Date?
    /// Why the team manager sent the request back, if they did.
    public var returnedReason: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Increases with every change, for optimistic locking: the API's ETag and the forms' hidden version.
    public var version: Int

    public init(
        id: UUID, caseId: UUID, status: RequestStatus = .draft, urgency: Urgency? = nil,
        urgencyRationale: String? = nil, urgencyAgreedBy: UUID? = nil, otherDueDate: LocalDate? = nil,
        trigger: ConcernTrigger? = nil, concernIdentifiedAt: Date? = nil, presentingIssue: String? = nil,
        incidentDate: LocalDate? = nil, rationale: String? = nil, specificChecks: String? = nil,
        draftedBy: UUID, submittedAt: Date? = nil, approvedBy: UUID? = nil, approvedAt: Date? = nil,
        returnedReason: String? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.caseId = caseId
        self.status = status
        self.urgency = urgency
        self.urgencyRationale = urgencyRationale
        self.urgencyAgreedBy = urgencyAgreedBy
        self.otherDueDate = otherDueDate
        self.trigger = trigger
        self.concernIdentifiedAt = concernIdentifiedAt
        self.presentingIssue = presentingIssue
        self.incidentDate = incidentDate
        self.rationale = rationale
        self.specificChecks = specificChecks
        self.draftedBy = draftedBy
        self.submittedAt = submittedAt
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.returnedReason = returnedReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// The fields of the request form a social worker writes; every one optional
/// while drafting, checked on submission.
public struct RequestForm: Sendable, Equatable, Codable {
    public var urgency: Urgency?
    public var urgencyRationale: String?
    public var urgencyAgreedBy: UUID?
    public var otherDueDate: LocalDate?
    public var trigger: ConcernTrigger?
    public var concernIdentifiedAt: Date?
    public var presentingIssue: String?
    public var incidentDate: LocalDate?
    public var rationale: String?
    public var specificChecks: String?
    /// Professionals to invite.
    public var inviteeIds: [UUID]?

    public init(
        urgency: Urgency? = nil, urgencyRationale: String? = nil, urgencyAgreedBy: UUID? = nil,
        otherDueDate: LocalDate? = nil, trigger: ConcernTrigger? = nil, concernIdentifiedAt: Date? = nil,
        presentingIssue: String? = nil, incidentDate: LocalDate? = nil, rationale: String? = nil,
        specificChecks: String? = nil, inviteeIds: [UUID]? = nil
    ) {
        self.urgency = urgency
        self.urgencyRationale = urgencyRationale
        self.urgencyAgreedBy = urgencyAgreedBy
        self.otherDueDate = otherDueDate
        self.trigger = trigger
        self.concernIdentifiedAt = concernIdentifiedAt
        self.presentingIssue = presentingIssue
        self.incidentDate = incidentDate
        self.rationale = rationale
        self.specificChecks = specificChecks
        self.inviteeIds = inviteeIds
    }
}

extension RequestForm {
    /// The form as a request holds it now: the base a partial change (PATCH) overlays.
    public init(_ request: StrategyRequest, inviteeIds: [UUID]) {
        self.init(
            urgency: request.urgency, urgencyRationale: request.urgencyRationale, urgencyAgreedBy: request.urgencyAgreedBy,
            otherDueDate: request.otherDueDate, trigger: request.trigger, concernIdentifiedAt: request.concernIdentifiedAt,
            presentingIssue: request.presentingIssue, incidentDate: request.incidentDate, rationale: request.rationale,
            specificChecks: request.specificChecks, inviteeIds: inviteeIds)
    }
}

extension StrategyRequest {
    /// Copies the form's fields onto the request.
    public mutating func apply(_ form: RequestForm, at now: Date) {
        urgency = form.urgency
        urgencyRationale = form.urgencyRationale
        urgencyAgreedBy = form.urgencyAgreedBy
        otherDueDate = form.otherDueDate
        trigger = form.trigger
        concernIdentifiedAt = form.concernIdentifiedAt
        presentingIssue = form.presentingIssue
        incidentDate = form.incidentDate
        rationale = form.rationale
        specificChecks = form.specificChecks
        updatedAt = now
    }
}
