import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// The list of cases and the case page: the child's timeline of discussions and the clocks.
struct CasePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", use: list)
        routes.get("cases", ":caseID", use: show)
    }

    struct CaseRow: Encodable {
        var href: String
        var reference: String
        var team: String
        var caseType: String
        var created: String
    }

    struct ListPage: Encodable {
        var layout: Layout
        var cases: [CaseRow]
    }

    func list(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let teams = Dictionary(uniqueKeysWithValues: try await req.store.teams().map { ($0.id, $0.name) })
        let rows = try await req.store.cases().map {
            CaseRow(
                href: SitePath.caseRecord($0.id).href, reference: $0.reference, team: teams[$0.teamId] ?? "",
                caseType: $0.caseType == .newReferral ? "New referral" : "Open case",
                created: req.zone.localDate(of: $0.createdAt).long)
        }
        return try await req.view.render("cases", ListPage(layout: req.layout("Cases", user, nav: "cases"), cases: rows))
    }

    struct PersonRow: Encodable {
        var role: String
        var name: String
        var born: String
        var detail: String
    }

    struct TimelineItem: Encodable {
        var href: String
        var when: String
        var status: String
        var tagClass: String
        var outcome: String
        var s47: String
    }

    struct RequestItem: Encodable {
        var href: String
        var status: String
        var urgency: String
        var created: String
    }

    struct CasePage: Encodable {
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
        var newRequestHref: String
    }

    func show(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let id = try req.id("caseID", entity: "case")
        let detail = try await req.store.caseDetail(id)
        let zone = req.zone
        let now = req.store.now()
        let people = Dictionary(uniqueKeysWithValues: try await req.store.professionals().map { ($0.id, $0.name) })
        let c = detail.caseRecord
        let timeline = detail.meetings.map { m -> TimelineItem in
            let decisions = detail.decisions.filter { $0.meetingId == m.id }
            let row = MeetingRow(m, caseReference: c.reference, zone: zone)
            return TimelineItem(
                href: row.href, when: row.when, status: row.status, tagClass: row.tagClass,
                outcome: decisions.first { $0.kind == .outcome }.map { DecisionKind.answerLabel($0.answer) } ?? "Not yet decided",
                s47: decisions.first { $0.kind == .s47Enquiry }.map { DecisionKind.answerLabel($0.answer) } ?? "–")
        }
        let clockRows = detail.clocks.map { ClockRow($0, now: now, zone: zone, owners: people) }
        let statutory: Set<String> = ["s47Enquiry", "icpc", "assessment", "meeting"]
        let page = CasePage(
            layout: req.layout("Case \(c.reference)", user, nav: "cases"), reference: c.reference,
            team: "\(detail.team.name) (\(detail.team.locality))",
            caseType: c.caseType == .newReferral ? "New referral" : "Open case",
            referral: c.referralDate?.long ?? "Not recorded", socialWorker: people[c.socialWorkerId] ?? "",
            teamManager: people[c.teamManagerId] ?? "", serviceManager: people[c.serviceManagerId] ?? "",
            people: detail.people.map {
                PersonRow(
                    role: $0.role.label, name: $0.fullName, born: $0.dateOfBirth?.long ?? "Not known",
                    detail: [
                        $0.relationship, $0.caseNumber.map { "Case number \($0)" }, $0.checksRequired.map { "Checks: \($0)" },
                    ]
                    .compactMap { $0 }.joined(separator: "; "))
            },
            timeline: timeline,
            requests: detail.requests.map {
                RequestItem(
                    href: SitePath.request($0.id).href, status: $0.status.rawValue, urgency: $0.urgency?.rawValue ?? "–",
                    created: zone.long($0.createdAt))
            },
            clocks: clockRows.filter { statutory.contains($0.kind) },
            otherClocks: clockRows.filter { !statutory.contains($0.kind) },
            newRequestHref: SitePath.newRequest(caseId: c.id).href)
        return try await req.view.render("case", page)
    }
}
