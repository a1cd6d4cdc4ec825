import Foundation

/// The parts of the meeting record that people edit separately, each with its own version, so two
/// people can write different sections at once, while two edits of the same section are a conflict.
public enum RecordSection: String, Sendable, Codable, CaseIterable {
    case opening, reason, csc, risk, plan

    /// The section a `RecordUpdate` field (and page form field) belongs to, if any.
    public static func holding(_ field: String) -> RecordSection? { allCases.first { $0.fields.contains(field) } }

    /// The `RecordUpdate` fields (and page form fields) that belong to the section.
    public var fields: [String] {
        switch self {
        case .opening: return ["familyDetailsConfirmed", "confidentialityStatementGiven", "format", "startedAt", "endedAt"]
        case .reason: return ["reasonForMeeting"]
        case .csc: return ["cscInformation"]
        case .risk:
            return [
                "riskFactors", "protectiveFactors", "safeAtHome", "otherChildrenAtRisk", "otherChildrenDetail", "voiceOfChild",
                "cultureAndIdentity", "interpreterNeeded", "interpreterLanguage", "disabilityAdjustments",
            ]
        case .plan: return ["safetyPlan", "nextDiscussionDate"]
        }
    }

    public var label: String {
        switch self {
        case .opening: return "Opening"
        case .reason: return "Reason for the meeting"
        case .csc: return "Information from children's social care"
        case .risk: return "Risk analysis"
        case .plan: return "Safety plan and next steps"
        }
    }
}

extension RecordSection: Choice {}

extension RecordUpdate {
    /// The sections this update changes: those with at least one field present.
    public var sections: [RecordSection] {
        let present: [String: Bool] = [
            "familyDetailsConfirmed": familyDetailsConfirmed != nil,
            "confidentialityStatementGiven": confidentialityStatementGiven != nil, "format": format != nil,
            "startedAt": startedAt != nil, "endedAt": endedAt != nil, "reasonForMeeting": reasonForMeeting != nil,
            "cscInformation": cscInformation != nil, "riskFactors": riskFactors != nil,
            "protectiveFactors": protectiveFactors != nil, "safeAtHome": safeAtHome != nil,
            "otherChildrenAtRisk": otherChildrenAtRisk != nil, "otherChildrenDetail": otherChildrenDetail != nil,
            "voiceOfChild": voiceOfChild != nil, "cultureAndIdentity": cultureAndIdentity != nil,
            "interpreterNeeded": interpreterNeeded != nil, "interpreterLanguage": interpreterLanguage != nil,
            "disabilityAdjustments": disabilityAdjustments != nil, "safetyPlan": safetyPlan != nil,
            "nextDiscussionDate": nextDiscussionDate != nil,
        ]
        return RecordSection.allCases.filter { section in section.fields.contains { present[$0] == true } }
    }
}
