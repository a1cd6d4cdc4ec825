import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// The list of cases and the case page: the child's timeline of discussions and the clocks.
struct CasePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showCases, use: list)
        routes.on(.postCasesSearch, use: search)
        routes.on(.showCaseRecord, use: show)
    }

    struct CaseRow {
        var href: String
        var reference: String
        var team: String
        var caseType: String
        var created: String
        /// The children the discussions are about, by name.
        var children: String
        /// Where the case is: "Request awaiting approval", "Discussion booked", "Minutes circulated" …
        var stage: String
    }

    struct CaseListPage {
        var layout: Layout
        var cases: [CaseRow]
        /// What was searched for (shown in the form; never in the address).
        var search: String
        var searched: Bool
        /// "Create a case", for those who may.
        var newCaseHref: String?
        /// "Cases 101–200 of 2500", when there is more than one page.
        var range: String?
        var paged: Bool
        var previousHref: String?
        var nextHref: String?
        var errors: FormErrors
    }

    /// How many cases the list shows at a time; a manager may have thousands.
    static let casesShown = 100

    /// The cases the person has a role in, newest first, 100 at a time (`?offset=`).
    func list(req: Request) async throws -> View {
        try await render(req, search: nil, offset: try ListPage.offset(req), errors: .none)
    }

    /// Finds cases by reference, a person's name or a date of birth, among those the person may
    /// see, and lists them. Posted, so that a child's name never appears in an address.
    func search(req: Request) async throws -> Response {
        let text = try req.form()["q"]
        var problems: [FieldProblem] = []
        var v = Validator()
        v.limit(text, TextFields.CaseSearch.q)
        problems = v.problems
        if text.isBlank { problems.append(.init(field: "q", reason: "enter a reference, a name or a date of birth")) }
        let found = problems.isEmpty ? CaseSearch(text) : nil
        return try await render(
            req, search: found, offset: 0, typed: text ?? "",
            errors: FormErrors(problems, labels: ["q": "Search"], anchorPrefix: "field-")
        ).encodeResponse(status: problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    private func render(
        _ req: Request, search: CaseSearch?, offset: Int, typed: String = "", errors: FormErrors
    ) async throws -> View {
        let user = try await req.requireUser()
        let teams = Dictionary(uniqueKeysWithValues: try await req.ownTeams().map { ($0.id, $0.name) })
        let person = try req.actingProfessional()
        let total = try await req.store.caseCount(visibleTo: person, matching: search)
        let shown = try await req.store.cases(
            visibleTo: person, matching: search, limit: Self.casesShown, offset: search == nil ? offset : 0)
        req.listed(shown.map(\.id))
        let summaries = try await req.store.caseSummaries(shown.map(\.id))
        let rows = shown.map {
            CaseRow(
                href: SitePath.caseRecord(.value($0.id)).href, reference: $0.reference, team: teams[$0.teamId] ?? "",
                caseType: $0.caseType.label, created: req.zone.localDate(of: $0.createdAt).long,
                children: summaries[$0.id]?.children.joined(separator: ", ") ?? "",
                stage: summaries[$0.id]?.stage.label ?? CaseStage.noRequest.label)
        }
        let paged = search == nil && (total > Self.casesShown || offset > 0)
        var range: String?
        if let search {
            range =
                "\(counted(total, "case matches", "cases match")) \u{201C}\(search.text)\u{201D}"
                + (total > rows.count ? "; the first \(rows.count) are shown" : "")
        } else if paged && !rows.isEmpty {
            range = "Cases \(offset + 1)–\(offset + rows.count) of \(total)"
        }
        let page = CaseListPage(
            layout: req.layout("Cases", user, nav: "cases"), cases: rows,
            search: typed, searched: search != nil || !typed.isEmpty,
            newCaseHref: req.principal.map { Endpoint.showNewCase.rule.possibleRoles.contains($0.role) } == true
                ? SitePath.newCase.href : nil,
            range: range, paged: paged,
            previousHref: offset > 0 ? SitePath.cases.href + "?offset=\(max(0, offset - Self.casesShown))" : nil,
            nextHref: paged && offset + Self.casesShown < total
                ? SitePath.cases.href + "?offset=\(offset + Self.casesShown)" : nil,
            errors: errors)
        return page.view
    }

    struct PersonRow {
        var anchor: String
        var role: String
        var name: String
        var born: String
        var detail: String
        /// "Change", while the family details can still change.
        var changeHref: String?
        /// What the request still needs of this person, when submitting was refused.
        var error: String?

        init(_ person: CasePerson, changeHref: String?, errors: [String] = []) {
            anchor = "person-\(person.id)"
            role = person.role.label
            name = person.fullName
            born = person.bornText
            detail = [
                person.relationship, person.ethnicity.map { "Ethnicity: \($0)" }, person.disability.map { "Disability: \($0)" },
                person.caseNumber.map { "Case number \($0)" }, person.address, person.checksRequired.map { "Checks: \($0)" },
            ].compactMap { $0 }.joined(separator: "; ")
            self.changeHref = changeHref
            error = errors.isEmpty ? nil : errors.joined(separator: " ")
        }
    }

    struct TimelineItem {
        var href: String
        var when: String
        var status: String
        var tagClass: String
        var outcome: String
        var s47: String
    }

    struct RequestItem {
        var href: String
        var status: String
        var urgency: String
        var created: String
    }

    struct CasePage {
        var layout: Layout
        var reference: String
        var team: String
        var caseType: String
        var referral: String
        var socialWorker: String
        var teamManager: String
        var serviceManager: String
        var people: [PersonRow]
        var timeline: [TimelineItem]
        var requests: [RequestItem]
        var clocks: [ClockRow]
        var otherClocks: [ClockRow]
        /// Where to request a strategy discussion; nil for a reader who may not (break-glass, say).
        var newRequestHref: String?
        /// The reader may add and change the case's people.
        var mayEditPeople: Bool
        var caseId: UUID
        var personRoles: [Option]
        var posted: [String: String]
        var errors: FormErrors
    }

    func show(req: Request) async throws -> View {
        let user = try await req.requireUser()
        return try await render(req, user: user, id: try req.id("caseID", entity: "case"), posted: [:], errors: .none)
    }

    func render(_ req: Request, user: CurrentUser, id: UUID, posted: [String: String], errors: FormErrors) async throws
        -> View
    {
        let detail = try await req.store.caseDetail(of: try await req.accessedCase(id))
        let zone = req.zone
        let now = req.store.now()
        let c = detail.caseRecord
        let people = try await req.store.professionalNames(
            [c.socialWorkerId, c.teamManagerId, c.serviceManagerId] + detail.clocks.compactMap(\.ownerId))
        let timeline = detail.meetings.map { m -> TimelineItem in
            let decisions = detail.decisions.filter { $0.meetingId == m.id }
            let row = MeetingRow(m, caseReference: c.reference, zone: zone)
            return TimelineItem(
                href: row.href, when: row.when, status: row.status, tagClass: row.tagClass,
                outcome: decisions.first { $0.kind == .outcome }.map { DecisionKind.answerLabel($0.answer) } ?? "Not yet decided",
                s47: decisions.first { $0.kind == .s47Enquiry }.map { DecisionKind.answerLabel($0.answer) } ?? "–")
        }
        let mayEditPeople = req.may(.editCase)
        let peopleCanChange = mayEditPeople && detail.requests.allSatisfy { $0.status == .draft }
        let clockRows = detail.clocks.map { ClockRow($0, now: now, zone: zone, owners: people) }
        let statutory: Set<String> = ["s47Enquiry", "icpc", "assessment", "meeting"]
        let page = CasePage(
            layout: req.layout("Case \(c.reference)", user, nav: "cases"), reference: c.reference,
            team: "\(detail.team.name) (\(detail.team.locality))",
            caseType: c.caseType.label,
            referral: c.referralDate?.long ?? "Not recorded", socialWorker: people[c.socialWorkerId] ?? "",
            teamManager: people[c.teamManagerId] ?? "", serviceManager: people[c.serviceManagerId] ?? "",
            people: detail.people.map {
                PersonRow($0, changeHref: peopleCanChange ? SitePath.person(.value(c.id), person: .value($0.id)).href : nil)
            },
            timeline: timeline,
            requests: detail.requests.map {
                RequestItem(
                    href: SitePath.request(.value($0.id)).href, status: $0.status.label, urgency: $0.urgency?.label ?? "–",
                    created: zone.long($0.createdAt))
            },
            clocks: clockRows.filter { statutory.contains($0.kind) },
            otherClocks: clockRows.filter { !statutory.contains($0.kind) },
            newRequestHref: req.may(.draftRequest) ? SitePath.newRequest(.value(c.id)).href : nil,
            mayEditPeople: mayEditPeople, caseId: c.id,
            personRoles: PersonRole.allCases.map {
                Option(value: $0.rawValue, label: $0.label, selected: posted["role"] == $0.rawValue)
            },
            posted: posted, errors: errors)
        return page.view
    }
}
