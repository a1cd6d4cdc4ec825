import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// The strategy meeting request form (seed 003 appendix 2): draft, submit, approve, return.
struct RequestPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showNewRequest, use: newForm)
        routes.on(.postCaseRequests, use: create)
        routes.on(.showRequest, use: show)
        routes.on(.postRequest, use: update)
        routes.on(.postRequestApprove, use: approve)
        routes.on(.postRequestReturn, use: sendBack)
    }

    static let labels: [String: String] = [
        "urgency": "Urgency", "urgencyRationale": "Service manager's rationale", "urgencyAgreedBy": "Service manager",
        "otherDueDate": "Date agreed for the meeting", "trigger": "What prompted the concern",
        "concernIdentifiedAt": "When the concern was identified", "presentingIssue": "Presenting issue",
        "incidentDate": "Date of incident", "rationale": "Rationale for the strategy discussion",
        "specificChecks": "Specific checks", "inviteeIds": "Professionals to invite", "children": "Children",
        "people": "Family details", "teamManagerId": "Team manager", "reason": "Reason", "draftedBy": "Drafted by",
        "version": "This request",
    ]

    // MARK: - Page contexts

    struct InviteeGroup {
        var agency: String
        var people: [Option]
    }

    struct FormValues {
        var urgency = ""
        var urgencyRationale = ""
        var urgencyAgreedBy = ""
        var otherDueDate = ""
        var trigger = ""
        var concernIdentifiedAt = ""
        var presentingIssue = ""
        var incidentDate = ""
        var rationale = ""
        var specificChecks = ""

        /// The value of one of the form's fields by its name; nil for a name that is not one of them.
        func value(of field: String) -> String? {
            switch field {
            case "urgency": urgency
            case "urgencyRationale": urgencyRationale
            case "urgencyAgreedBy": urgencyAgreedBy
            case "otherDueDate": otherDueDate
            case "trigger": trigger
            case "concernIdentifiedAt": concernIdentifiedAt
            case "presentingIssue": presentingIssue
            case "incidentDate": incidentDate
            case "rationale": rationale
            case "specificChecks": specificChecks
            default: nil
            }
        }
    }

    struct FormPage {
        var layout: Layout
        var action: String
        var caseReference: String
        var caseHref: String
        var teamInfo: [Pair]
        var people: [CasePages.PersonRow]
        var status: String?
        var returnedReason: String?
        var values: FormValues
        var urgencies: [Option]
        var triggers: [Option]
        var serviceManagers: [Option]
        var invitees: [InviteeGroup]
        var errors: FormErrors
        /// For the add-person form: come back to this request afterwards.
        var returnTo: String?
        /// The version of the draft this form was filled from, sent back with it.
        var version: Int?
        var caseId: UUID
        var personRoles: [Option]
        var posted: [String: String]
    }

    struct ViewPage {
        var layout: Layout
        var requestId: UUID
        var caseReference: String
        var caseHref: String
        var status: String
        var tagClass: String
        var fields: [Pair]
        var invitees: [String]
        var canApprove: Bool
        var canBook: Bool
        var errors: FormErrors
    }

    // MARK: - Handlers

    func newForm(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let caseId = try req.id("caseID", entity: "case")
        return try await renderForm(
            req, user: user, caseId: caseId, request: nil, values: FormValues(), inviteeIds: [], errors: .none)
    }

    func create(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let caseId = try req.id("caseID", entity: "case")
        _ = try await req.accessedCase(caseId)
        let fields = try req.form()
        var reader = FormReader(fields, zone: req.zone)
        let form = Self.requestForm(&reader)
        if !reader.problems.isEmpty {
            return try await rerender(req, user: user, caseId: caseId, request: nil, fields: fields, problems: reader.problems)
        }
        let detail: RequestDetail
        do {
            detail = try await req.store.draftRequest(for: caseId, draftedBy: user.id, form)
        } catch DomainError.invalid(let problems) {
            return try await rerender(req, user: user, caseId: caseId, request: nil, fields: fields, problems: problems)
        }
        return try await submitIfAsked(req, user: user, detail: detail, fields: fields)
    }

    func update(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let id = try req.id("requestID", entity: "request")
        let existing = try await req.store.request(id)
        let fields = try req.form()
        var reader = FormReader(fields, zone: req.zone)
        let form = Self.requestForm(&reader)
        if !reader.problems.isEmpty {
            return try await rerender(
                req, user: user, caseId: existing.request.caseId, request: existing.request, fields: fields,
                problems: reader.problems)
        }
        // The version the form was filled from: a save from an older one would overwrite someone's changes.
        guard let expected = fields["version"].flatMap(Int.init) else {
            return try await rerender(
                req, user: user, caseId: existing.request.caseId, request: existing.request, fields: fields,
                problems: [
                    FieldProblem(
                        field: "version",
                        reason: "this form is out of date; your text is below, so copy it, reload the request and save again")
                ],
                status: .preconditionRequired)
        }
        let detail: RequestDetail
        do {
            detail = try await req.store.updateRequest(id, form, expectedVersion: expected)
        } catch DomainError.invalid(let problems) {
            return try await rerender(
                req, user: user, caseId: existing.request.caseId, request: existing.request, fields: fields, problems: problems)
        } catch DomainError.staleVersion {
            // Someone else saved it first: keep this person's text, and the current version to save over it knowingly.
            let current = try await req.store.request(id)
            let changed = Self.labels.keys.filter { field in
                let theirs = Self.values(current.request, zone: req.zone).value(of: field)
                return theirs != nil && theirs != (fields[field] ?? "")
            }.compactMap { Self.labels[$0] }.sorted()
            return try await rerender(
                req, user: user, caseId: current.request.caseId, request: current.request, fields: fields,
                problems: [
                    FieldProblem(
                        field: "version",
                        reason: "someone else saved this request after you opened it"
                            + (changed.isEmpty ? "" : " (their version differs in: \(changed.joined(separator: ", ")))")
                            + ". Your text below is not saved yet: check it against theirs, then save again to keep yours")
                ], status: .conflict)
        }
        return try await submitIfAsked(req, user: user, detail: detail, fields: fields)
    }

    private func submitIfAsked(_ req: Request, user: CurrentUser, detail: RequestDetail, fields: [String: String]) async throws
        -> Response
    {
        guard fields["action"] == "submit" else {
            return try await redirect(req, to: .request(.value(detail.request.id)), notice: "Request saved as a draft")
        }
        do {
            _ = try await req.store.submitRequest(detail.request.id)
        } catch DomainError.invalid(let problems) {
            // The draft is saved; the person sees what is missing next to each field.
            return try await rerender(
                req, user: user, caseId: detail.request.caseId, request: detail.request, fields: fields, problems: problems,
                notice: "Your draft was saved, but it cannot be submitted yet")
        }
        return try await redirect(
            req, to: .request(.value(detail.request.id)), notice: "Request submitted to the team manager for approval")
    }

    func show(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let id = try req.id("requestID", entity: "request")
        let detail = try await req.store.request(id)
        if detail.request.status == .draft {
            return try await renderForm(
                req, user: user, caseId: detail.request.caseId, request: detail.request,
                values: Self.values(detail.request, zone: req.zone),
                inviteeIds: detail.inviteeIds, errors: .none)
        }
        return try await renderView(req, user: user, detail: detail, errors: .none)
    }

    func approve(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let id = try req.id("requestID", entity: "request")
        do {
            _ = try await req.store.approveRequest(id, by: user.id)
        } catch DomainError.invalid(let problems) {
            let view = try await renderView(
                req, user: user, detail: try await req.store.request(id), errors: FormErrors(problems, labels: Self.labels))
            return try await view.encodeResponse(status: .unprocessableEntity, for: req)
        }
        return try await redirect(req, to: .request(.value(id)), notice: "Request approved. The minute taker can now book a slot")
    }

    func sendBack(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let id = try req.id("requestID", entity: "request")
        do {
            _ = try await req.store.returnRequest(id, by: user.id, reason: try req.form()["reason"])
        } catch DomainError.invalid(let problems) {
            let view = try await renderView(
                req, user: user, detail: try await req.store.request(id), errors: FormErrors(problems, labels: Self.labels))
            return try await view.encodeResponse(status: .unprocessableEntity, for: req)
        }
        return try await redirect(req, to: .request(.value(id)), notice: "Request returned to the social worker")
    }

    // MARK: - Rendering

    private func rerender(
        _ req: Request, user: CurrentUser, caseId: UUID, request: StrategyRequest?, fields: [String: String],
        problems: [FieldProblem], notice: String? = nil, status: HTTPStatus = .unprocessableEntity
    ) async throws -> Response {
        var values = FormValues()
        values.urgency = fields["urgency"] ?? ""
        values.urgencyRationale = fields["urgencyRationale"] ?? ""
        values.urgencyAgreedBy = fields["urgencyAgreedBy"] ?? ""
        values.otherDueDate = fields["otherDueDate"] ?? ""
        values.trigger = fields["trigger"] ?? ""
        values.concernIdentifiedAt = fields["concernIdentifiedAt"] ?? ""
        values.presentingIssue = fields["presentingIssue"] ?? ""
        values.incidentDate = fields["incidentDate"] ?? ""
        values.rationale = fields["rationale"] ?? ""
        values.specificChecks = fields["specificChecks"] ?? ""
        let invitees = Self.inviteeIds(fields)
        let view = try await renderForm(
            req, user: user, caseId: caseId, request: request, values: values, inviteeIds: invitees,
            errors: FormErrors(problems, labels: Self.labels), notice: notice)
        return try await view.encodeResponse(status: status, for: req)
    }

    private func renderForm(
        _ req: Request, user: CurrentUser, caseId: UUID, request: StrategyRequest?, values: FormValues, inviteeIds: [UUID],
        errors: FormErrors, notice: String? = nil
    ) async throws -> View {
        let store = req.store
        let c = try await store.caseRecord(caseId)
        let team = try await store.team(c.teamId)
        let everyone = try await store.directoryEntries()
        let names = Dictionary(uniqueKeysWithValues: everyone.map { ($0.id, $0.name) })
        let agencies = try await store.agencies()
        let people = try await store.people(of: caseId)
        let chosen = Set(inviteeIds)
        var groups: [InviteeGroup] = []
        for agency in agencies where agency.kind != .childrensSocialCare {
            let members = everyone.filter { $0.agencyId == agency.id }
            guard !members.isEmpty else { continue }
            let mandatory = agency.kind.isStatutoryPartner ? " (mandatory)" : ""
            groups.append(
                InviteeGroup(
                    agency: agency.name + mandatory,
                    people: members.map {
                        Option(value: $0.id.uuidString, label: $0.name, hint: $0.jobTitle, selected: chosen.contains($0.id))
                    }))
        }
        var layout = req.layout(request == nil ? "Request a strategy discussion" : "Edit request", user, nav: "cases")
        if let notice { layout.notice = notice }
        let page = FormPage(
            layout: layout,
            action: request.map { SitePath.request(.value($0.id)).href } ?? SitePath.caseRequests(.value(caseId)).href,
            caseReference: c.reference, caseHref: SitePath.caseRecord(.value(caseId)).href,
            teamInfo: [
                Pair("Locality", team.locality), Pair("Team", team.name),
                Pair("Allocated social worker", names[c.socialWorkerId] ?? ""),
                Pair("Team manager", names[c.teamManagerId] ?? ""), Pair("Service manager", names[c.serviceManagerId] ?? ""),
                Pair("Case type", c.caseType.label),
            ],
            people: people.map { person in
                CasePages.PersonRow(
                    person,
                    changeHref: request.map {
                        "\(SitePath.person(.value(caseId), person: .value(person.id)).href)?returnTo=\($0.id)"
                    },
                    errors: errors.about(person: person.id))
            },
            status: request?.status.label, returnedReason: request?.returnedReason, values: values,
            urgencies: [
                Option(
                    value: "immediate", label: "Immediate (within 2 hours)",
                    hint: "Risk to the life of a child or a likelihood of serious immediate harm",
                    selected: values.urgency == "immediate"),
                Option(
                    value: "standard", label: "Standard (within 24 hours)", hint: "Standard timescale",
                    selected: values.urgency == "standard"),
                Option(
                    value: "other", label: "Other",
                    hint: "Outside the standard timescale: the service manager's rationale is required",
                    selected: values.urgency == "other"),
            ],
            triggers: ConcernTrigger.allCases.map {
                Option(value: $0.rawValue, label: $0.label, hint: nil, selected: values.trigger == $0.rawValue)
            },
            serviceManagers: everyone.filter { $0.role == .serviceManager }.map {
                Option(value: $0.id.uuidString, label: $0.name, hint: nil, selected: values.urgencyAgreedBy == $0.id.uuidString)
            },
            invitees: groups, errors: errors, returnTo: request?.id.uuidString, version: request?.version,
            caseId: caseId,
            personRoles: PersonRole.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: false) },
            posted: [:])
        return page.view
    }

    private func renderView(_ req: Request, user: CurrentUser, detail: RequestDetail, errors: FormErrors) async throws -> View {
        let store = req.store
        let r = detail.request
        let c = try await store.caseRecord(r.caseId)
        let named = Set([r.draftedBy] + [r.approvedBy].compactMap { $0 } + detail.inviteeIds)
        let everyone = Dictionary(uniqueKeysWithValues: try await store.directoryEntries(only: named).map { ($0.id, $0) })
        let zone = req.zone
        let fields: [Pair] =
            [
                Pair("Urgency", r.urgency?.label ?? "–"),
                Pair("What prompted the concern", r.trigger.map(\.label) ?? "–"),
                Pair("Concern identified", r.concernIdentifiedAt.map(zone.long) ?? "–"),
                Pair("Presenting issue", r.presentingIssue ?? "–"), Pair("Date of incident", r.incidentDate?.long ?? "–"),
                Pair("Rationale", r.rationale ?? "–"), Pair("Specific checks", r.specificChecks ?? "None"),
                Pair("Drafted by", everyone[r.draftedBy]?.name ?? ""), Pair("Submitted", r.submittedAt.map(zone.long) ?? "–"),
                Pair(
                    "Approved",
                    r.approvedAt.map { "\(zone.long($0)) by \(r.approvedBy.flatMap { everyone[$0]?.name } ?? "")" } ?? "–"),
            ]
            + (r.urgency == .other
                ? [
                    Pair("Service manager's rationale", r.urgencyRationale ?? ""),
                    Pair("Date agreed", r.otherDueDate?.long ?? ""),
                ] : [])
        let role = req.principal?.professional?.role
        let page = ViewPage(
            layout: req.layout("Request for \(c.reference)", user, nav: "cases"), requestId: r.id,
            caseReference: c.reference, caseHref: SitePath.caseRecord(.value(c.id)).href, status: Self.statusLabel(r.status),
            tagClass: r.status == .approved ? "tag-green" : "tag-blue", fields: fields,
            invitees: detail.inviteeIds.compactMap { everyone[$0].map { "\($0.name), \($0.jobTitle)" } },
            canApprove: r.status == .submitted && (role == .teamManager || role == .serviceManager),
            canBook: r.status == .approved, errors: errors)
        return page.view
    }

    // MARK: - Form mapping

    static func requestForm(_ reader: inout FormReader) -> RequestForm {
        RequestForm(
            urgency: reader.choice("urgency", Urgency.self), urgencyRationale: reader.text("urgencyRationale"),
            urgencyAgreedBy: reader.id("urgencyAgreedBy"), otherDueDate: reader.date("otherDueDate"),
            trigger: reader.choice("trigger", ConcernTrigger.self), concernIdentifiedAt: reader.dateTime("concernIdentifiedAt"),
            presentingIssue: reader.text("presentingIssue"), incidentDate: reader.date("incidentDate"),
            rationale: reader.text("rationale"), specificChecks: reader.text("specificChecks"),
            inviteeIds: inviteeIds(reader.fields))
    }

    /// Checkboxes are named `invitee-<id>`.
    static func inviteeIds(_ fields: [String: String]) -> [UUID] {
        fields.keys.filter { $0.hasPrefix("invitee-") }.compactMap { UUID(uuidString: String($0.dropFirst(8))) }.sorted {
            $0.uuidString < $1.uuidString
        }
    }

    static func values(_ r: StrategyRequest, zone: LocalTimeZone) -> FormValues {
        var v = FormValues()
        v.urgency = r.urgency?.rawValue ?? ""
        v.urgencyRationale = r.urgencyRationale ?? ""
        v.urgencyAgreedBy = r.urgencyAgreedBy?.uuidString ?? ""
        v.otherDueDate = r.otherDueDate?.description ?? ""
        v.trigger = r.trigger?.rawValue ?? ""
        v.concernIdentifiedAt = r.concernIdentifiedAt.map(zone.inputValue) ?? ""
        v.presentingIssue = r.presentingIssue ?? ""
        v.incidentDate = r.incidentDate?.description ?? ""
        v.rationale = r.rationale ?? ""
        v.specificChecks = r.specificChecks ?? ""
        return v
    }

    static func statusLabel(_ status: RequestStatus) -> String {
        switch status {
        case .draft: return "Draft"
        case .submitted: return "Waiting for approval"
        case .approved: return "Approved"
        }
    }
}
