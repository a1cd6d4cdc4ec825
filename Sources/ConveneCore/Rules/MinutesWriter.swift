import Foundation

/// Writes the minutes of a discussion from its record, in the agenda's order
/// (seed 003 appendix 1). Minutes are brief notes, not a verbatim account.
public enum MinutesWriter {
    /// The confidentiality statement read at the start and printed on the minutes.
    public static let confidentialityStatement =
        "This strategy discussion is a confidential multi-agency professional discussion. "
        + "The minutes and their contents must not be divulged without the permission of the chair."

    /// "Ruth Calloway (School nurse, Northmoor Health): Present", one invitee's line of the attendance section.
    public static func attendanceLine(person: Professional, agency: String, attendance: Attendance) -> String {
        "\(person.name) (\(person.jobTitle), \(agency)): \(attendance.label)"
    }

    public static func sections(for record: MeetingRecord, zone: LocalTimeZone) -> [MinutesSection] {
        let m = record.meeting
        func name(_ id: UUID) -> String {
            guard let p = record.professional(id) else { return "Unknown professional" }
            let agency = record.agency(p.agencyId)?.name ?? ""
            return "\(p.name) (\(p.jobTitle), \(agency))"
        }
        func text(_ value: String?) -> String { value.isBlank ? "Not recorded." : value! }
        /// The text as a sentence: one full stop at its end, never two.
        func sentence(_ value: String) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let last = trimmed.last else { return "" }
            return ".!?".contains(last) ? trimmed : trimmed + "."
        }

        var details = "Scheduled: \(zone.long(m.scheduledStart))"
        if let s = m.startedAt { details += "\nStarted: \(zone.long(s))" }
        if let e = m.endedAt { details += "\nEnded: \(zone.long(e))" }
        details += "\nFormat: \(m.format?.label ?? "not recorded")"
        details += "\nChair: \(name(m.chairId))\nMinute taker: \(name(m.minuteTakerId))"
        details += "\nCase: \(record.caseRecord.reference)"
        if let recorded = m.recordedAfterEventAt {
            details +=
                "\nRecorded after the event on \(zone.long(recorded)) by \(name(m.recordedAfterEventBy ?? m.minuteTakerId))"
            if let reason = m.afterEventReason { details += ": \(reason)" }
        }

        var attendance = record.invitations.map { invitation in
            guard let person = record.professional(invitation.professionalId) else {
                return "Unknown professional: \(invitation.attendance.label)"
            }
            return attendanceLine(
                person: person, agency: record.agency(person.agencyId)?.name ?? "", attendance: invitation.attendance)
        }
        // Before anyone's attendance is recorded the quorum is of those invited: draft minutes must
        // not say that anyone took part.
        let attendanceTaken = record.invitations.contains { $0.attendance != .notRecorded }
        if record.quorum.isQuorate {
            attendance.append(
                attendanceTaken
                    ? "Quorate: the social worker, the team manager, police and health took part."
                    : "Quorum: the social worker, the team manager, police and health are invited; attendance is not recorded yet."
            )
        } else {
            attendance.append("Not quorate: \(record.quorum.missingInWords) did not take part.")
            if let reason = m.quorumReason { attendance.append("Finalised without quorum because: \(reason)") }
        }
        let family = record.people.map { person -> String in
            var line = "\(person.role.label): \(person.fullName)"
            if let dob = person.dateOfBirth {
                line += ", born \(dob.long)"
            } else if let due = person.expectedDeliveryDate {
                line += ", unborn, due \(due.long)"
            }
            if let relationship = person.relationship { line += ", \(relationship)" }
            return line
        }
        let familyText =
            (family.isEmpty ? "No family members recorded." : family.joined(separator: "\n"))
            + (m.familyDetailsConfirmed ? "\nThe chair confirmed these details are accurate." : "\nDetails not yet confirmed.")

        let contributions = record.contributions.map { c in
            "\(record.agency(c.agencyId)?.name ?? "Agency"): \(c.summary)"
        }
        var risk = "Risk factors: \(text(m.riskFactors))\nProtective factors: \(text(m.protectiveFactors))"
        risk += "\nSafe to remain at home: \(m.safeAtHome?.label ?? "not recorded")"
        risk += "\nOther children at risk: \(m.otherChildrenAtRisk?.label ?? "not recorded")"
        if let detail = m.otherChildrenDetail { risk += " (\(detail))" }
        risk += "\nVoice of the child: \(text(m.voiceOfChild))"
        risk += "\nCulture, heritage and identity: \(text(m.cultureAndIdentity))"
        risk += "\nInterpreter needed: \(m.interpreterNeeded?.label ?? "not recorded")"
        if let language = m.interpreterLanguage { risk += " (\(language))" }
        risk += "\nDisability adjustments: \(text(m.disabilityAdjustments))"

