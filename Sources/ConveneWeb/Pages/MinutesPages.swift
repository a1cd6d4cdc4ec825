import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Minutes: a readable and printable view, finalise, circulate, corrections, amendments
/// and the version history with differences.
struct MinutesPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showMinutes, use: show)
        routes.on(.postMeetingMinutesFinalise, use: finalise)
        routes.on(.postMeetingMinutesCirculate, use: circulate)
        routes.on(.postMeetingMinutesCorrections, use: correction)
        routes.on(.postMeetingMinutesAmendments, use: amend)
        routes.on(.showMeetingMinutesShareForm, use: shareForm)
        routes.on(.postMeetingMinutesShares, use: share)
        routes.on(.postMeetingMinutesShareRevoke, use: revokeShare)
    }

    struct Section {
        var key: String
        var heading: String
        var text: String
        /// Attendance as a table (who, role and agency, attendance), the rest of the section as
        /// notes; empty once the section has been amended, when its text is the record.
        var attendance: [AttendanceRow] = []
        /// The SMART actions section is the action table, unless it has been amended.
        var actionTable: Bool = false
        /// The section's whole text, as an amendment starts from it (`text` leaves out what the table shows).
        var fullText: String = ""
    }

    struct AttendanceRow {
        var name: String
        var role: String
        var attendance: String
    }

    /// One section's amendment form: prefilled with the section as it stands, or with what the
    /// person typed when their amendment was refused.
    struct AmendForm {
        var key: String
        var heading: String
        var text: String
        var summary: String
        var confirmEmpty: Bool
        var open: Bool
        /// Messages by field (`text`, `summary`) when this section's form was the one refused.
        var errors: [String: String]
    }

    struct DiffLine {
        var change: String
        var text: String
    }

    struct ChangedSection {
        var heading: String
        var lines: [DiffLine]
    }

    struct VersionRow {
        var version: Int
        var when: String
        var who: String
        var summary: String
        var changes: [ChangedSection]
    }

    struct Line {
        var id: String
        var who: String
        var when: String
        var text: String
        var status: String
        var late: Bool
    }

    struct ActionRow {
        var description: String
        var owner: String
        var agency: String
        var due: String
        var status: String
    }

    struct MinutesPage {
        var layout: Layout
        var meetingId: UUID
        var meetingHref: String
        var caseReference: String
        var when: String
        var statusLabel: String
        var isDraft: Bool
        var versionLabel: String
        var confidentiality: String
        var sections: [Section]
        var actions: [ActionRow]
        var problems: [String]
        var canFinalise: Bool
        var canCirculate: Bool
        var circulated: String?
        var correctionsDue: String?
        var recipients: [String]
        var corrections: [Line]
        var invitees: [Option]
        /// The chair and the minute taker record corrections invitees sent by return; others send their own.
        var recordsForOthers: Bool
        var amendForms: [AmendForm]
        var versions: [VersionRow]
        /// The printout leaves out the version history unless asked for it (`?print=history`).
        var printHistory: Bool
        var printHistoryHref: String
        var errors: FormErrors
        var errorSection: String
        var canAmend: Bool
        var canCorrect: Bool
        var showDisclosures: Bool
        var canShare: Bool
        var shares: [ShareRow]
        var disclosures: [DisclosureRow]
    }

    struct ShareRow {
        var id: UUID
        var who: String
        var reason: String
        var granted: String
        var revoked: String?
    }

    struct DisclosureRow {
        var when: String
        var by: String
        var to: String
        var what: String
        var why: String
    }

    static let labels = [
        "by": "You", "professionalId": "From", "text": "Correction", "summary": "What changed and why", "sections": "Section",
        "amendedBy": "You", "section": "Section", "startedAt": "Start time", "endedAt": "End time", "format": "Format",
        "familyDetailsConfirmed": "Family details", "attendance": "Attendance", "decisions": "Decisions",
        "riskFactors": "Risk factors", "safetyPlan": "Safety plan", "reason": "Reason for sharing",
        "quorumReason": "Why the minutes are finalised without quorum",
    ]

    /// "Risk factors: is required", "Outcome decision: not recorded yet": what is missing, named.
    static func problemInWords(_ problem: FieldProblem) -> String {
        let parts = problem.field.split(separator: ".").map(String.init)
        if parts.count == 2, parts[0] == "decisions", let kind = DecisionKind(rawValue: parts[1]) {
            return "\(kind.label) decision: not recorded yet"
        }
        let base = parts.first ?? problem.field
        return "\(labels[base] ?? MeetingPages.labels[base] ?? base): \(problem.reason)"
    }

    /// Finalising was refused for what the record lacks: each problem in words, linked to the
    /// place on the meeting page where it is recorded.
    static func finalisingErrors(_ problems: [FieldProblem], meetingId: UUID) -> FormErrors {
        let page = SitePath.meeting(.value(meetingId)).href
        return FormErrors(
            items: problems.map { problem in
                let parts = problem.field.split(separator: ".").map(String.init)
                let anchor =
                    switch parts.first {
                    case "attendance": "attendance"
                    case "decisions": "decision-\(parts.last ?? "")"
                    default: RecordSection.holding(problem.field).map { "\($0.rawValue)-\(problem.field)" } ?? ""
                    }
                return FormErrors.Item(field: problem.field, anchor: anchor, message: problemInWords(problem), page: page)
            })
    }

    func show(req: Request) async throws -> View {
        try await render(req, errors: .none, section: "")
    }

    private func act(
        _ req: Request, section: String, notice: String, _ body: (UUID, CurrentUser, [String: String]) async throws -> Void
    ) async throws -> Response {
        let user = try await req.requireUser()
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        // The fields as sent, empty ones too, so a refused form comes back with what was typed.
        let posted = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            try await body(id, user, try req.form())
            return try await redirect(req, to: .minutes(.value(id)), notice: notice)
        } catch DomainError.invalid(let problems) {
            if problems.count == 1, problems[0].field == "quorumReason" { throw QuorumReasonNeeded(reason: problems[0].reason) }
            let errors =
                section == "finalise"
                ? Self.finalisingErrors(problems, meetingId: id)
                : FormErrors(problems, labels: Self.labels, anchorPrefix: "\(section)-")
            return try await render(req, errors: errors, section: section, posted: posted)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch DomainError.conflict(let message) {
            return try await render(
                req,
                errors: FormErrors(
                    [FieldProblem(field: "minutes", reason: message)], labels: ["minutes": "Minutes"], anchorPrefix: "\(section)-"
                ), section: section, posted: posted
            )
            .encodeResponse(status: .conflict, for: req)
        }
    }

    /// Finalising asks the chair to check first: what the minutes will say about quorum, and,
    /// when the discussion was not quorate, the reason to finalise without it.
    func finalise(req: Request) async throws -> Response {
        let fields = try req.form()
        let id = try req.id("meetingID", entity: "meeting")
        let record = try await req.store.meetingRecord(id)
        let ready = record.problemsBeforeFinalising().isEmpty && record.meeting.minutesStatus == .draft
        if ready && fields["confirmed"] != "true" {
            return try await ConfirmPage.render(try await confirmFinalising(req, record, fields: fields, error: nil), req: req)
        }
        do {
            return try await act(req, section: "finalise", notice: "Minutes finalised. The record can no longer change") {
                id, user, fields in
                _ = try await req.store.finaliseMinutes(id, by: user.id, quorumReason: fields["quorumReason"])
            }
        } catch let refusal as QuorumReasonNeeded {
            return try await ConfirmPage.render(
                try await confirmFinalising(req, record, fields: fields, error: refusal.reason), req: req,
                status: .unprocessableEntity)
        }
    }

    private func confirmFinalising(_ req: Request, _ record: MeetingRecord, fields: [String: String], error: String?)
        async throws -> ConfirmPage
    {
        let user = try await req.requireUser()
        let m = record.meeting
        let quorum = record.quorum
        return ConfirmPage(
            layout: req.layout("Check before you finalise the minutes", user, nav: "schedule"),
            caption: "Case \(record.caseRecord.reference)", heading: "Check before you finalise the minutes",
            rows: [
                .init(label: "Discussion", value: req.zone.long(m.startedAt ?? m.scheduledStart)),
                .init(
                    label: "Quorum",
                    value: quorum.isQuorate
                        ? "Quorate: the social worker, the team manager, police and health took part"
                        : "Not quorate: \(quorum.missingInWords) did not take part"),
                .init(label: "Decisions recorded", value: "\(record.decisions.count)"),
                .init(label: "SMART actions", value: "\(record.actions.count)"),
            ],
            warning:
                "Once finalised, the record cannot change. Any change after that is an amendment with a reason, and every version is kept.",
            field: quorum.isQuorate
                ? nil
                : .init(
                    name: "quorumReason", label: "Why the minutes are finalised without quorum",
                    hint:
                        "For example: urgent decisions made with the agencies available; police information obtained in writing. The minutes will say this.",
                    value: fields["quorumReason"] ?? "", error: error),
            hidden: [], action: SitePath.meetingMinutesFinalise(.value(m.id)).href, button: "Finalise the minutes",
            backHref: SitePath.minutes(.value(m.id)).href, backText: "Go back to the minutes",
            errors: FormErrors(
                error.map { [FieldProblem(field: "quorumReason", reason: $0)] } ?? [], labels: Self.labels,
                anchorPrefix: "field-"))
    }

    /// Circulating asks who it goes to first.
    func circulate(req: Request) async throws -> Response {
        let fields = try req.form()
        let id = try req.id("meetingID", entity: "meeting")
        let record = try await req.store.meetingRecord(id)
        let m = record.meeting
        if fields["confirmed"] != "true" && (m.minutesStatus == .finalised || m.minutesStatus == .amended) {
            let user = try await req.requireUser()
            let recipients = record.invitations.compactMap { record.professional($0.professionalId)?.name }
            return try await ConfirmPage.render(
                ConfirmPage(
                    layout: req.layout("Check before you record circulation", user, nav: "schedule"),
                    caption: "Case \(record.caseRecord.reference)", heading: "Check before you record circulation",
                    rows: [
                        .init(label: "Minutes", value: m.minutesStatus == .amended ? "Amended" : "Final"),
                        .init(label: "Sent to", value: recipients.joined(separator: ", ")),
                    ],
                    warning:
                        "Record this only once the minutes have gone to every person listed, by secure means. The corrections window starts now.",
                    field: nil, hidden: [], action: SitePath.meetingMinutesCirculate(.value(id)).href,
                    button: "Record circulation to all invitees", backHref: SitePath.minutes(.value(id)).href,
                    backText: "Go back to the minutes", errors: .none), req: req)
        }
        return try await act(req, section: "circulate", notice: "Circulation to every invitee recorded") { id, user, _ in
            _ = try await req.store.circulateMinutes(id, by: user.id)
        }
    }

    func correction(req: Request) async throws -> Response {
        try await act(req, section: "corrections", notice: "Correction recorded") { id, user, fields in
            var reader = FormReader(fields, zone: req.zone)
            let named = fields["professionalId"] == nil ? nil : reader.id("professionalId")
            if !reader.problems.isEmpty { throw DomainError.invalid(reader.problems) }
            let input = CorrectionInput(
                professionalId: try req.recordedFor(named, field: "professionalId", forOthers: req.may(.editRecord)),
                text: reader.text("text"))
            _ = try await req.store.addCorrection(to: id, input, recordedBy: user.id)
        }
    }

    /// Amends one section from its own form, prefilled with the section as it stands. Emptying a
    /// section needs the form's "should be empty" box; an unchanged one is refused.
    func amend(req: Request) async throws -> Response {
        let section = (try? req.content.decode([String: String].self))?["section"] ?? ""
        return try await act(req, section: "amend-\(section)", notice: "Minutes amended. The earlier version is kept") {
            id, user, fields in
            guard !section.isEmpty else { throw DomainError.invalid("section", "choose the section to change") }
            let corrections = fields.keys.filter { $0.hasPrefix("correction-") }.compactMap {
                UUID(uuidString: String($0.dropFirst(11)))
            }
            let amendment = MinutesAmendment(
                amendedBy: user.id, summary: fields["summary"], sections: [section: fields["text"] ?? ""],
                correctionIds: corrections, emptySections: fields["confirmEmpty"] == nil ? [] : [section])
            _ = try await req.store.amendMinutes(id, amendment)
        }
    }

    /// The chair's permission for someone outside the meeting to have the minutes. A page of its
    /// own, so that the minutes page does not list the whole directory on every read.
    struct SharePage {
        var layout: Layout
        var caseReference: String
        var when: String
        var meetingId: UUID
        var minutesHref: String
        var candidates: [Option]
        var reason: String
        var errors: FormErrors
    }

    func shareForm(req: Request) async throws -> View {
        try await renderShare(req, posted: [:], errors: .none)
    }

    func share(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        let fields = try req.form()
        var reader = FormReader(fields, zone: req.zone)
        let professionalId = reader.id("professionalId")
        var problems = reader.problems
        var status = HTTPStatus.unprocessableEntity
        if problems.isEmpty {
            do {
                _ = try await req.store.shareMinutes(id, with: professionalId, by: user.id, reason: fields["reason"])
                return try await redirect(
                    req, to: .minutes(.value(id)), notice: "Permission to share recorded in the disclosure log",
                    fragment: "sharing")
            } catch DomainError.invalid(let found) {
                problems = found
            } catch DomainError.conflict(let message) {
                (problems, status) = ([FieldProblem(field: "professionalId", reason: message)], .conflict)
            }
        }
        let labels = Self.labels.merging(["professionalId": "Share with", "reason": "Why they need them"]) { $1 }
        let errors = FormErrors(problems, labels: labels, anchorPrefix: "share-")
        return try await renderShare(req, posted: fields, errors: errors).encodeResponse(status: status, for: req)
    }

    private func renderShare(_ req: Request, posted: [String: String], errors: FormErrors) async throws -> View {
        let user = try await req.requireUser()
        let id = try req.id("meetingID", entity: "meeting")
        let record = try await req.accessedMeetingRecord(id)
        let m = record.meeting
        let active = try await req.store.minutesShares(id).filter { $0.revokedAt == nil }.map(\.professionalId)
        let excluded = Set(record.invitations.map(\.professionalId) + [m.chairId, m.minuteTakerId] + active)
        let chosen = posted["professionalId"]
        return SharePage(
            layout: req.layout("Share the minutes", user, nav: "schedule"), caseReference: record.caseRecord.reference,
            when: req.zone.long(m.scheduledStart), meetingId: id, minutesHref: SitePath.minutes(.value(id)).href,
            candidates: try await req.store.directoryEntries(excluding: excluded).map {
                Option(value: $0.id.uuidString, label: "\($0.name), \($0.jobTitle)", selected: $0.id.uuidString == chosen)
            }, reason: posted["reason"] ?? "", errors: errors
        ).view
    }

    func revokeShare(req: Request) async throws -> Response {
        try await act(req, section: "share", notice: "Permission to share revoked") { id, user, _ in
            _ = try await req.store.revokeMinutesShare(try req.id("shareID", entity: "permission"), of: id, by: user.id)
        }
    }

    private func render(_ req: Request, errors: FormErrors, section: String, posted: [String: String] = [:]) async throws
        -> View
    {
        let user = try await req.requireUser()
        let id = try req.id("meetingID", entity: "meeting")
        let store = req.store
        let record = try await req.accessedMeetingRecord(id)
        let detail = try await store.minutes(of: id)
        let zone = req.zone
        let m = record.meeting
        func name(_ id: UUID) -> String { record.professional(id)?.name ?? "" }
        let latest = detail.versions.last
        let amended = Set(detail.versions.dropFirst().flatMap(\.changedSections))
        let invitees = record.invitations.compactMap { invitation -> (line: String, row: AttendanceRow)? in
            guard let person = record.professional(invitation.professionalId) else { return nil }
            let agency = record.agency(person.agencyId)?.name ?? ""
            return (
                MinutesWriter.attendanceLine(person: person, agency: agency, attendance: invitation.attendance),
                AttendanceRow(name: person.name, role: "\(person.jobTitle), \(agency)", attendance: invitation.attendance.label)
            )
        }
        let sections = (latest?.sections ?? MinutesWriter.sections(for: record, zone: zone)).map { part in
            var section = Section(key: part.key, heading: part.heading, text: part.text, fullText: part.text)
            guard !amended.contains(part.key) else { return section }
            if part.key == "attendance" {
                let lines = Set(invitees.map(\.line))
                section.attendance = invitees.map(\.row)
                section.text = part.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .filter { !lines.contains($0) }.joined(separator: "\n")
            }
            section.actionTable = part.key == "actions" && !record.actions.isEmpty
            return section
        }
        var versions: [VersionRow] = []
        for (index, version) in detail.versions.enumerated() {
            let previous = index > 0 ? detail.versions[index - 1] : nil
            // The first version is the minutes as finalised: nothing to compare it with.
            let changes = version.changedSections.compactMap { key -> ChangedSection? in
                guard previous != nil, let new = version.sections.first(where: { $0.key == key }) else { return nil }
                let old = previous?.sections.first { $0.key == key }?.text ?? ""
                return ChangedSection(
                    heading: new.heading,
                    lines: LineDiff.lines(from: old, to: new.text).map { DiffLine(change: $0.change.rawValue, text: $0.text) })
            }
            versions.append(
                VersionRow(
                    version: version.version, when: zone.long(version.createdAt), who: name(version.createdBy),
                    summary: version.changeSummary ?? "Finalised by the chair", changes: changes))
        }
        let statusLabel: String
        switch m.minutesStatus {
        case .draft: statusLabel = "Draft"
        case .finalised: statusLabel = "Finalised, not yet circulated"
        case .circulated: statusLabel = "Circulated"
        case .amended: statusLabel = "Amended"
        }
        var page = MinutesPage(
            layout: req.layout("Minutes \(record.caseRecord.reference)", user, nav: "schedule"), meetingId: id,
            meetingHref: SitePath.meeting(.value(id)).href, caseReference: record.caseRecord.reference,
            when: zone.long(m.scheduledStart),
            statusLabel: statusLabel, isDraft: m.minutesStatus == .draft,
            versionLabel: latest.map { "Version \($0.version)" } ?? "Draft preview",
            confidentiality: MinutesWriter.confidentialityStatement, sections: sections,
            actions: record.actions.map {
                ActionRow(
                    description: ($0.isContingency ? "Contingency: " : "") + $0.description, owner: name($0.ownerId),
                    agency: record.agency($0.agencyId)?.name ?? "", due: zone.long($0.dueAt), status: $0.status.label)
            },
            problems: m.minutesStatus == .draft ? record.problemsBeforeFinalising().map(Self.problemInWords) : [],
            canFinalise: m.minutesStatus == .draft && m.chairId == user.id,
            canCirculate: (m.minutesStatus == .finalised || m.minutesStatus == .amended)
                && (m.minuteTakerId == user.id || m.chairId == user.id),
            circulated: detail.circulatedAt.map(zone.long), correctionsDue: detail.correctionsDueAt.map(zone.long),
            recipients: Array(Set(detail.circulations.map { name($0.professionalId) })).sorted(),
            corrections: detail.corrections.map {
                Line(
                    id: $0.id.uuidString, who: name($0.professionalId), when: zone.long($0.receivedAt), text: $0.text,
                    status: $0.status.label, late: !$0.withinWindow)
            },
            invitees: record.invitations.map { Option(value: $0.professionalId.uuidString, label: name($0.professionalId)) },
            recordsForOthers: req.may(.editRecord),
            amendForms: sections.map { part in
                // The form the person sent keeps their text; the others show the section as it stands.
                let refused = section == "amend-\(part.key)"
                return AmendForm(
                    key: part.key, heading: part.heading, text: refused ? posted["text"] ?? "" : part.fullText,
                    summary: refused ? posted["summary"] ?? "" : "", confirmEmpty: refused && posted["confirmEmpty"] != nil,
                    open: refused,
                    errors: refused
                        ? Dictionary(
                            errors.items.map { ($0.field == "sections" ? "text" : $0.field, $0.message) },
                            uniquingKeysWith: { a, _ in a }) : [:])
            },
            versions: versions.reversed(), printHistory: req.query[String.self, at: "print"] == "history",
            printHistoryHref: SitePath.minutes(.value(id)).href + "?print=history", errors: errors, errorSection: section,
            canAmend: req.may(.amendMinutes), canCorrect: req.may(.correctMinutes),
            showDisclosures: req.may(.viewDisclosures), canShare: req.may(.shareMinutes), shares: [],
            disclosures: [])
        if page.showDisclosures {
            let shares = try await store.minutesShares(id)
            let disclosures = try await store.disclosures(id)
            let names = try await store.professionalNames(
                shares.map(\.professionalId) + disclosures.flatMap { [$0.disclosedBy, $0.disclosedTo] })
            page.shares = shares.map {
                ShareRow(
                    id: $0.id, who: names[$0.professionalId] ?? "", reason: $0.reason,
                    granted: zone.long($0.grantedAt),
                    revoked: $0.revokedAt.map(zone.long))
            }
            page.disclosures = disclosures.map {
                DisclosureRow(
                    when: zone.long($0.at), by: names[$0.disclosedBy] ?? "", to: names[$0.disclosedTo] ?? "", what: $0.what,
                    why: $0.why)
            }
        }
        return page.view
    }
}

/// Finalising was refused only for want of the reason to finalise without quorum: the check step
/// asks for it again.
private struct QuorumReasonNeeded: Error {
    var reason: String
}
