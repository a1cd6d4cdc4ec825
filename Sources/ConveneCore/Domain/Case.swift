import Foundation

/// New referral or an already open case (request form, case type).
public enum CaseType: String, Sendable, Codable, CaseIterable {
    case newReferral, openCase
}

/// A child protection case: one family, one or more children.
public struct Case: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var teamId: UUID
    /// The case reference people quote, unique in the organisation.
    public var reference: String
    public var caseType: CaseType
    /// When the referral reached children's services: starts the 45-working-day assessment clock.
    public var referralDate: LocalDate?
    public var socialWorkerId: UUID
    public var teamManagerId: UUID
    public var serviceManagerId: UUID
    /// Milestones that stop clocks.
    public var assessmentCompletedOn: LocalDate?
    public var s47CompletedOn: LocalDate?
    public var icpcHeldOn: LocalDate?
    public var createdAt: Date
    /// Increases with every change, for optimistic locking: the API's ETag and the forms' hidden version.
    public var version: Int

    public init(
        id: UUID, teamId: UUID, reference: String, caseType: CaseType, referralDate: LocalDate?,
        socialWorkerId: UUID, teamManagerId: UUID, serviceManagerId: UUID,
        assessmentCompletedOn: LocalDate? = nil, s47CompletedOn: LocalDate? = nil,
        icpcHeldOn: LocalDate? = nil, createdAt: Date, version: Int = 1
    ) {
        self.id = id
        self.teamId = teamId
        self.reference = reference
        self.caseType = caseType
        self.referralDate = referralDate
        self.socialWorkerId = socialWorkerId
        self.teamManagerId = teamManagerId
        self.serviceManagerId = serviceManagerId
        self.assessmentCompletedOn = assessmentCompletedOn
        self.s47CompletedOn = s47CompletedOn
        self.icpcHeldOn = icpcHeldOn
        self.createdAt = createdAt
        self.version = version
    }
}

/// How a person is connected to the case (the request form's four tables).
public enum PersonRole: String, Sendable, Codable, CaseIterable {
    /// A child the discussion is about.
    case child
    case parentCarer
    /// A relevant child not living in the household.
    case otherChild
    /// A relevant adult, such as an alleged perpetrator, who may need checks.
    case otherAdult

    /// A child of the discussion or another relevant child: their age is bounded (`DateLimits`).
    public var isChild: Bool { self == .child || self == .otherChild }
}

/// A child, parent or carer, or other relevant person on a case.
public struct CasePerson: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var caseId: UUID
    public var role: PersonRole
    public var fullName: String
    public var dateOfBirth: LocalDate?
    /// The social worker's answer that the date of birth is not known (an adult's, often).
    public var dateOfBirthUnknown: Bool
    /// For an unborn child: when the baby is due.
    public var expectedDeliveryDate: LocalDate?
    public var ethnicity: String?
    /// Disability as recorded, or "None known".
    public var disability: String?
    /// The person's own case number (LCS number), if known to CSC.
    public var caseNumber: String?
    public var address: String?
    /// Relationship to the children ("Mother", "Mother's partner").
    public var relationship: String?
    /// Checks wanted on this person (police intelligence, address, health).
    public var checksRequired: String?
    /// Increases with every change, for optimistic locking: the API's ETag and the form's hidden version.
    public var version: Int

    public init(
        id: UUID, caseId: UUID, role: PersonRole, fullName: String, dateOfBirth: LocalDate?,
        dateOfBirthUnknown: Bool = false, expectedDeliveryDate: LocalDate? = nil,
        ethnicity: String?, disability: String?, caseNumber: String?, address: String?,
        relationship: String?, checksRequired: String?, version: Int = 1
    ) {
        self.id = id
        self.caseId = caseId
        self.role = role
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.dateOfBirthUnknown = dateOfBirthUnknown
        self.expectedDeliveryDate = expectedDeliveryDate
        self.version = version
        self.ethnicity = ethnicity
        self.disability = disability
        self.caseNumber = caseNumber
        self.address = address
        self.relationship = relationship
        self.checksRequired = checksRequired
    }

    /// An unborn child: a child with an expected date of delivery.
    public var isUnborn: Bool { expectedDeliveryDate != nil }

    /// When they were born, in words, as every page and the minutes give it: "Mon 14 May 2017",
    /// "Unborn: due Fri 5 Mar 2027", "Not known" (said so) or "Not given".
    public var bornText: String {
        dateOfBirth?.long ?? expectedDeliveryDate.map { "Unborn: due \($0.long)" }
            ?? (dateOfBirthUnknown ? "Not known" : "Not given")
    }
}

/// Where a case stands, for the cases list: its latest request and discussion.
public enum CaseStage: String, Sendable, Codable, CaseIterable {
    case noRequest, requestDraft, requestReturned, awaitingApproval, awaitingBooking, discussionBooked
    case minutesDraft, minutesFinal, minutesCirculated

    public var label: String {
        switch self {
        case .noRequest: return "No request yet"
        case .requestDraft: return "Request being written"
        case .requestReturned: return "Request returned to the social worker"
        case .awaitingApproval: return "Request awaiting approval"
        case .awaitingBooking: return "Request approved, awaiting booking"
        case .discussionBooked: return "Discussion booked"
        case .minutesDraft: return "Discussion held, minutes in draft"
        case .minutesFinal: return "Minutes final, not yet circulated"
        case .minutesCirculated: return "Minutes circulated"
        }
    }

    /// The stage from a case's latest request and its live meeting, if any.
    public static func of(latest request: StrategyRequest?, meeting: Meeting?) -> CaseStage {
        if let meeting {
            if meeting.circulatedAt != nil { return .minutesCirculated }
            if meeting.minutesStatus != .draft { return .minutesFinal }
            return meeting.startedAt != nil ? .minutesDraft : .discussionBooked
        }
        guard let request else { return .noRequest }
        switch request.status {
        case .draft: return request.returnedReason == nil ? .requestDraft : .requestReturned
        case .submitted: return .awaitingApproval
        case .approved: return .awaitingBooking
        }
    }
}
