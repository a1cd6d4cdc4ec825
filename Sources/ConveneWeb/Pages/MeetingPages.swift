import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// The meeting page, used live during the discussion. Each section saves on its own,
/// so two people editing different sections never overwrite each other.
struct MeetingPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showMeeting, use: show)
        routes.on(.postMeetingAttendance, use: attendance)
        routes.on(.postMeetingInvitations, use: invite)
        routes.on(.postMeetingInvitationWithdraw, use: withdraw)
        routes.on(.postMeetingReleasedPeople, use: releasePeople)
        routes.on(.postMeetingEscalations, use: escalate)
        routes.on(.postMeetingEscalationResolve, use: resolveEscalation)
        routes.on(.postMeetingSection, use: section)
        routes.on(.postMeetingRecord, use: wholeRecord)
        routes.on(.postMeetingContributions, use: contribution)
        routes.on(.postMeetingDecision, use: decision)
        routes.on(.postMeetingDissents, use: dissent)
        routes.on(.postMeetingActions, use: action)
        routes.on(.postMeetingAction, use: updateAction)
        routes.on(.postMeetingMove, use: move)
        routes.on(.postMeetingCancel, use: cancel)
        routes.on(.postMeetingChange, use: decideChange)
    }

    static let labels: [String: String] = [
        "format": "Format", "startedAt": "Start time", "endedAt": "End time", "familyDetailsConfirmed": "Family details",
        "reasonForMeeting": "Reason for the meeting", "cscInformation": "Children's social care information",
        "riskFactors": "Risk factors", "protectiveFactors": "Protective factors", "safeAtHome": "Safe at home",
        "otherChildrenAtRisk": "Other children at risk", "voiceOfChild": "Voice of the child", "safetyPlan": "Safety plan",
        "nextDiscussionDate": "Next discussion", "agencyId": "Agency", "professionalId": "Professional", "summary": "Summary",
        "answer": "Decision", "rationale": "Rationale", "decidedBy": "Decided by", "byDate": "Date",
        "parentsNotInformedReason": "Reason parents are not informed", "raisedBy": "Raised by", "view": "View",
        "description": "Action", "ownerId": "Owner", "dueAt": "Due", "attendance": "Attendance", "newStart": "New time",
        "agreedBy": "Service manager", "agreement": "How the service manager agrees", "declinedReason": "Why not",
        "lateReason": "Reason for moving it after the timescale",
        "reason": "Reason", "resolution": "Resolution", "kind": "What to escalate",
        "dissentId": "Different view", "completionEvidence": "Evidence of completion", "status": "Status",
        "confidentialityStatementGiven": "Confidentiality statement", "otherChildrenDetail": "Other children",
        "cultureAndIdentity": "Culture and identity", "interpreterNeeded": "Interpreter needed",
        "interpreterLanguage": "Interpreter language", "disabilityAdjustments": "Disability adjustments",
    ]

    func show(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let id = try req.id("meetingID", entity: "meeting")
        let record = try await req.accessedMeetingRecord(id)
        // One projection per audience: invitees' page is built from `InviteeMeeting`, never from the record.
        if req.meetingAudience == .invitee {
            return try await Self.inviteePage(record, req: req, user: user, errors: .none).view
        }
        return try await MeetingPage.build(record, req: req, user: user, posted: [:], errorSection: "", errors: .none).view
    }

    /// The invitee's page: the projection, and the actions they own here.
    static func inviteePage(
        _ record: MeetingRecord, req: Request, user: CurrentUser, errors: FormErrors, errorSection: String = "",
        posted: [String: String] = [:]
    ) async throws -> InviteeMeetingPage {
        let view = InviteeMeeting(record, released: try await req.store.releasedPersonIds(of: record.meeting.id))
        let me = try req.actingProfessional().id
        let own = record.actions.filter { $0.ownerId == me }
        return InviteeMeetingPage.build(
            view, req: req, user: user, ownActions: own, errors: errors, errorSection: errorSection, posted: posted)
    }

    /// Runs a change; on invalid input, shows the page again with the messages next to the section.
    private func change(
        _ req: Request, section: String, notice: String, fragment: String, _ body: (UUID, inout FormReader) async throws -> Void
    ) async throws -> Response {
        let user = try await req.requireUser()
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        let fields = try req.form()
        var reader = FormReader(fields, zone: req.zone)
        var problems: [FieldProblem] = []
        do {
            try await body(id, &reader)
            problems = reader.problems
            if problems.isEmpty { return try await redirect(req, to: .meeting(.value(id)), notice: notice, fragment: fragment) }
        } catch DomainError.invalid(let found) {
            problems = reader.problems + found
        } catch DomainError.staleVersion(let entity, _, _)
            where RecordSection(rawValue: section) != nil || (section == "record" && Self.section(named: entity) != nil)
        {
            // Someone else saved this section first: show both versions, keep what this person typed.
            let recordSection = RecordSection(rawValue: section) ?? Self.section(named: entity)!
            let page = try await MeetingPage.build(
                try await req.store.meetingRecord(id), req: req, user: user, posted: fields,
                errorSection: recordSection.rawValue,
                errors: FormErrors(
                    [FieldProblem(field: "conflict", reason: "someone else saved this section while you were editing")],
                    labels: ["conflict": recordSection.label], anchorPrefix: ""),
                conflict: recordSection)
            return try await page.view.encodeResponse(status: .conflict, for: req)
        }
        let record = try await req.store.meetingRecord(id)
        if req.meetingAudience == .invitee {
            // An invitee (an action's owner) is never shown the team's page, even to explain an error.
            let page = try await Self.inviteePage(
                record, req: req, user: user, errors: FormErrors(problems, labels: Self.labels, anchorPrefix: "\(section)-"),
                errorSection: section, posted: fields)
            return try await page.view
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        // The whole record's problems are shown in the first section that has one.
        let shown =
            section == "record"
            ? (problems.lazy.compactMap { RecordSection.holding($0.field) }.first?.rawValue ?? "opening") : section
        // Each of the record's fields is linked where it is, in its own part of the record.
        let errors = FormErrors(problems, labels: Self.labels) { "\(RecordSection.holding($0)?.rawValue ?? shown)-" }
        let page = try await MeetingPage.build(record, req: req, user: user, posted: fields, errorSection: shown, errors: errors)
        return try await page.view.encodeResponse(status: .unprocessableEntity, for: req)
    }

    /// The section a stale-version refusal names ("Risk analysis section").
    static func section(named entity: String) -> RecordSection? {
        RecordSection.allCases.first { "\($0.label) section" == entity }
    }

    func attendance(req: Request) async throws -> Response {
        try await change(req, section: "attendance", notice: "Attendance saved", fragment: "attendance") { id, reader in
            guard reader.problems.isEmpty else { return }
            for (key, value) in reader.fields where key.hasPrefix("attendance-") {
                guard let person = UUID(uuidString: String(key.dropFirst(11))) else { continue }
                guard let attendance = Attendance(rawValue: value) else {
                    throw DomainError.invalid("attendance", "choose one of the options")
                }
                _ = try await req.store.recordAttendance(id, professionalId: person, AttendanceInput(attendance: attendance))
            }
        }
    }

    func invite(req: Request) async throws -> Response {
        try await change(req, section: "attendance", notice: "Professional invited", fragment: "attendance") { id, reader in
            let person = reader.id("professionalId")
            guard reader.problems.isEmpty else { return }
            _ = try await req.store.invite(id, professionalId: person)
        }
    }

    /// Takes an invitee off before the discussion; they are sent a cancellation.
    func withdraw(req: Request) async throws -> Response {
        let professionalId = try req.id("inviteeID", entity: "invitation")
        return try await change(req, section: "attendance", notice: "Invitation withdrawn", fragment: "attendance") { id, _ in
            try await req.store.withdrawInvitation(id, professionalId: professionalId)
        }
    }

    /// The chair's choice of the family members whose details the invitees see; the others are withheld.
    func releasePeople(req: Request) async throws -> Response {
        try await change(
            req, section: "released-people", notice: "Family details for invitees saved", fragment: "released-people"
        ) {
            id, reader in
            let personIds = reader.fields.keys.filter { $0.hasPrefix("release-") }.compactMap {
                UUID(uuidString: String($0.dropFirst(8)))
            }
            _ = try await req.store.releasePeople(id, personIds: personIds, by: try req.actingProfessional().id)
        }
    }

    /// Saves one section of the record. Text fields the form shows but leaves empty are cleared.
    func section(req: Request) async throws -> Response {
        let name = req.parameters.get("section") ?? ""
        guard let section = RecordSection(rawValue: name) else { throw DomainError.notFound(entity: "section", id: name) }
        return try await change(req, section: name, notice: "Section saved", fragment: "section-\(name)") { id, reader in
            var update = RecordUpdate()
            Self.read(section, into: &update, from: &reader)
            if let text = reader.text("sectionVersion") {
                guard let version = Int(text) else { throw DomainError.invalid("sectionVersion", "must be a whole number") }
                update.sectionVersions = [name: version]
            }
            guard reader.problems.isEmpty else { return }
            _ = try await req.store.updateRecord(id, update)
        }
    }

    /// The whole record in one save: every section the person changed (those whose fields differ
    /// from the record as it stands), each checked against the version the page showed, so a
    /// change someone else made meanwhile to another section is neither lost nor a conflict, and
    /// nothing typed in one section is lost by saving another.
    func wholeRecord(req: Request) async throws -> Response {
        let fields = try req.form()
        let fragment =
            fields["section"].flatMap(RecordSection.init(rawValue:)).map { "section-\($0.rawValue)" } ?? "section-opening"
        return try await change(req, section: "record", notice: "Record saved", fragment: fragment) { id, reader in
            let current = try await req.store.meeting(id)
            var update = RecordUpdate()
            var versions: [String: Int] = [:]
            for section in RecordSection.allCases {
                // Not changed by this person: its fields are as the page showed them.
                if let shown = reader.text("sectionHash-\(section.rawValue)"),
                    shown == MeetingPage.sectionHash(section, values: reader.fields)
                {
                    continue
                }
                var part = RecordUpdate()
                var probe = reader
                Self.read(section, into: &part, from: &probe)
                var copy = current
                // Unchanged: every field reads, and applying them leaves the record as it is.
                let unchanged =
                    probe.problems.count == reader.problems.count
                    && (try? part.apply(to: &copy, now: req.store.now(), zone: req.zone)) != nil && copy == current
                if unchanged { continue }
                Self.read(section, into: &update, from: &reader)
                guard let text = reader.text("sectionVersion-\(section.rawValue)") else { continue }
                guard let version = Int(text) else {
                    throw DomainError.invalid("sectionVersion", "must be a whole number")
                }
                versions[section.rawValue] = version
            }
            update.sectionVersions = versions
            guard reader.problems.isEmpty, !update.sections.isEmpty else { return }
            _ = try await req.store.updateRecord(id, update)
        }
    }

    /// A section's fields from the form, into `update`.
    static func read(_ section: RecordSection, into update: inout RecordUpdate, from reader: inout FormReader) {
        func text(_ field: String) -> String { reader.text(field) ?? "" }
        switch section {
        case .opening:
            update.format = reader.choice("format", MeetingFormat.self)
            update.startedAt = reader.dateTime("startedAt")
            update.endedAt = reader.dateTime("endedAt")
            update.familyDetailsConfirmed = reader.bool("familyDetailsConfirmed") ?? false
            update.confidentialityStatementGiven = reader.bool("confidentialityStatementGiven") ?? false
        case .reason:
            update.reasonForMeeting = text("reasonForMeeting")
        case .csc:
            update.cscInformation = text("cscInformation")
        case .risk:
            update.riskFactors = text("riskFactors")
            update.protectiveFactors = text("protectiveFactors")
            update.otherChildrenDetail = text("otherChildrenDetail")
            update.voiceOfChild = text("voiceOfChild")
            update.cultureAndIdentity = text("cultureAndIdentity")
            update.interpreterLanguage = text("interpreterLanguage")
            update.disabilityAdjustments = text("disabilityAdjustments")
            update.safeAtHome = reader.choice("safeAtHome", Answer.self)
            update.otherChildrenAtRisk = reader.choice("otherChildrenAtRisk", Answer.self)
            update.interpreterNeeded = reader.choice("interpreterNeeded", Answer.self)
        case .plan:
            update.safetyPlan = text("safetyPlan")
            update.nextDiscussionDate = reader.date("nextDiscussionDate")
        }
    }

    func contribution(req: Request) async throws -> Response {
        try await change(req, section: "contributions", notice: "Contribution recorded", fragment: "section-contributions") {
            id, reader in
            let input = ContributionInput(
                agencyId: reader.id("agencyId"), professionalId: reader.id("professionalId"), summary: reader.text("summary"))
            guard reader.problems.isEmpty else { return }
            _ = try await req.store.addContribution(to: id, input, recordedBy: try req.actingProfessional().id)
        }
    }

    func decision(req: Request) async throws -> Response {
        let text = req.parameters.get("kind") ?? ""
        guard let kind = DecisionKind(rawValue: text) else { throw DomainError.notFound(entity: "decision kind", id: text) }
        return try await change(
            req, section: "decision-\(kind.rawValue)", notice: "Decision recorded", fragment: "decision-\(kind.rawValue)"
        ) { id, reader in
            let input = DecisionInput(
                answer: reader.text("answer"), rationale: reader.text("rationale"), decidedBy: reader.id("decidedBy"),
                detail: reader.text("detail"),
                parentsNotInformedReason: kind == .informParents && reader.text("answer") == "no"
                    ? reader.choice("parentsNotInformedReason", ParentsNotInformedReason.self) : nil,
                byDate: reader.date("byDate"))
            guard reader.problems.isEmpty else { return }
            let precondition = reader.fields["version"].flatMap(Int.init).map { DecisionPrecondition.version($0) } ?? .new
            do {
                _ = try await req.store.recordDecision(
                    id, kind: kind, input, recordedBy: try req.actingProfessional().id, expectedVersion: precondition)
            } catch DomainError.staleVersion {
                throw DomainError.invalid(
                    "answer",
                    "someone else recorded this decision after you opened the page; it now shows theirs, so check it and record yours again"
                )
            }
        }
    }

    func dissent(req: Request) async throws -> Response {
        try await change(req, section: "dissents", notice: "Different view recorded", fragment: "different-views") { id, reader in
            let input = DissentInput(
                decisionKind: reader.choice("decisionKind", DecisionKind.self), raisedBy: reader.id("raisedBy"),
                view: reader.text("view"),
                resolution: reader.text("resolution"), status: reader.choice("status", DissentStatus.self))
            guard reader.problems.isEmpty else { return }
            _ = try await req.store.addDissent(to: id, input, recordedBy: try req.actingProfessional().id)
        }
    }

    func action(req: Request) async throws -> Response {
        try await change(req, section: "actions", notice: "SMART action agreed", fragment: "smart-actions") { id, reader in
            let input = ActionInput(
                description: reader.text("description"), ownerId: reader.id("ownerId"), dueAt: reader.dateTime("dueAt"),
                isContingency: reader.bool("isContingency") ?? false)
            guard reader.problems.isEmpty else { return }
            _ = try await req.store.addAction(to: id, input)
        }
    }

    func updateAction(req: Request) async throws -> Response {
        let actionId = try req.id("actionID", entity: "action")
        return try await change(
            req, section: MeetingPage.actionSection(actionId), notice: "Action updated", fragment: "smart-actions"
        ) { _, reader in
            let input = ActionUpdate(
                status: reader.choice("status", ActionStatus.self), completionEvidence: reader.text("completionEvidence"),
                ownerId: reader.id("ownerId"), dueAt: reader.dateTime("dueAt"), reason: reader.text("reason"))
            guard reader.problems.isEmpty else { return }
            // The change form has no status: a reason alone changes nothing, and says so by its fields.
            if input.status == nil && input.ownerId == nil && input.dueAt == nil {
                throw DomainError.invalid(
                    "ownerId", "choose a new owner or a new due date and time, or press \"Cancel this action\"")
            }
            guard let version = reader.fields["version"].flatMap(Int.init) else {
                throw DomainError.invalid("status", "this form is out of date; reload the page and update the action again")
            }
            do {
                _ = try await req.store.updateAction(
                    actionId, input, expectedVersion: version, by: try req.actingProfessional(),
                    mayRearrange: req.meetingAudience == .meetingTeam)
            } catch DomainError.staleVersion {
                throw DomainError.invalid(
                    "status",
                    "someone else updated this action after you opened the page; it now shows their change, so check it and update it again"
                )
            } catch DomainError.conflict(let reason) {
                throw DomainError.invalid("status", reason)
            }
        }
    }

    func move(req: Request) async throws -> Response {
        try await change(
            req, section: "booking", notice: try Self.rebookingNotice(req, verb: "moved"), fragment: "booking"
        ) { id, reader in
            let input = Self.rebooking(&reader, moving: true)
            guard reader.problems.isEmpty else { return }
            _ = try await req.store.move(id, input, by: try req.actingProfessional())
        }
    }

    /// The move or cancellation as the booking form gives it.
    private static func rebooking(_ reader: inout FormReader, moving: Bool) -> RebookingInput {
        RebookingInput(
            newStart: moving ? reader.dateTime("newStart") : nil, agreedBy: reader.id("agreedBy"),
            agreement: reader.choice("agreement", Agreement.self), reason: reader.text("reason"),
            lateReason: moving ? reader.text("lateReason") : nil)
    }

    /// What happened, by how the service manager agrees: asked, by telephone, or signed in.
    private static func rebookingNotice(_ req: Request, verb: String) throws -> String {
        switch try req.form()["agreement"].flatMap(Agreement.init(rawValue:)) {
        case .requested: "The service manager is asked to agree; the meeting stays as booked until they do"
        case .byTelephone: "Meeting \(verb); the service manager's telephone agreement is recorded, and they are told"
        case .signedIn, nil: "Meeting \(verb) with your agreement as service manager"
        }
    }

    /// The service manager asked to agree a move or cancellation approves, declines or acknowledges it.
    func decideChange(req: Request) async throws -> Response {
        let changeId = try req.id("changeID", entity: "change")
        let decision = req.parameters.get("decision") ?? ""
        guard ["approve", "decline", "acknowledge"].contains(decision) else { throw Abort(.notFound) }
        let notice =
            switch decision {
            case "approve": "Change agreed and made"
            case "decline": "Change declined; the meeting stays as booked"
            default: "Telephone agreement acknowledged"
            }
        return try await change(req, section: "booking", notice: notice, fragment: "booking") { id, reader in
            let actor = try req.actingProfessional()
            do {
                switch decision {
                case "approve": _ = try await req.store.approveChange(changeId, of: id, by: actor)
                case "decline":
                    _ = try await req.store.declineChange(
                        changeId, of: id, AgreementDecision(reason: reader.text("declinedReason")), by: actor)
                default: _ = try await req.store.acknowledgeChange(changeId, of: id, by: actor)
                }
            } catch DomainError.invalid(let problems) {
                throw DomainError.invalid(
                    problems.map { $0.field == "reason" ? FieldProblem(field: "declinedReason", reason: $0.reason) : $0 })
            } catch DomainError.conflict(let reason) {
                throw DomainError.invalid("declinedReason", reason)
            }
        }
    }

    func escalate(req: Request) async throws -> Response {
        try await change(req, section: "escalations", notice: "Escalated to the service manager", fragment: "escalations") {
            id, reader in
            let input = EscalationInput(
                kind: reader.choice("kind", EscalationKind.self), professionalId: reader.id("professionalId"),
                dissentId: reader.id("dissentId"), reason: reader.text("reason"))
            guard reader.problems.isEmpty else { return }
            do {
                _ = try await req.store.escalate(id, input, by: try req.actingProfessional())
            } catch DomainError.conflict(let reason) {
                throw DomainError.invalid("reason", reason)
            }
        }
    }

    func resolveEscalation(req: Request) async throws -> Response {
        let escalationId = try req.id("escalationID", entity: "escalation")
        return try await change(req, section: "escalations", notice: "Escalation resolved", fragment: "escalations") {
            id, reader in
            do {
                _ = try await req.store.resolveEscalation(
                    escalationId, of: id, EscalationResolution(resolution: reader.text("resolution")),
                    by: try req.actingProfessional())
            } catch DomainError.conflict(let reason) {
                throw DomainError.invalid("resolution", reason)
            }
        }
    }

    /// Cancelling asks the person to check first: the meeting, who agrees and why. The answers
    /// are checked before the step is shown, so a missing one is named on the meeting page.
    func cancel(req: Request) async throws -> Response {
        let fields = try req.form()
        if fields["confirmed"] != "true" {
            var reader = FormReader(fields, zone: req.zone)
            let input = Self.rebooking(&reader, moving: false)
            let user = try await req.requireUser()
            let isServiceManager = user.role == ProfessionalRole.serviceManager.rawValue
            let agrees = input.agreement ?? (isServiceManager ? .signedIn : nil)
            let valid = (try? input.validate(moving: false, actorId: user.id, actorIsServiceManager: isServiceManager)) != nil
            if reader.problems.isEmpty && valid, let agrees {
                let id = try req.id("meetingID", entity: "meeting")
                let record = try await req.store.meetingRecord(id)
                let names = try await req.store.professionalNames([input.agreedBy ?? user.id])
                let manager = names[input.agreedBy ?? user.id] ?? ""
                let how =
                    switch agrees {
                    case .signedIn: "You, signed in as service manager"
                    case .requested: "\(manager) is asked to agree; the meeting stays booked until they do"
                    case .byTelephone: "\(manager), by telephone; they are told and asked to acknowledge it"
                    }
                return try await ConfirmPage.render(
                    ConfirmPage(
                        layout: req.layout("Check before you cancel the meeting", user, nav: "schedule"),
                        caption: "Case \(record.caseRecord.reference)", heading: "Check before you cancel the meeting",
                        rows: [
                            .init(label: "Meeting", value: req.zone.long(record.meeting.scheduledStart)),
                            .init(label: "Service manager's agreement", value: how),
                            .init(label: "Reason", value: fields["reason"] ?? ""),
                        ],
                        warning:
                            "Once agreed, the meeting is cancelled for every invitee, and the request will need a new booking. Its clock keeps running from the concern.",
                        field: nil,
                        hidden: [
                            .init(name: "agreedBy", value: input.agreedBy?.uuidString ?? ""),
                            .init(name: "agreement", value: agrees.rawValue),
                            .init(name: "reason", value: fields["reason"] ?? ""),
                        ],
                        action: SitePath.meetingCancel(.value(id)).href, button: "Cancel the meeting",
                        backHref: SitePath.meeting(.value(id)).href,
                        backText: "Go back to the meeting", errors: .none), req: req)
            }
        }
        return try await change(
            req, section: "booking", notice: try Self.rebookingNotice(req, verb: "cancelled"), fragment: "booking"
        ) { id, reader in
            let input = Self.rebooking(&reader, moving: false)
            guard reader.problems.isEmpty else { return }
            _ = try await req.store.cancel(id, input, by: try req.actingProfessional())
        }
    }
}
