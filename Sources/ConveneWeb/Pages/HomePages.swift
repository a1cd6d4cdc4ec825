import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// My work and the team dashboard.
struct HomePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showMyWork, use: myWork)
        routes.on(.postMyWorkReminders, use: setReminders)
        routes.on(.showDashboard, use: dashboard)
    }

    // MARK: - My work

    struct ActionRow {
        var description: String
        var caseReference: String
        var meetingHref: String
        var due: String
        var timeLeft: String
        var tagClass: String
        var stateLabel: String
    }

    /// One thing to do next: a link and what it is about.
    struct ToDo {
        var href: String
        var caseReference: String
        var detail: String
    }

    struct MyWorkPage {
        var layout: Layout
        var returned: [ToDo]
        var toApprove: [ToDo]
        var toBook: [ToDo]
        var toFinalise: [ToDo]
        var corrections: [ToDo]
        var toAgree: [ToDo]
        var toAcknowledge: [ToDo]
        var nothingToDo: Bool
        var meetings: [MeetingRow]
        var actions: [ActionRow]
        var clocks: [ClockRow]
        var messages: [SentRow]
        var reminders: [Option]
    }

    /// A message Convene sent the person (or could not: no email address).
    struct SentRow {
        var when: String
        var subject: String
        var state: String
    }

    func myWork(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let store = req.store
        let now = store.now()
        let zone = req.zone
        let booked = try await store.meetings(
            // The last week's too: an invitee reaches the minutes and sends corrections from there.
            involving: user.id, from: now.addingTimeInterval(-7 * 86_400), to: now.addingTimeInterval(14 * 86_400)
        )
        .filter { $0.status != .cancelled }
        let open = try await store.actions(ownerId: user.id, status: .open)
        let person = try req.actingProfessional()
        let todo = try await store.workToDo(for: person)
        let correctionMeetings = try await store.meetings(
            ids: todo.corrections.map(\.meetingId) + todo.changes.map(\.meetingId))
        let todoCases =
            (todo.returned + todo.toApprove + todo.toBook).map(\.caseId) + todo.toFinalise.map(\.caseId)
            + correctionMeetings.map(\.caseId)
        let cases = try await store.caseReferences(booked.map(\.caseId) + open.map(\.caseId) + todoCases)
        let caseOf = Dictionary(uniqueKeysWithValues: try await store.cases(ids: Set(booked.map(\.caseId))).map { ($0.id, $0) })
        let meetings = booked.map { m in
            let c = caseOf[m.caseId]
            let role =
                m.chairId == user.id
                ? "Chair"
                : m.minuteTakerId == user.id
                    ? "Minute taker"
                    : c?.socialWorkerId == user.id
                        ? "Allocated social worker"
                        : c?.teamManagerId == user.id
                            ? "Team manager" : c?.serviceManagerId == user.id ? "Service manager" : "Invited"
            return MeetingRow(m, caseReference: cases[m.caseId] ?? "", zone: zone, role: role)
        }
        func request(_ r: StrategyRequest, _ detail: String) -> ToDo {
            ToDo(href: SitePath.request(.value(r.id)).href, caseReference: cases[r.caseId] ?? "", detail: detail)
        }
        let caseOfMeeting = Dictionary(uniqueKeysWithValues: correctionMeetings.map { ($0.id, $0.caseId) })
        let clocks =
            if let person = req.principal?.professional {
                try await store.clocks(ClockFilter(ownerId: user.id, visibleTo: person))
            } else { [Clock]() }
        let actionClocks = Dictionary(uniqueKeysWithValues: clocks.filter { $0.kind == .action }.map { ($0.subjectId, $0) })
        let actions = open.map { action in
            let clock = actionClocks[action.id]
            return ActionRow(
                description: action.description, caseReference: cases[action.caseId] ?? "",
                meetingHref: SitePath.meeting(.value(action.meetingId)).href,
                due: zone.long(action.dueAt), timeLeft: clock?.timeLeftText(at: now) ?? "",
                tagClass: "tag-\(clock?.rag ?? "green")",
                stateLabel: clock?.state.label ?? "")
        }
        func change(_ detail: String, _ c: MeetingChange) -> ToDo {
            ToDo(
                href: SitePath.meeting(.value(c.meetingId)).href + "#booking",
                caseReference: caseOfMeeting[c.meetingId].flatMap { cases[$0] } ?? "",
                detail: "\(MeetingPage.changeText(c, zone: zone)) (\(detail))")
        }
        let urgent = clocks.filter { $0.state == .dueSoon || $0.state == .overdue }
        let sent = try await store.messages(to: person.id)
        let preference = try await store.reminderPreference(of: person.id)
        req.listed(booked.map(\.caseId) + open.map(\.caseId) + urgent.map(\.caseId) + todoCases)
        let page = MyWorkPage(
            layout: req.layout("My work", user, nav: "my-work"),
            returned: todo.returned.map { request($0, "Returned: \($0.returnedReason ?? "")") },
            toApprove: todo.toApprove.map {
                request(
                    $0, "\($0.urgency?.label ?? "") request, submitted \($0.submittedAt.map(zone.long) ?? "")")
            },
            toBook: todo.toBook.map {
                ToDo(
                    href: SitePath.schedule.href + "?requestId=\($0.id)", caseReference: cases[$0.caseId] ?? "",
                    detail: "\($0.urgency?.label ?? "") request, approved \($0.approvedAt.map(zone.long) ?? "")")
            },
            toFinalise: todo.toFinalise.map {
                ToDo(
                    href: SitePath.minutes(.value($0.id)).href, caseReference: cases[$0.caseId] ?? "",
                    detail: "Discussion ended \($0.endedAt.map(zone.long) ?? "")")
            },
            corrections: todo.corrections.map {
                ToDo(
                    href: SitePath.minutes(.value($0.meetingId)).href + "#corrections",
                    caseReference: caseOfMeeting[$0.meetingId].flatMap { cases[$0] } ?? "",
                    detail: "Received \(zone.long($0.receivedAt))\($0.withinWindow ? "" : ", after the window closed")")
            },
            toAgree: todo.toAgree.map { change("asked \(zone.long($0.recordedAt))", $0) },
            toAcknowledge: todo.toAcknowledge.map {
                change("your telephone agreement, recorded \(zone.long($0.recordedAt))", $0)
            },
            nothingToDo: todo.isEmpty, meetings: meetings, actions: actions,
            clocks: urgent.map { ClockRow($0, now: now, zone: zone, owners: [user.id: user.name]) },
            messages: sent.map {
                SentRow(
                    when: zone.long($0.sentAt ?? $0.createdAt), subject: $0.subject,
                    state: $0.status == .sent ? "Sent to \($0.recipientAddress ?? "")" : $0.status.label)
            },
            reminders: ReminderPreference.allCases.map {
                Option(value: $0.rawValue, label: $0.label, selected: $0 == preference)
            })
        return page.view
    }

    /// How the person takes their reminders: as each falls due, or in one daily digest.
    func setReminders(req: Request) async throws -> Response {
        let person = try req.actingProfessional()
        guard let preference = ReminderPreference(rawValue: try req.form()["preference"] ?? "") else {
            throw DomainError.invalid("preference", "choose how you get reminders")
        }
        try await req.store.setReminderPreference(of: person.id, to: preference)
        return try await redirect(req, to: .myWork, notice: "Reminders: \(preference.label.lowercased())", fragment: "messages")
    }

    // MARK: - Team dashboard

    struct TeamOption {
        var id: UUID
        var name: String
        var selected: Bool
    }

    struct RequestRow {
        var href: String
        var caseReference: String
        var urgency: String
        var submitted: String
        var waiting: String
    }

    struct QuorumRow {
        var href: String
        var caseReference: String
        var when: String
        var missing: String
    }

    struct DissentRow {
        var href: String
        var caseReference: String
        var view: String
        var status: String
    }

    struct ObservationRow {
        var manager: String
        var observed: Int
        var met: Bool
    }

    struct DashboardPage {
        var layout: Layout
        var teams: [TeamOption]
        var teamName: String
        var clocks: [ClockRow]
        var overdueCount: Int
        var dueSoonCount: Int
        /// "clock overdue" or "clocks overdue", to follow the figure.
        var overdueWords: String
        var dueSoonWords: String
        /// The figures as links to the clocks they count.
        var overdueHref: String
        var dueSoonHref: String
        /// The clock list's filters, and which page of it this is.
        var owners: [Option]
        var kinds: [Option]
        var states: [Option]
        var filtered: Bool
        var clearFiltersHref: String
        /// "Clocks 1 to 100 of 106", or nil when one page holds them all.
        var pageText: String?
        var previousPageHref: String?
        var nextPageHref: String?
        var requestsWords: String
        var quorumWords: String
        var requests: [RequestRow]
        var quorumFailures: [QuorumRow]
        var dissents: [DissentRow]
        var escalations: [EscalationItemRow]
        var observations: [ObservationRow]
        var month: String
    }

    /// How many open clocks the dashboard lists on a page.
    static let clocksShown = 100

    func dashboard(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let store = req.store
        let now = store.now()
        let zone = req.zone
        let teams = try await req.ownTeams()
        let person = try req.actingProfessional()
        let chosen =
            (try req.query("teamId", parse: UUID.init(uuidString:), expected: "a team id")) ?? person.teamId ?? teams.first?.id
        let team = teams.first { $0.id == chosen }
        // The team's work, as far as this person has a role in it (DOMAIN §6).
        // The most urgent first (the list is in due order); a team can have hundreds open, which
        // the figures count in the database without reading them.
        // The list's filters: which clocks (overdue or due soon), of which kind, whose; a page at a time.
        let state = try req.query(
            "state", parse: { ["overdue", "dueSoon"].contains($0) ? $0 : nil }, expected: "overdue or dueSoon")
        let kind = try req.query("kind", parse: ClockKind.init(rawValue:), expected: "a clock kind: \(ClockKind.choices)")
        let ownerId = try req.query("ownerId", parse: UUID.init(uuidString:), expected: "a professional id")
        let pageNumber =
            try req.query("page", parse: { Int($0).flatMap { $0 >= 1 ? $0 : nil } }, expected: "a page number from 1") ?? 1
        let teamClocks = ClockFilter(teamId: team?.id, visibleTo: person)
        var open = teamClocks
        open.kind = kind
        open.ownerId = ownerId
        open.overdueOnly = state == "overdue"
        open.dueSoonOnly = state == "dueSoon"
        open.limit = Self.clocksShown
        open.offset = (pageNumber - 1) * Self.clocksShown
        let tally = try await store.clockTally(teamClocks)
        let filtered = state != nil || kind != nil || ownerId != nil
        let listed = filtered ? try await store.clockTally(open) : tally
        let shown = try await store.clocks(open)
        let ownerIds = try await store.clockOwners(teamClocks)
        let people = try await store.professionalNames(Set(shown.compactMap(\.ownerId) + ownerIds))
        func dashboardHref(state: String? = nil, kind: ClockKind? = nil, ownerId: UUID? = nil, page: Int = 1) -> String {
            var link = URLComponents()
            link.path = SitePath.dashboard.href
            link.queryItems =
                [
                    team.map { URLQueryItem(name: "teamId", value: $0.id.uuidString) },
                    state.map { URLQueryItem(name: "state", value: $0) },
                    kind.map { URLQueryItem(name: "kind", value: $0.rawValue) },
                    ownerId.map { URLQueryItem(name: "ownerId", value: $0.uuidString) },
                    page > 1 ? URLQueryItem(name: "page", value: String(page)) : nil,
                ].compactMap { $0 }
            link.fragment = "clocks"
            return link.string ?? SitePath.dashboard.href
        }
        let lastPage = max(1, (listed.total + Self.clocksShown - 1) / Self.clocksShown)
        let allSubmitted = try await store.requests(status: .submitted, teamId: team?.id)
        let quorumFailures = try await store.quorumFailures(
            teamId: team?.id, from: now.addingTimeInterval(-30 * 86_400), to: now.addingTimeInterval(14 * 86_400))
        let unresolved = try await store.unresolvedDissents(teamId: team?.id)
        let allEscalations = try await store.openEscalations(teamId: team?.id)
        let visible = try await store.visibleCaseIds(
            for: person,
            among: allSubmitted.map(\.caseId) + quorumFailures.map(\.caseId) + unresolved.map(\.caseId)
                + allEscalations.map(\.escalation.caseId))
        let escalated = allEscalations.filter { visible.contains($0.escalation.caseId) }
        let escalationNames = try await store.professionalNames(
            Set(
                escalated.flatMap {
                    [
                        $0.escalation.escalatedTo, $0.escalation.escalatedBy, $0.escalation.absentProfessionalId,
                        $0.dissent?.raisedBy,
                    ]
                    .compactMap { $0 }
                }))
        let escalations = escalated.map { item in
            let row = MeetingPage.escalationRow(
                item.escalation, names: escalationNames, dissents: [item.dissent].compactMap { $0 }, zone: zone)
            return EscalationItemRow(
                href: SitePath.meeting(.value(item.escalation.meetingId)).href + "#escalations",
                caseReference: item.caseReference,
                what: row.what, raised: row.raised, reason: row.reason)
        }
        let submitted = allSubmitted.filter { visible.contains($0.caseId) }
        let cases = try await store.caseReferences(submitted.map(\.caseId))
        let requests = submitted.map { r in
            RequestRow(
                href: SitePath.request(.value(r.id)).href, caseReference: cases[r.caseId] ?? "", urgency: r.urgency?.label ?? "–",
                submitted: r.submittedAt.map(zone.long) ?? "–",
                waiting: r.submittedAt.map { Clock.span(Int(now.timeIntervalSince($0))) } ?? "–")
        }
        let failures = quorumFailures.filter { visible.contains($0.caseId) }
            .map { item in
                QuorumRow(
                    href: SitePath.meeting(.value(item.meetingId)).href, caseReference: item.caseReference,
                    when: zone.long(item.scheduledStart),
                    missing: item.quorum.missing.map(QuorumRow.words).joined(separator: ", "))
            }
        let dissents = unresolved.filter { visible.contains($0.caseId) }.map { d in
            DissentRow(
                href: SitePath.meeting(.value(d.meetingId)).href + "#different-views", caseReference: d.caseReference,
                view: d.dissent.view, status: d.dissent.status.label)
        }
        let today = zone.localDate(of: now)
        let monthStart = zone.instant(on: LocalDate(year: today.year, month: today.month, day: 1)!)
        let managers = try await store.professionals(role: .serviceManager)
        let attended = try await store.meetingsAttended(by: managers.map(\.id), from: monthStart, to: now.addingTimeInterval(1))
        let observations = managers.map {
            ObservationRow(manager: $0.name, observed: attended[$0.id] ?? 0, met: (attended[$0.id] ?? 0) > 0)
        }
        req.listed(
            shown.map(\.caseId) + submitted.map(\.caseId)
                + (quorumFailures.map(\.caseId) + unresolved.map(\.caseId)).filter(visible.contains)
                + escalated.map(\.escalation.caseId))
        let page = DashboardPage(
            layout: req.layout("Team dashboard", user, nav: "dashboard"),
            teams: teams.map { TeamOption(id: $0.id, name: "\($0.name) (\($0.locality))", selected: $0.id == team?.id) },
            teamName: team?.name ?? "All teams",
            clocks: shown.map { ClockRow($0, now: now, zone: zone, owners: people) },
            overdueCount: tally.overdue, dueSoonCount: tally.dueSoon,
            overdueWords: noun(tally.overdue, "clock overdue", "clocks overdue"),
            dueSoonWords: noun(tally.dueSoon, "clock due soon", "clocks due soon"),
            overdueHref: dashboardHref(state: "overdue"), dueSoonHref: dashboardHref(state: "dueSoon"),
            owners: ownerIds.map { Option(value: $0.uuidString, label: people[$0] ?? "", selected: $0 == ownerId) }
                .sorted { $0.label < $1.label },
            kinds: ClockKind.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == kind) },
            states: [
                Option(value: "overdue", label: "Overdue", selected: state == "overdue"),
                Option(value: "dueSoon", label: "Due soon", selected: state == "dueSoon"),
            ],
            filtered: filtered, clearFiltersHref: dashboardHref(),
            pageText: listed.total > Self.clocksShown
                ? "Clocks \(open.offset + 1) to \(open.offset + shown.count) of \(listed.total)" : nil,
            previousPageHref: pageNumber > 1
                ? dashboardHref(state: state, kind: kind, ownerId: ownerId, page: min(pageNumber - 1, lastPage)) : nil,
            nextPageHref: pageNumber < lastPage
                ? dashboardHref(state: state, kind: kind, ownerId: ownerId, page: pageNumber + 1) : nil,
            requestsWords: noun(requests.count, "request waiting for approval", "requests waiting for approval"),
            quorumWords: noun(failures.count, "meeting without quorum", "meetings without quorum"),
            requests: requests, quorumFailures: failures, dissents: dissents, escalations: escalations,
            observations: observations,
            month: "\(LocalDate.monthNames[today.month - 1]) \(today.year)")
        return page.view
    }
}

extension HomePages.QuorumRow {
    static func words(_ code: String) -> String {
        switch code {
        case "socialWorker": return "social worker"
        case "teamManager": return "team manager"
        default: return code
        }
    }
}

/// An open escalation on the dashboard.
struct EscalationItemRow {
    var href: String
    var caseReference: String
    var what: String
    var raised: String
    var reason: String
}
