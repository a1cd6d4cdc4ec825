/// The words people read for each coded value, shared by the minutes and the pages.
extension PersonRole {
    public var label: String {
        switch self {
        case .child: return "Child"
        case .parentCarer: return "Parent or carer"
        case .otherChild: return "Other relevant child"
        case .otherAdult: return "Other relevant adult"
        }
    }
}

extension ProfessionalRole {
    public var label: String { AccessRole(self).label }
}

extension RequestStatus {
    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .submitted: return "Awaiting approval"
        case .approved: return "Approved"
        }
    }
}

extension CorrectionStatus {
    public var label: String {
        switch self {
        case .received: return "Received"
        case .applied: return "Applied"
        case .declined: return "Declined"
        }
    }
}

extension DissentStatus {
    public var label: String {
        switch self {
        case .open: return "Open"
        case .resolved: return "Resolved"
        case .escalated: return "Escalated to the service manager"
        }
    }
}

extension ActionStatus {
    public var label: String {
        switch self {
        case .open: return "Open"
        case .completed: return "Done"
        case .cancelled: return "Cancelled"
        }
    }
}

extension CaseType {
    public var label: String {
        switch self {
        case .newReferral: return "New referral"
        case .openCase: return "Open case"
        }
    }
}

extension Attendance {
    public var label: String {
        switch self {
        case .notRecorded: return "Not recorded"
        case .present: return "Present"
        case .absent: return "Absent"
        case .apologies: return "Apologies"
        case .sentWrittenInformation: return "Sent written information"
        }
    }
}

extension MeetingFormat {
    public var label: String {
        switch self {
        case .faceToFace: return "Face to face"
        case .phone: return "Telephone"
        case .video: return "Video"
        case .mixed: return "Mixed"
        }
    }
}

extension Answer {
    public var label: String {
        switch self {
        case .yes: return "Yes"
        case .no: return "No"
        case .unknown: return "Not yet known"
        }
    }
}

extension ParentsNotInformedReason {
    public var label: String {
        switch self {
        case .increasedRiskToChild: return "It would place the child at increased risk"
        case .prejudiceCriminalInvestigation: return "It would prejudice a criminal investigation"
        case .evidenceDestroyed: return "Evidence could be destroyed"
        }
    }
}

extension DecisionKind {
    public var label: String {
        switch self {
        case .significantHarm: return "Reasonable cause to suspect significant harm (S47 threshold)"
        case .s47Enquiry: return "Section 47 enquiry"
        case .criminalInvestigation: return "Criminal investigation (conduct, timing, police lead)"
        case .immediateProtection: return "Immediate protection"
        case .medicalAssessment: return "Medical or paediatric assessment"
        case .sarcReferral: return "SARC referral"
        case .abeInterview: return "Achieving Best Evidence (ABE) interview"
        case .otherInterviews: return "Who else is interviewed, by whom, when"
        case .informParents: return "Inform parents and seek consent"
        case .informationSharedWithFamily: return "Information shared with the child and family"
        case .legalAction: return "Legal advice or action"
        case .interpreter: return "Interpreter needed"
        case .disabilityAdjustments: return "Disability adjustments"
        case .ladoReferral: return "LADO referral"
        case .icpc: return "Initial child protection conference (ICPC)"
        case .outcome: return "Outcome"
        }
    }

    /// The words for one of this kind's answers.
    public static func answerLabel(_ answer: String) -> String {
        switch answer {
        case "yes": return "Yes"
        case "no": return "No"
        case "none": return "None"
        case "singleAgency": return "Single-agency (CSC)"
        case "joint": return "Joint with police"
        case "noneNeeded": return "None needed"
        case "safetyPlan": return "Safety plan"
        case "policeProtection": return "Police protection"
        case "emergencyProtectionOrder": return "Emergency Protection Order"
        case "accommodated": return "Child accommodated"
        case "legalAdvice": return "Legal advice"
        case "legalPlanningMeeting": return "Legal planning meeting"
        case "noFurtherAction": return "No further action"
        case "childInNeedS17": return "Services under S17 (child in need)"
        case "s47SingleAgency": return "S47 single-agency"
        case "s47Joint": return "S47 joint"
        case "furtherStrategyDiscussion": return "Further strategy discussion"
        default: return answer
        }
    }
}

extension ConcernTrigger {
    public var label: String {
        switch self {
        case .referral: return "A referral raising child protection concerns"
        case .newInformationDuringAssessment: return "New information during an assessment"
        case .emergencyProtection: return "Emergency protection (EPO or police powers of protection)"
        case .disclosure: return "A disclosure by the child"
        case .suspectedNonAccidentalInjury: return "Suspected non-accidental injury"
        case .newInformationOpenCase: return "New information on an open case"
        }
    }
}

extension Urgency {
    /// The urgency in words, as the request form offers it.
    public var label: String {
        switch self {
        case .immediate: return "Immediate"
        case .standard: return "Standard"
        case .other: return "Other (an agreed date)"
        }
    }
}

extension ClockKind {
    /// What the clock is for, in words, as a list's filter names it.
    public var label: String {
        switch self {
        case .meeting: return "Strategy discussion"
        case .minutesCirculation: return "Circulating the minutes"
        case .correctionsWindow: return "Corrections window"
        case .s47Enquiry: return "Section 47 enquiry"
        case .icpc: return "Initial child protection conference"
        case .assessment: return "Assessment"
        case .action: return "SMART action"
        case .parentsNotInformedReview: return "Review of not informing parents"
        case .followUpDiscussion: return "Further strategy discussion"
        }
    }
}

extension ClockState {
    public var label: String {
        switch self {
        case .open: return "On track"
        case .dueSoon: return "Due soon"
        case .overdue: return "Overdue"
        case .met: return "Met"
        case .metLate: return "Met late"
        }
    }
}

extension AccessRole {
    public var label: String {
        switch self {
        case .socialWorker: return "Social worker"
        case .teamManager: return "Team manager"
        case .serviceManager: return "Service manager"
        case .minuteTaker: return "Minute taker"
        case .partnerProfessional: return "Partner agency professional"
        case .administrator: return "Administrator"
        }
    }
}