        let decisions = DecisionKind.allCases.compactMap { kind -> String? in
            guard let d = record.decision(kind) else { return nil }
            var line =
                "\(kind.label): \(sentence(DecisionKind.answerLabel(d.answer))) Rationale: \(sentence(d.rationale)) "
                + "Decided by \(name(d.decidedBy))."
            if let detail = d.detail { line += " \(sentence(detail))" }
            if let reason = d.parentsNotInformedReason { line += " Reason parents not informed: \(sentence(reason.label))" }
            if let date = d.byDate { line += " By \(date.long)." }
            return line
        }
        /// Escalations of one kind, in words, with how each was resolved.
        func escalations(_ kind: EscalationKind) -> [String] {
            record.escalations.filter { $0.kind == kind }.map { e in
                var line: String
                switch kind {
                case .nonAttendance:
                    line = "Non-attendance of \(name(e.absentProfessionalId ?? e.escalatedTo)) escalated"
                case .disagreement:
                    let view = record.dissents.first { $0.id == e.dissentId }
                    line = "Disagreement raised by \(view.map { name($0.raisedBy) } ?? "an invitee") escalated"
                }
                line += " by \(name(e.escalatedBy)) to \(name(e.escalatedTo)) on \(zone.long(e.escalatedAt)): \(e.reason)"
                if let resolved = e.resolvedAt {
                    line +=
                        "\nResolved by \(name(e.resolvedBy ?? e.escalatedTo)) on \(zone.long(resolved)): \(e.resolution ?? "")"
                }
                return line
            }
        }
        attendance += escalations(.nonAttendance)
        let dissents = record.dissents.map { d in
            "\(name(d.raisedBy)), on \(d.decisionKind?.label.lowercased() ?? "the discussion as a whole"): "
                + "\(sentence(d.view)) \(d.status.label)." + (d.resolution.map { " Resolution: \(sentence($0))" } ?? "")
        }
        let actions = record.actions.map { a in
            "\(a.isContingency ? "[Contingency] " : "")\(a.description) | Owner: \(name(a.ownerId)) | "
                + "Due: \(zone.long(a.dueAt)) | Status: \(a.status.label)"
        }
        var outcome =
            record.decision(.outcome).map { "\(DecisionKind.answerLabel($0.answer)): \($0.rationale)" } ?? "Not recorded."
        if let next = m.nextDiscussionDate { outcome += "\nNext strategy discussion: \(next.long)" }

        return [
            MinutesSection(key: "details", heading: "Meeting details", text: details),
            MinutesSection(
                key: "attendance", heading: "Introductions, attendance and apologies",
                text: attendance.joined(separator: "\n")),
            MinutesSection(key: "family", heading: "Family details", text: familyText),
            MinutesSection(
                key: "confidentiality", heading: "Status of the meeting and confidentiality",
                text: confidentialityStatement),
            MinutesSection(
                key: "reason", heading: "Reason for the strategy discussion",
                text: [record.request.presentingIssue, m.reasonForMeeting].compactMap { $0 }.joined(separator: "\n")),
            MinutesSection(key: "cscInformation", heading: "Children's social care information", text: text(m.cscInformation)),
            MinutesSection(
                key: "agencyInformation", heading: "Information from each agency",
                text: contributions.isEmpty ? "No contributions recorded." : contributions.joined(separator: "\n")),
            MinutesSection(key: "riskAnalysis", heading: "Summary and analysis of risk", text: risk),
            MinutesSection(
                key: "decisions", heading: "Decisions and rationale",
                text: decisions.isEmpty ? "No decisions recorded." : decisions.joined(separator: "\n")),
            MinutesSection(
                key: "differentViews", heading: "Different views and how they were resolved",
                text: dissents.isEmpty
                    ? "No different views were recorded." : (dissents + escalations(.disagreement)).joined(separator: "\n")),
            MinutesSection(
                key: "actions", heading: "SMART actions",
                text: actions.isEmpty ? "No actions recorded." : actions.joined(separator: "\n")),
            MinutesSection(key: "safetyPlan", heading: "Safety plan", text: text(m.safetyPlan)),
            MinutesSection(key: "outcome", heading: "Outcome", text: outcome),
        ]
    }
}
