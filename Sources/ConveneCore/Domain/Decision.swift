import Foundation

/// Every decision a strategy discussion can record (DOMAIN §4).
public enum DecisionKind: String, Sendable, Codable, CaseIterable {
    /// Is there reasonable cause to suspect significant harm (the S47 threshold)?
    case significantHarm
    /// Start S47 enquiries: none, single-agency (CSC) or joint with police.
    case s47Enquiry
    /// Criminal investigation, its conduct and timing; police lead.
    case criminalInvestigation
    /// Immediate protection in place.
    case immediateProtection
    /// Medical or paediatric assessment: type, by whom, consent, timescale.
    case medicalAssessment
    /// Referral to the Sexual Assault Referral Centre.
    case sarcReferral
    /// Achieving Best Evidence interview: when, by whom; child seen alone.
    case abeInterview
    /// Who else is interviewed, by whom, when.
    case otherInterviews
    /// Inform parents and seek consent; if not, why not and when reviewed.
    case informParents
    /// What information is shared with the child and family.
    case informationSharedWithFamily
    /// Legal advice or legal action.
    case legalAction
    case interpreter
    case disabilityAdjustments
    /// Referral to the Local Authority Designated Officer.
    case ladoReferral
    /// Convene an Initial Child Protection Conference.
    case icpc
    /// The outcome of the discussion.
    case outcome

    /// The answers this decision accepts.
    public var answers: [String] {
        switch self {
        case .s47Enquiry: return ["none", "singleAgency", "joint"]
        case .immediateProtection:
            return ["noneNeeded", "safetyPlan", "policeProtection", "emergencyProtectionOrder", "accommodated"]
        case .legalAction: return ["none", "legalAdvice", "legalPlanningMeeting", "emergencyProtectionOrder"]
        case .outcome:
            return ["noFurtherAction", "childInNeedS17", "s47SingleAgency", "s47Joint", "furtherStrategyDiscussion"]
        default: return ["yes", "no"]
        }
    }

    /// Decisions without which minutes cannot be finalised.
    public static let requiredBeforeFinalising: [DecisionKind] = [
        .significantHarm, .s47Enquiry, .informParents, .outcome,
    ]
}

/// Why parents are not told (DOMAIN §4, seed 000).
public enum ParentsNotInformedReason: String, Sendable, Codable, CaseIterable {
    case increasedRiskToChild, prejudiceCriminalInvestigation, evidenceDestroyed
}

/// A decision of the discussion, with its rationale and who made it.
public struct Decision: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var kind: DecisionKind
    public var answer: String
    public var rationale: String
    public var decidedBy: UUID
    /// Specifics: type of medical and by whom, ABE timing, what is shared, police lead.
    public var detail: String?
    public var parentsNotInformedReason: ParentsNotInformedReason?
    /// The review date of a decision not to inform parents, or the date of a further
    /// strategy discussion, or when a medical or ABE interview is to happen.
    public var byDate: LocalDate?
    /// When a parents-not-informed decision was last reviewed.
    public var reviewedAt: Date?
    public var recordedAt: Date
    /// The signed-in person who recorded it, when someone recorded it for the one who decided.
    public var recordedBy: UUID?
    /// Increases with every change, for optimistic locking: the API's ETag and the forms' hidden version.
    public var version: Int

    public init(
        id: UUID, meetingId: UUID, kind: DecisionKind, answer: String, rationale: String,
        decidedBy: UUID, detail: String?, parentsNotInformedReason: ParentsNotInformedReason?,
        byDate: LocalDate?, reviewedAt: Date? = nil, recordedAt: Date, recordedBy: UUID? = nil, version: Int = 1
    ) {
        self.id = id
        self.meetingId = meetingId
        self.kind = kind
        self.answer = answer
        self.rationale = rationale
        self.decidedBy = decidedBy
        self.detail = detail
        self.parentsNotInformedReason = parentsNotInformedReason
        self.byDate = byDate
        self.reviewedAt = reviewedAt
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.version = version
    }

    /// This decision starts a Section 47 enquiry.
    public var startsS47: Bool { kind == .s47Enquiry && (answer == "singleAgency" || answer == "joint") }
    /// Parents are not being told; the decision must be reviewed by `byDate`.
    public var withholdsFromParents: Bool { kind == .informParents && answer == "no" }
    /// The outcome asks for a further strategy discussion by `byDate`.
    public var asksForFollowUp: Bool { kind == .outcome && answer == "furtherStrategyDiscussion" }
}

/// A decision as a client sends it.
public struct DecisionInput: Sendable, Equatable, Codable {
    public var answer: String?
    public var rationale: String?
    public var decidedBy: UUID?
    public var detail: String?
    public var parentsNotInformedReason: ParentsNotInformedReason?
    public var byDate: LocalDate?

    public init(
        answer: String?, rationale: String?, decidedBy: UUID?, detail: String? = nil,
        parentsNotInformedReason: ParentsNotInformedReason? = nil, byDate: LocalDate? = nil
    ) {
        self.answer = answer
        self.rationale = rationale
        self.decidedBy = decidedBy
        self.detail = detail
        self.parentsNotInformedReason = parentsNotInformedReason
        self.byDate = byDate
    }

    /// Checks the input for a decision of `kind` made on `meetingDate`.
    public func validate(kind: DecisionKind, meetingDate: LocalDate) throws {
        var v = Validator()
        v.require(answer, "answer")
        if let answer, !answer.isEmpty, !kind.answers.contains(answer) {
            v.add("answer", "must be one of: \(kind.answers.joined(separator: ", "))")
        }
        v.require(rationale, "rationale")
        v.limit(rationale, TextFields.Decision.rationale)
        v.limit(detail, TextFields.Decision.detail)
        v.check(decidedBy != nil, "decidedBy", "is required")
        if kind == .informParents && answer == "no" {
            v.check(
                parentsNotInformedReason != nil, "parentsNotInformedReason",
                "is required when parents are not informed")
            v.check(byDate != nil, "byDate", "a review date is required when parents are not informed")
        }
        if kind == .outcome && answer == "furtherStrategyDiscussion" {
            v.check(byDate != nil, "byDate", "the date of the further strategy discussion is required")
        }
        if kind != .informParents && parentsNotInformedReason != nil {
            v.add("parentsNotInformedReason", "applies only to the informParents decision")
        }
        if let byDate, byDate < meetingDate {
            v.add("byDate", "must not be before the meeting (\(meetingDate))")
        }
        try v.throwIfInvalid()
    }
}
