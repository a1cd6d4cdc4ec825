import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// What the live meeting page shows: the record in agenda order (seed 003 appendix 1).
struct MeetingPage {

    struct AttendanceRow {
        var professionalId: UUID
        var name: String
        var role: String
        var agency: String
        var options: [Option]
        /// They have no email address, so no invitation reached them: the minute taker telephones them.
        var notNotified: Bool
        /// Their telephone number, when the directory has one.
        var phone: String?
        /// Before the discussion, anyone but those it needs can be taken off (and is sent a cancellation).
        var mayWithdraw: Bool
    }

    struct DecisionForm {
        var kind: String
        var title: String
        var answers: [Option]
        var recorded: String?
        var rationale: String
        var detail: String
        var byDate: String
        var isInformParents: Bool
        var reasons: [Option]
        var deciders: [Option]
        var open: Bool
        /// The recorded decision's version, sent back with the form; nil for a new one.
        var version: Int?
        /// Messages by field when this decision's form was the one that failed.
        var errors: [String: String]
    }

    /// The error section of one action's forms (mark done; cancel, reassign or re-date), and the
    /// prefix of their fields' ids, so that a refusal shows by the form of the action it is about.
    static func actionSection(_ id: UUID) -> String { "action-\(id)" }

    struct ActionRow {
        var id: UUID
        var description: String
        var owner: String
        var agency: String
        var due: String
        var status: String
        var tagClass: String
        var contingency: Bool
        var evidence: String
        var isOpen: Bool
        /// The reader may mark it done or change it (those who run the meeting, the managers, its
        /// owner); not a break-glass reader, who may only read.
        var mayUpdate: Bool
        /// The action's version, sent back with its form.
        var version: Int
        /// What happened to it since it was agreed, oldest first.
        var history: [String]
    }

    /// One line of an action's history: "Reassigned from DS Brightwater to PC Hale by Grace
    /// Achterberg, Fri 4 Dec 2026, 18:37: on leave until January".
    static func historyLine(_ change: ActionChange, names: [UUID: String], zone: LocalTimeZone) -> String {
        func name(_ id: UUID?) -> String { id.flatMap { names[$0] } ?? "someone no longer in the directory" }
        let what: String
        switch change.kind {
        case .completed: what = "Marked done"
        case .cancelled: what = "Cancelled"
        case .reopened: what = "Reopened"
        case .reassigned: what = "Reassigned from \(name(change.previousOwnerId)) to \(name(change.newOwnerId))"
        case .redated:
            what =
                "Re-dated from \(change.previousDueAt.map(zone.long) ?? "") to \(change.newDueAt.map(zone.long) ?? "")"
        }
        let reason = change.reason.map { ": \($0)" } ?? ""
        return "\(what) by \(name(change.changedBy)), \(zone.long(change.changedAt))\(reason)"
    }

    struct EscalationRow {
        var id: UUID
        var what: String
        var raised: String
        var reason: String
        var resolution: String?
        var isOpen: Bool
    }

    /// An escalation in words, as the meeting page and the dashboard show it.
    static func escalationRow(_ e: Escalation, names: [UUID: String], dissents: [Dissent], zone: LocalTimeZone)
        -> EscalationRow
    {
        func name(_ id: UUID?) -> String { id.flatMap { names[$0] } ?? "" }
        let what: String
        switch e.kind {
        case .nonAttendance: what = "Non-attendance of \(name(e.absentProfessionalId)), to \(name(e.escalatedTo))"
        case .disagreement:
            let view = dissents.first { $0.id == e.dissentId }
            let subject = view?.decisionKind?.label.lowercased() ?? "the discussion"
            what = "Disagreement about \(subject) raised by \(name(view?.raisedBy)), to \(name(e.escalatedTo))"
        }
        return EscalationRow(
            id: e.id, what: what, raised: "Escalated by \(name(e.escalatedBy)), \(zone.long(e.escalatedAt))",
            reason: e.reason,
            resolution: e.resolvedAt.map { "Resolved by \(name(e.resolvedBy)), \(zone.long($0)): \(e.resolution ?? "")" },
            isOpen: e.isOpen)
    }

