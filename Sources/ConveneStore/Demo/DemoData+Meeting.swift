import ConveneCore
import Foundation

extension DemoData {
    /// Holds a booked meeting: attendance, the record, decisions, actions, and the minutes
    /// as far as the stage goes.
    func holdMeeting(
        _ meeting: Meeting, scenario: DemoScenarios.Scenario, stage: Stage, team: DemoDirectory.TeamStaff, number: Int
    ) async throws {
        let start = meeting.scheduledStart
        let length: Double = number % 5 == 0 ? 75 : 50
        let end = start.addingTimeInterval(length * 60)
        let during = store(at: end.addingTimeInterval(120))
        let record = try await during.meetingRecord(meeting.id)
        let s47 = ![.noFurtherAction].contains(stage)
        let policeAbsent = number % 7 == 3

        for invitation in record.invitations {
            let person = record.professional(invitation.professionalId)
            let kind = person.flatMap { record.agency($0.agencyId)?.kind }
            let attendance: Attendance =
                kind == .police && policeAbsent
                ? .apologies : (kind == .education && number % 3 == 0 ? .sentWrittenInformation : .present)
            _ = try await during.recordAttendance(
                meeting.id, professionalId: invitation.professionalId, AttendanceInput(attendance: attendance))
        }
        for invitation in record.invitations {
            guard let person = record.professional(invitation.professionalId), let agency = record.agency(person.agencyId) else {
                continue
            }
            let summary: String
            switch agency.kind {
            case .police: summary = scenario.policeContribution
            case .health: summary = scenario.healthContribution
            case .education: summary = scenario.schoolContribution
            default: continue
            }
            _ = try await during.addContribution(
                to: meeting.id, ContributionInput(agencyId: agency.id, professionalId: person.id, summary: summary))
        }
        var update = RecordUpdate()
        update.format = [.video, .mixed, .phone, .faceToFace][number % 4]
        update.startedAt = start
        update.endedAt = end
        update.familyDetailsConfirmed = true
        update.confidentialityStatementGiven = true
        update.reasonForMeeting = scenario.rationale
        update.cscInformation = "Known to CSC since \(2019 + number % 5); previous child-in-need plan closed last year."
        update.riskFactors = scenario.riskFactors
        update.protectiveFactors = scenario.protectiveFactors
        update.safeAtHome = stage == .noFurtherAction ? .yes : (number % 4 == 0 ? .no : .yes)
        update.otherChildrenAtRisk = number % 3 == 0 ? .yes : .no
        update.voiceOfChild =
            "The child told the social worker they want 'the shouting to stop' and that they feel safe at school."
        update.cultureAndIdentity = "Family speaks English at home; the faith community is an important support."
        update.interpreterNeeded = number % 6 == 0 ? .yes : .no
        if number % 6 == 0 { update.interpreterLanguage = "Polish" }
        update.disabilityAdjustments =
            number % 5 == 0 ? "Child is autistic: visual prompts and a familiar adult during any interview." : "None needed."
        update.safetyPlan =
            s47
            ? "Mother agrees the alleged perpetrator will not stay at the address; maternal grandmother to stay for the next week; school to check in daily."
            : "Mother to continue with the early help plan; school to report any new concern the same day."
        _ = try await during.updateRecord(meeting.id, update)

        let chair = meeting.chairId
        func decide(
            _ kind: DecisionKind, _ answer: String, _ why: String, reason: ParentsNotInformedReason? = nil, by: LocalDate? = nil,
            detail: String? = nil
        ) async throws {
            _ = try await during.recordDecision(
                meeting.id, kind: kind,
                DecisionInput(
                    answer: answer, rationale: why, decidedBy: chair, detail: detail, parentsNotInformedReason: reason, byDate: by
                ))
        }
        let meetingDay = team.zone.localDate(of: start)
        try await decide(
            .significantHarm, s47 ? "yes" : "no",
            s47 ? scenario.rationale : "Information from all agencies gives a plausible explanation; threshold not met.")
        try await decide(
            .s47Enquiry, s47 ? (scenario.joint ? "joint" : "singleAgency") : "none",
            s47 ? "Agencies agree the threshold is met." : "Threshold not met.")
        if stage == .parentsNotInformed {
            try await decide(
                .informParents, "no", "Telling the parents now could lead to the child being pressured to retract.",
                reason: .prejudiceCriminalInvestigation, by: meetingDay.adding(days: 3))
        } else {
            try await decide(.informParents, "yes", "No risk identified in telling parents; the social worker will visit today.")
        }
        if s47 {
            try await decide(
                .abeInterview, scenario.joint ? "yes" : "no",
                scenario.joint ? "The child has made a disclosure that needs to be evidenced." : "No criminal investigation.",
                by: scenario.joint ? meetingDay.adding(days: 2) : nil,
                detail: scenario.joint ? "DC and social worker, at the ABE suite" : nil)
            try await decide(
                .medicalAssessment, number % 2 == 0 ? "yes" : "no",
                number % 2 == 0 ? "Injuries need to be documented by a paediatrician." : "No injuries reported.")
            try await decide(
                .icpc, stage == .s47ActionsOverdue || stage == .s47Running ? "yes" : "no",
                "Decision to follow the outcome of enquiries.")
        }
        let outcome: String
        var followUp: LocalDate?
        switch stage {
        case .noFurtherAction: outcome = "childInNeedS17"
        case .followUpDue:
            outcome = "furtherStrategyDiscussion"
            followUp = team.zone.localDate(of: now).adding(days: 1)
        default: outcome = scenario.joint ? "s47Joint" : "s47SingleAgency"
        }
        try await decide(.outcome, outcome, "Agreed by all agencies present.", by: followUp)
        if number % 4 == 1 {
            _ = try await during.addDissent(
                to: meeting.id,
                DissentInput(
                    decisionKind: .s47Enquiry, raisedBy: record.invitations.last!.professionalId,
                    view: "Health felt a single-agency enquiry would be enough at this stage.",
                    resolution: "Discussed; health agreed to a joint enquiry given the police intelligence.", status: .resolved))
        }
        let owners = record.invitations.map(\.professionalId)
        let tasks = [
            ("Visit the child at home and see them alone", 1.0),
            ("Share police intelligence on the alleged perpetrator with CSC", 2.0),
            ("Arrange a paediatric assessment and send the report to the social worker", 3.0),
            ("Update the school's safeguarding plan and check in with the child daily", 5.0),
        ]
        for (index, task) in tasks.enumerated() {
            _ = try await during.addAction(
                to: meeting.id,
                ActionInput(
                    description: task.0, ownerId: owners[(index + number) % owners.count],
                    dueAt: end.addingTimeInterval(task.1 * 86_400), isContingency: false))
        }
        _ = try await during.addAction(
            to: meeting.id,
            ActionInput(
                description: "If the safety plan breaks down, police to use powers of protection and CSC to seek legal advice",
                ownerId: team.teamManager.id,
                dueAt: end.addingTimeInterval(10 * 86_400), isContingency: true))

        if stage == .heldMinutesLate { return }
        let finalisedAt = end.addingTimeInterval(3600)
        _ = try await store(at: finalisedAt).finaliseMinutes(
            meeting.id, by: chair,
            quorumReason: policeAbsent
                ? "Urgent decisions made with the agencies available; police information obtained in writing before the discussion."
                : nil)
        if stage == .finalised { return }
        let circulatedAt = end.addingTimeInterval((number % 3 == 0 ? 30 : 5) * 3600)
        _ = try await store(at: circulatedAt).circulateMinutes(meeting.id, by: meeting.minuteTakerId)
        if stage == .amended || number % 5 == 2 {
            let correction = try await store(at: circulatedAt.addingTimeInterval(6 * 3600)).addCorrection(
                to: meeting.id,
                CorrectionInput(
                    professionalId: owners[1 % owners.count], text: "The previous A&E attendance was in May, not March."))
            if stage == .amended {
                let current = try await store(at: circulatedAt.addingTimeInterval(8 * 3600)).minutes(of: meeting.id)
                let old = current.versions.last!.sections.first { $0.key == "agencyInformation" }!.text
                _ = try await store(at: circulatedAt.addingTimeInterval(8 * 3600)).amendMinutes(
                    meeting.id,
                    MinutesAmendment(
                        amendedBy: chair, summary: "Corrected the month of the previous A&E attendance.",
                        sections: ["agencyInformation": old + "\nCorrection: the previous A&E attendance was in May."],
                        correctionIds: [correction.id]))
            }
        }
        // Some actions are done; in the overdue stage, most are not.
        let actions = try await during.meetingRecord(meeting.id).actions
        for (index, action) in actions.enumerated() where !action.isContingency {
            let done = stage == .s47ActionsOverdue ? index == 0 : index < 2 || stage == .noFurtherAction
            let at = min(action.dueAt.addingTimeInterval(-3600), now.addingTimeInterval(-600))
            if done && at > action.createdAt {
                // The owner marks it done.
                _ = try await store(at: at).updateAction(
                    action.id, ActionUpdate(status: .completed, completionEvidence: "Done; recorded on the case file."),
                    expectedVersion: nil, by: try await during.professional(action.ownerId), mayRearrange: false)
            }
        }
        if stage == .noFurtherAction {
            _ = try await store(at: now).recordMilestones(
                of: meeting.caseId,
                MilestonesInput(assessmentCompletedOn: team.zone.localDate(of: end.addingTimeInterval(5 * 86_400))),
                expectedVersion: nil)
        }
    }
}
