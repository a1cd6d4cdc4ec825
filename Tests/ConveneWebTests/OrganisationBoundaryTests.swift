import ConveneCore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

/// Two local authorities on one Convene: a case belongs to a team of its creator's organisation,
/// its references are unique within the organisation, and nothing of one organisation's cases or
/// bookings is confirmed to the other (docs/SECURITY.md, "Cases and organisations").
@Suite("Organisations: cases and bookings stay inside their own authority")
struct OrganisationBoundaryTests {
    /// A second organisation with a team, its social worker, team and service managers (with accounts).
    struct Eastvale {
        var organisation = "", team = "", socialWorker = "", teamManager = "", serviceManager = ""
        var tokens: [String: String] = [:]
    }

    static func eastvale(_ api: APIClient, _ w: World) async throws -> Eastvale {
        let admin = api.acting(as: api.tokens.admin!)
        var e = Eastvale()
        e.organisation = try await admin.expect(
            201, .POST, "api/v1/organisations", ["name": "Eastvale Council", "preset": "2h-24h"]
        ).id
        e.team = try await admin.expect(
            201, .POST, "api/v1/organisations/\(e.organisation)/teams", ["name": "Eastvale Assessment", "locality": "East"]
        ).id
        for (name, role, username) in [
            ("Sian Rowntree", "socialWorker", "sian"), ("Teodor Blakey", "teamManager", "teodor"),
            ("Una Fairweather", "serviceManager", "una"),
        ] {
            let id = try await World.addProfessional(api, name, role: role, agency: w.csc, team: e.team)
            e.tokens[id] = try await api.makeAccount(username: username, professionalId: id).token
            switch role {
            case "socialWorker": e.socialWorker = id
            case "teamManager": e.teamManager = id
            default: e.serviceManager = id
            }
        }
        return e
    }

    @Test(arguments: TestBackend.available) func aCaseIsCreatedOnlyInTheCreatorsOrganisationWithItsTeamsManagers(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, _ in
            let w = try await World.build(api)
            let e = try await Self.eastvale(api, w)
            let hana = api.acting(as: w.tokens[w.socialWorker]!)
            let own: [String: Any] = [
                "teamId": w.team, "reference": "NS-20001", "caseType": "newReferral", "referralDate": "2026-11-20",
                "socialWorkerId": w.socialWorker, "teamManagerId": w.teamManager, "serviceManagerId": w.serviceManager,
            ]
            // Another organisation's team is answered as a team that does not exist.
            let foreignTeam = try await hana.expect(
                422, .POST, "api/v1/cases",
                own.merging(
                    [
                        "teamId": e.team, "socialWorkerId": e.socialWorker, "teamManagerId": e.teamManager,
                        "serviceManagerId": e.serviceManager,
                    ]) { _, new in new })
            let noTeam = try await hana.expect(
                422, .POST, "api/v1/cases", own.merging(["teamId": UUID().uuidString]) { _, new in new })
            #expect(foreignTeam.problemFields == ["teamId"])
            #expect(Self.reasons(foreignTeam) == Self.reasons(noTeam))
            #expect(Self.reasons(foreignTeam).first?.hasPrefix("no team of your organisation has id") == true)
            // Managers of another team or organisation are refused, each named.
            let foreignManagers = try await hana.expect(
                422, .POST, "api/v1/cases",
                own.merging(["teamManagerId": e.teamManager, "serviceManagerId": e.serviceManager]) { _, new in new })
            #expect(Set(foreignManagers.problemFields).isSubset(of: ["teamManagerId", "serviceManagerId"]))
            #expect(!foreignManagers.problemFields.isEmpty)
            let created = try await hana.expect(201, .POST, "api/v1/cases", own)
            #expect(created["reference"] as? String == "NS-20001")

            // References are unique within an organisation only: Eastvale may use the same one,
            // and learns nothing of Northmoor's.
            let duplicate = try await hana.expect(422, .POST, "api/v1/cases", own)
            #expect(Self.reasons(duplicate) == ["another case of your organisation already has reference NS-20001"])
            let sian = api.acting(as: e.tokens[e.socialWorker]!)
            let eastCase = try await sian.expect(
                201, .POST, "api/v1/cases",
                [
                    "teamId": e.team, "reference": "NS-20001", "caseType": "newReferral", "referralDate": "2026-11-20",
                    "socialWorkerId": e.socialWorker, "teamManagerId": e.teamManager, "serviceManagerId": e.serviceManager,
                ]
            ).id
            // Its own team manager sees it; Northmoor's never does.
            let teodor = api.acting(as: e.tokens[e.teamManager]!)
            try await teodor.expect(200, .GET, "api/v1/cases/\(eastCase)")
            try await hana.expect(404, .GET, "api/v1/cases/\(eastCase)")
            #expect(try await teodor.expect(200, .GET, "api/v1/cases").array.map { $0["id"] as? String } == [eastCase])

            // Break-glass finds the case of the reader's own organisation by that reference.
            let sianBrowser = PageClient(app: api.app)
            try await sianBrowser.signIn("sian", at: london("2026-11-23", "09:30"))
            let opened = try await sianBrowser.post(
                "/break-glass", ["caseReference": "NS-10001", "reason": "Police call about a child found alone at night"])
            #expect(opened.status == 422 && opened.body.contains("no case has this reference"))
        }
    }

    @Test(arguments: TestBackend.available) func onlyTheOrganisationsOwnPeopleSeeWhichMeetingsFillItsSlots(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, _ in
            let w = try await World.build(api)
            let e = try await Self.eastvale(api, w)
            let (meeting, _) = try await w.bookMeeting(api)
            let path = "api/v1/organisations/\(w.organisation)/slots?from=2026-11-23&to=2026-11-23"
            func slot(_ reply: Reply) -> [String: Any]? {
                reply.array.first { ($0["bookedCount"] as? Int ?? 0) > 0 }
            }
            let own = try await api.acting(as: w.tokens[w.minuteTaker]!).expect(200, .GET, path)
            #expect(slot(own)?["bookedMeetingIds"] as? [String] == [meeting])
            let foreign = try await api.acting(as: e.tokens[e.teamManager]!).expect(200, .GET, path)
            #expect(slot(foreign)?["bookedCount"] as? Int == 1)
            #expect(slot(foreign)?["bookedMeetingIds"] as? [String] == [])
            #expect(!(try Self.text(foreign)).contains(meeting))
            // Eastvale's own slots are not filled by Northmoor's meeting.
            let eastSlots = try await api.acting(as: e.tokens[e.teamManager]!).expect(
                200, .GET, "api/v1/organisations/\(e.organisation)/slots?from=2026-11-23&to=2026-11-23")
            #expect(eastSlots.array.allSatisfy { ($0["bookedCount"] as? Int) == 0 })
        }
    }

    static func reasons(_ reply: Reply) -> [String] {
        (reply["errors"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }.map {
            // A team's id is the only difference between two answers about two teams.
            $0.replacingOccurrences(of: #"[0-9A-F-]{36}"#, with: "ID", options: .regularExpression)
        }
    }

    static func text(_ reply: Reply) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: reply.json ?? []), as: UTF8.self)
    }
}