    struct Line {
        var who: String
        var text: String
        var status: String?
    }

    /// A change to the booking: what, who agreed and how, and what the signed-in person can do about it.
    struct ChangeLine {
        var id: UUID
        var text: String
        var agreement: String
        var waiting: Bool
        /// The signed-in person is the service manager asked to agree it.
        var mayDecide: Bool
        /// The signed-in person is the service manager whose telephone agreement it records.
        var mayAcknowledge: Bool
    }

    /// A family member, with whether the chair released their details to the invitees.
    struct FamilyRow {
        var id: String
        var role: String
        var name: String
        var born: String
        var detail: String
        var released: Bool
    }

    var layout: Layout
    var meetingId: UUID
    var caseReference: String
    var caseHref: String
    var minutesHref: String
    var when: String
    var status: String
    var chair: String
    var minuteTaker: String
    var quorumMissing: String
    var isQuorate: Bool
    /// No invitee's attendance is recorded yet: the quorum is of those invited.
    var attendanceNotTaken: Bool
    var editable: Bool
    /// The record can change, but not by this person (they read it).
    var readOnlyForYou: Bool
    var isBooked: Bool
    var version: Int
    var overran: Bool
    /// Why it was booked (or moved) after the request's timescale, in the booker's words.
    var lateReason: String?
    /// Why an immediate discussion was recorded after it was held, and by whom and when.
    var afterEvent: String?
    var changes: [ChangeLine]
    /// A change waits for a service manager's agreement, so no other can be asked for.
    var changeWaiting: Bool
    /// The signed-in person is a service manager, who agrees to a change by making it.
    var agreesSignedIn: Bool
    var attendance: [AttendanceRow]
    var inviteOptions: [Option]
    var family: [FamilyRow]
    /// The chair chooses which family details the invitees see.
    var canRelease: Bool
    var values: [String: String]
    var formats: [Option]
    var answers: [String: [Option]]
    var agencies: [Option]
    var contributors: [Option]
    var contributions: [Line]
    var decisions: [DecisionForm]
    var dissents: [Line]
    /// Escalations, oldest first, with what can be escalated now.
    var escalations: [EscalationRow]
    /// Statutory partners recorded absent and not yet escalated.
    var absentPartners: [Option]
    /// Different views not resolved nor escalated.
    var openDissents: [Option]
    var mayEscalate: Bool
    var mayResolveEscalations: Bool
    var people: [Option]
    var actions: [ActionRow]
    var serviceManagers: [Option]
    var confidentiality: String
    var errorSection: String
    var errors: FormErrors
    /// Each record section's version, sent back with the section's form.
    var sectionVersions: [String: Int]
    /// A fingerprint of each section as the page shows it saved, sent back with the whole-record
    /// form: a section whose fields still match it was not changed by the person saving.
    var sectionHashes: [String: String]

