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
                outcome: decisions.first { $0.kind == .outcome }.map { DecisionText.answer($0.answer) } ?? "Not yet decided",
                s47: decisions.first { $0.kind == .s47Enquiry }.map { DecisionText.answer($0.answer) } ?? "–")
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
                    role: PersonText.role($0.role), name: $0.fullName, born: $0.dateOfBirth?.long ?? "Not known",
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

/// Words for people's roles on a case.
enum PersonText {
    static func role(_ role: PersonRole) -> String {
        switch role {
        case .child: return "Child"
        case .parentCarer: return "Parent or carer"
        case .otherChild: return "Other relevant child"
        case .otherAdult: return "Other relevant adult"
        }
    }
}

/// Words for decisions and their answers, as the minutes and pages show them.
enum DecisionText {
    static func kind(_ kind: DecisionKind) -> String {
        switch kind {
        case .significantHarm: return "Reasonable cause to suspect significant harm (S47 threshold)"
        case .s47Enquiry: return "Section 47 enquiry"
        case .criminalInvestigation: return "Criminal investigation (conduct, timing, police lead)"
        case .immediateProtection: return "Immediate protection"
        case .medicalAssessment: return "Medical or paediatric assessment"
        case .sarcReferral: return "SARC referral"
        case .abeInterview: return "Achieving Best Evidence (ABE) interview"
        case .otherInterviews: return "Who else is interviewed, by whom, when"
        case .informParents: return "Inform parents and seek consent"
        case .informationSharedWithFamily: return "Information shared with the child and family"
        case .legalAction: return "Legal advice or action"
        case .interpreter: return "Interpreter needed"
        case .disabilityAdjustments: return "Disability adjustments"
        case .ladoReferral: return "LADO referral"
        case .icpc: return "Initial child protection conference (ICPC)"
        case .outcome: return "Outcome"
        }
    }

    static func answer(_ answer: String) -> String {
        switch answer {
        case "yes": return "Yes"
        case "no": return "No"
        case "none": return "None"
        case "singleAgency": return "Single-agency (CSC)"
        case "joint": return "Joint with police"
        case "noneNeeded": return "None needed"
        case "safetyPlan": return "Safety plan"
        case "policeProtection": return "Police protection"
        case "emergencyProtectionOrder": return "Emergency Protection Order"
        case "accommodated": return "Child accommodated"
        case "legalAdvice": return "Legal advice"
        case "legalPlanningMeeting": return "Legal planning meeting"
        case "noFurtherAction": return "No further action"
        case "childInNeedS17": return "Services under S17 (child in need)"
        case "s47SingleAgency": return "S47 single-agency"
        case "s47Joint": return "S47 joint"
        case "furtherStrategyDiscussion": return "Further strategy discussion"
        default: return answer
        }
    }
}