    /// The fingerprint of a section's fields as a form holds them (line ends as the browser sends them
    /// or not).
    static func sectionHash(_ section: RecordSection, values: [String: String]) -> String {
        Fingerprint.sha256(
            section.fields.map { (values[$0] ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
                .joined(separator: "\u{1F}"))
    }
    /// Both versions of a section someone else saved while this person was editing it.
    var conflict: SectionConflict?
}

/// A section saved by someone else since this person opened it: their text and the saved text.
struct SectionConflict {
    struct Row {
        var label: String
        var yours: String
        var saved: String
    }

    var section: String
    var label: String
    var rows: [Row]
}

extension MeetingPage {
    /// "Moved from Mon 23 Nov 2026, 13:00 to Tue 24 Nov 2026, 10:00: the chair is in court".
    static func changeText(_ change: MeetingChange, zone: LocalTimeZone) -> String {
        let what =
            change.newStart.map { "Move from \(zone.long(change.previousStart)) to \(zone.long($0))" }
            ?? "Cancel the meeting of \(zone.long(change.previousStart))"
        return "\(what). Reason: \(change.reason)"
    }

    /// Who agreed and how: signed in, asked and approved or declined, or by telephone and recorded.
    static func agreementText(_ change: MeetingChange, names: [UUID: String], zone: LocalTimeZone) -> String {
        let manager = names[change.agreedBy] ?? "the service manager"
        let recorder = change.recordedBy.flatMap { names[$0] } ?? "someone"
        let asked = "\(recorder) asked \(manager) to agree on \(zone.long(change.recordedAt))"
        switch (change.agreement, change.status) {
        case (_, .pending):
            return "Waiting for agreement: \(asked)."
        case (.requested, .declined):
            return "Not made: \(asked); declined \(change.decidedAt.map(zone.long) ?? ""): \(change.declinedReason ?? "")"
        case (.requested, _):
            return "Made: \(asked); agreed signed in \(change.decidedAt.map(zone.long) ?? "")."
        case (.byTelephone, _):
            let told =
                change.acknowledgedAt.map { "; \(manager) acknowledged it \(zone.long($0))" }
                ?? "; \(manager) has been told and has not yet acknowledged it"
            return "Made: \(manager) agreed by telephone, recorded by \(recorder) on \(zone.long(change.recordedAt))\(told)."
        case (.signedIn, _):
            return "Made by \(manager), service manager, signed in, on \(zone.long(change.recordedAt))."
        }
    }

    /// Builds the page from the record; `posted` overlays what a person typed when a save failed.
    static func build(
        _ record: MeetingRecord, req: Request, user: CurrentUser, posted: [String: String], errorSection: String,
        errors: FormErrors, conflict: RecordSection? = nil
    ) async throws -> MeetingPage {
        let zone = req.zone
        let m = record.meeting
        let histories = try await req.store.actionHistories(record.actions.map(\.id))
        let escalationNames = try await req.store.professionalNames(
            Set(
                record.escalations.flatMap {
                    [$0.escalatedTo, $0.escalatedBy, $0.absentProfessionalId, $0.resolvedBy].compactMap { $0 }
                }
                    + record.dissents.map(\.raisedBy)))
        let changeNames = try await req.store.professionalNames(
            Set(record.changes.flatMap { [$0.agreedBy, $0.recordedBy].compactMap { $0 } } + [record.caseRecord.serviceManagerId]))
        let historyNames = try await req.store.professionalNames(
            Set(histories.values.joined().flatMap { [$0.changedBy, $0.previousOwnerId, $0.newOwnerId].compactMap { $0 } }))
        func name(_ id: UUID) -> String { record.professional(id)?.name ?? "" }
        /// "DS Brightwater (recorded by Jo Pemberton)" where someone recorded it for another.
        func recorded(for id: UUID, by recorder: UUID?) -> String {
            guard let recorder, recorder != id else { return name(id) }
            return "\(name(id)) (recorded by \(name(recorder)))"
        }
        func agencyName(_ id: UUID) -> String { record.agency(id)?.name ?? "" }
        func text(_ value: String?) -> String { value ?? "" }
        var values: [String: String] = [
            "format": m.format?.rawValue ?? "",
            "startedAt": m.startedAt.map(zone.inputValue) ?? zone.inputValue(m.scheduledStart),
            "endedAt": m.endedAt.map(zone.inputValue) ?? "", "familyDetailsConfirmed": m.familyDetailsConfirmed ? "true" : "",
            "confidentialityStatementGiven": m.confidentialityStatementGiven ? "true" : "",
            "reasonForMeeting": m.reasonForMeeting ?? record.request.presentingIssue ?? "",
            "cscInformation": text(m.cscInformation),
            "riskFactors": text(m.riskFactors), "protectiveFactors": text(m.protectiveFactors),
            "safeAtHome": m.safeAtHome?.rawValue ?? "", "otherChildrenAtRisk": m.otherChildrenAtRisk?.rawValue ?? "",
            "otherChildrenDetail": text(m.otherChildrenDetail), "voiceOfChild": text(m.voiceOfChild),
            "cultureAndIdentity": text(m.cultureAndIdentity), "interpreterNeeded": m.interpreterNeeded?.rawValue ?? "",
            "interpreterLanguage": text(m.interpreterLanguage), "disabilityAdjustments": text(m.disabilityAdjustments),
            "safetyPlan": text(m.safetyPlan), "nextDiscussionDate": m.nextDiscussionDate?.description ?? "",
        ]
        let saved = values
        for (key, value) in posted { values[key] = value }
        let sectionConflict = conflict.map { section in
            SectionConflict(
                section: section.rawValue, label: section.label,
                rows: section.fields.map {
                    SectionConflict.Row(
                        label: MeetingPages.labels[$0] ?? $0, yours: posted[$0] ?? "", saved: saved[$0] ?? "")
                })
        }
        let answerOptions: [String: [Option]] = Dictionary(
            uniqueKeysWithValues: ["safeAtHome", "otherChildrenAtRisk", "interpreterNeeded"].map { field in
                (
                    field,
                    Answer.allCases.map {
                        Option(
                            value: $0.rawValue, label: $0 == .unknown ? "Not yet known" : $0.rawValue.capitalized,
                            selected: values[field] == $0.rawValue)
                    }
                )
            })
        let invitees = record.invitations.compactMap { record.professional($0.professionalId) }
        let deciderOptions = { (selected: UUID?) in
            invitees.map { Option(value: $0.id.uuidString, label: $0.name, selected: $0.id == (selected ?? m.chairId)) }
        }
        let decisionForms = DecisionKind.allCases.map { kind -> DecisionForm in
            let d = record.decision(kind)
            let isErrorKind = errorSection == "decision-\(kind.rawValue)"
            let answer = isErrorKind ? posted["answer"] : d?.answer
            return DecisionForm(
                kind: kind.rawValue, title: kind.label,
                answers: kind.answers.map { Option(value: $0, label: DecisionKind.answerLabel($0), selected: answer == $0) },
                recorded: d.map {
                    "\(DecisionKind.answerLabel($0.answer)) – \($0.rationale) (\(recorded(for: $0.decidedBy, by: $0.recordedBy)))"
                },
                rationale: isErrorKind ? posted["rationale"] ?? "" : d?.rationale ?? "",
                detail: isErrorKind ? posted["detail"] ?? "" : d?.detail ?? "",
                byDate: isErrorKind ? posted["byDate"] ?? "" : d?.byDate?.description ?? "",
                isInformParents: kind == .informParents,
                reasons: ParentsNotInformedReason.allCases.map {
                    Option(
                        value: $0.rawValue, label: $0.label,
                        selected: (isErrorKind ? posted["parentsNotInformedReason"] : d?.parentsNotInformedReason?.rawValue)
                            == $0.rawValue)
                },
                deciders: deciderOptions(d?.decidedBy),
                open: isErrorKind || (d == nil && DecisionKind.requiredBeforeFinalising.contains(kind)),
                version: d?.version,
                errors: isErrorKind ? errors.byField : [:])
        }
        let editable = m.isRecordEditable && req.may(.editRecord)
        let mayUpdateActions = req.may(.updateAction)
        let isBooked = m.status == .booked && m.startedAt == nil && req.may(.rearrangeMeeting)
        // The directory feeds one form, "Invite another professional", shown while the record can
        // change. An action's owner is one of the invitees (someone else is invited first, and so
        // gets the minutes), so the page does not grow with the size of the organisation.
        let invitedIds = Set(record.invitations.map(\.professionalId))
        let others = editable ? try await req.store.directoryEntries(excluding: invitedIds) : []
        let allAgencies = editable ? try await req.store.agencies() : []
        let withdrawable = editable && m.status == .booked && m.startedAt == nil
        let needed = m.staysInvited(record.caseRecord)
        let released = try await req.store.releasedPersonIds(of: m.id)
        let now = req.store.now()
        let quorum = record.quorum
        let statusText = MeetingRow.status(of: m).text
        let organisation = try await req.store.organisation(ofTeam: record.caseRecord.teamId)
        let overran = m.ranOver(slotMinutes: organisation.policy.slotMinutes)
        return MeetingPage(
            layout: req.layout("Strategy discussion \(record.caseRecord.reference)", user, nav: "schedule"),
            meetingId: m.id, caseReference: record.caseRecord.reference,
            caseHref: SitePath.caseRecord(.value(record.caseRecord.id)).href,
            minutesHref: SitePath.minutes(.value(m.id)).href, when: zone.long(m.scheduledStart), status: statusText,
            chair: name(m.chairId), minuteTaker: name(m.minuteTakerId),
            quorumMissing: quorum.missing.map(HomePages.QuorumRow.words).joined(separator: ", "), isQuorate: quorum.isQuorate,
            attendanceNotTaken: record.invitations.allSatisfy { $0.attendance == .notRecorded },
            // Forms appear only for the people who may use them: the chair and minute taker write the record.
            editable: editable,
            readOnlyForYou: m.isRecordEditable && !req.may(.editRecord),
            isBooked: isBooked, version: m.version,
            overran: overran, lateReason: m.lateReason,
            afterEvent: m.recordedAfterEventAt.map { at in
                let by = m.recordedAfterEventBy.map(name) ?? ""
                return "Recorded \(zone.long(at))\(by.isEmpty ? "" : " by \(by)")"
                    + (m.afterEventReason.map { ": \($0)" } ?? "")
            },
            changes: record.changes.map {
                ChangeLine(
                    id: $0.id, text: Self.changeText($0, zone: zone),
                    agreement: Self.agreementText($0, names: changeNames, zone: zone), waiting: $0.status == .pending,
                    mayDecide: $0.status == .pending && $0.agreedBy == user.id,
                    mayAcknowledge: $0.agreement == .byTelephone && $0.acknowledgedAt == nil && $0.agreedBy == user.id)
            },
            changeWaiting: record.changes.contains { $0.status == .pending },
            agreesSignedIn: user.role == ProfessionalRole.serviceManager.rawValue,
            attendance: record.invitations.compactMap { invitation -> AttendanceRow? in
                guard let person = record.professional(invitation.professionalId) else { return nil }
                return AttendanceRow(
                    professionalId: person.id, name: person.name, role: person.jobTitle,
                    agency: agencyName(person.agencyId),
                    options: Attendance.allCases.map {
                        Option(value: $0.rawValue, label: $0.label, selected: invitation.attendance == $0)
                    }, notNotified: person.emailAddress == nil, phone: person.phone,
                    mayWithdraw: withdrawable && !needed.contains(person.id))
            },
            inviteOptions: others.map {
                Option(value: $0.id.uuidString, label: "\($0.name), \($0.jobTitle)", selected: false)
            },
            family: record.people.map {
                FamilyRow(
                    id: $0.id.uuidString, role: $0.role.label, name: $0.fullName, born: $0.bornText,
                    detail: [$0.relationship, $0.address, $0.caseNumber].compactMap { $0 }.joined(separator: "; "),
                    released: released.contains($0.id))
            },
            canRelease: req.may(.releaseFamilyDetails),
            values: values,
            formats: MeetingFormat.allCases.map {
                Option(value: $0.rawValue, label: $0.label, selected: values["format"] == $0.rawValue)
            },
            answers: answerOptions,
            agencies: allAgencies.map {
                Option(value: $0.id.uuidString, label: $0.name, selected: posted["agencyId"] == $0.id.uuidString)
            },
            contributors: invitees.map {
                Option(
                    value: $0.id.uuidString, label: "\($0.name) (\(agencyName($0.agencyId)))",
                    selected: posted["professionalId"] == $0.id.uuidString)
            },
            contributions: record.contributions.map { c in
                Line(
                    who: agencyName(c.agencyId), text: c.summary,
                    status: c.professionalId.map { recorded(for: $0, by: c.recordedBy) }
                        ?? c.recordedBy.map { "recorded by \(name($0))" })
            },
            decisions: decisionForms,
            dissents: record.dissents.map {
                Line(
                    who: recorded(for: $0.raisedBy, by: $0.recordedBy),
                    text: "On \($0.decisionKind?.label.lowercased() ?? "the discussion"): \($0.view)"
                        + ($0.resolution.map { " Resolution: \($0)" } ?? ""),
                    status: $0.status.label)
            },
            escalations: record.escalations.map {
                Self.escalationRow($0, names: escalationNames, dissents: record.dissents, zone: zone)
            },
            absentPartners: record.invitations.compactMap { invitation -> Option? in
                guard invitation.attendance == .absent || invitation.attendance == .apologies,
                    let person = record.professional(invitation.professionalId),
                    record.agency(person.agencyId)?.kind.isStatutoryPartner == true,
                    !record.escalations.contains(where: { $0.isOpen && $0.absentProfessionalId == person.id })
                else { return nil }
                return Option(
                    value: person.id.uuidString, label: "\(person.name), \(record.agency(person.agencyId)?.name ?? "")",
                    selected: false)
            },
            openDissents: record.dissents.filter { $0.status == .open }.map {
                Option(
                    value: $0.id.uuidString,
                    label: "\(name($0.raisedBy)) on \($0.decisionKind?.label.lowercased() ?? "the discussion"): \($0.view)",
                    selected: false)
            },
            mayEscalate: req.may(.escalate), mayResolveEscalations: req.may(.resolveEscalation),
            people: invitees.map {
                Option(value: $0.id.uuidString, label: "\($0.name), \($0.jobTitle)")
            },
            actions: record.actions.map { a -> ActionRow in
                let mayUpdate = mayUpdateActions || a.ownerId == req.principal?.professional?.id
                // An action has no due-soon time on this page: open until due, then overdue.
                let state = ClockState.at(
                    now, due: a.dueAt, dueSoonFrom: .distantFuture, completed: a.status == .completed ? a.completedAt : nil)
                return ActionRow(
                    id: a.id, description: a.description, owner: name(a.ownerId), agency: agencyName(a.agencyId),
                    due: zone.long(a.dueAt), status: a.status == .open ? state.label : a.status.label,
                    tagClass: a.status == .cancelled
                        ? "tag-grey" : "tag-\(state == .overdue || state == .metLate ? "red" : "green")",
                    contingency: a.isContingency, evidence: a.completionEvidence ?? "", isOpen: a.status == .open,
                    mayUpdate: mayUpdate, version: a.version,
                    history: (histories[a.id] ?? []).map { Self.historyLine($0, names: historyNames, zone: zone) })
            },
            serviceManagers: [
                Option(
                    value: record.caseRecord.serviceManagerId.uuidString,
                    label: changeNames[record.caseRecord.serviceManagerId] ?? "",
                    selected: true)
            ],
            confidentiality: MinutesWriter.confidentialityStatement, errorSection: errorSection, errors: errors,
            sectionVersions: try await req.store.sectionVersions(m.id),
            sectionHashes: Dictionary(
                uniqueKeysWithValues: RecordSection.allCases.map { ($0.rawValue, Self.sectionHash($0, values: saved)) }),
            conflict: sectionConflict)
    }
}
