import ConveneTestSupport
import Foundation
import Testing

/// Lists that grow with the years (requests, actions; clocks in DashboardTests) answer a page at a
/// time, chosen in the database, with the headers a client needs to read the rest.
@Suite("Lists a page at a time")
struct ListPagingTests {
    @Test(arguments: TestBackend.available) func requestsComeAPageAtATimeWithTheirTotalAndLinks(backend: TestBackend)
        async throws
    {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, clock in
            // Given five draft requests for Grace's case, a minute apart
            let w = try await World.build(api)
            var drafted: [String] = []
            for issue in ["Bruising", "Disclosure", "Missing episode", "Neglect", "Online contact"] {
                clock.now = clock.now.addingTimeInterval(60)
                let draft = try await api.expect(
                    201, .POST, "api/v1/cases/\(w.caseId)/requests", ["presentingIssue": issue])
                drafted.append((draft["request"] as! [String: Any])["id"] as! String)
            }
            // When Grace asks for two at a time
            let first = try await api.expect(200, .GET, "api/v1/requests?status=draft&limit=2")
            let second = try await api.expect(200, .GET, "api/v1/requests?status=draft&limit=2&offset=2")
            let third = try await api.expect(200, .GET, "api/v1/requests?status=draft&limit=2&offset=4")
            // Then the pages hold every request once, oldest first, and say where the others are
            let ids = [first, second, third].flatMap { $0.array.map { $0["id"] as! String } }
            #expect(ids == drafted)
            #expect([first, second, third].map { $0.headers.first(name: "X-Total-Count") } == ["5", "5", "5"])
            #expect(first.headers.first(name: .link) == "</api/v1/requests?status=draft&limit=2&offset=2>; rel=\"next\"")
            #expect(
                second.headers.first(name: .link)
                    == "</api/v1/requests?status=draft&limit=2&offset=4>; rel=\"next\", </api/v1/requests?status=draft&limit=2&offset=0>; rel=\"prev\""
            )
            #expect(third.headers.first(name: .link) == "</api/v1/requests?status=draft&limit=2&offset=2>; rel=\"prev\"")
            // And the whole list fits the default page; a partner agency sees none of it
            let whole = try await api.expect(200, .GET, "api/v1/requests")
            #expect(whole.array.map { $0["id"] as! String } == drafted && whole.headers.first(name: .link) == nil)
            let police = try await api.acting(as: w.tokens[w.officer]!).expect(200, .GET, "api/v1/requests")
            #expect(police.array.isEmpty && police.headers.first(name: "X-Total-Count") == "0")
        }
    }

    @Test(arguments: TestBackend.available) func actionsComeAPageAtATimeSoonestDueFirst(backend: TestBackend) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, _ in
            // Given a meeting with five actions (one from the shared fixture, four more due earlier)
            let w = try await World.build(api)
            let ids = try await BadInputTests.ids(api, w)
            var due: [String] = []
            for day in ["2026-11-24", "2026-11-25", "2026-11-25", "2026-11-26"] {
                let action = try await api.expect(
                    201, .POST, "api/v1/meetings/\(ids["meetingID"]!)/actions",
                    ["description": "Check school attendance", "ownerId": w.socialWorker, "dueAt": iso(london(day, "10:00"))])
                due.append(action.id)
            }
            // When Grace reads them three at a time
            let first = try await api.expect(200, .GET, "api/v1/actions?limit=3")
            let second = try await api.expect(200, .GET, "api/v1/actions?limit=3&offset=3")
            // Then she gets all five once, soonest due first, with the total and the way on
            let listed = (first.array + second.array).map { $0["id"] as! String }
            #expect(Set(listed) == Set(due + [ids["actionID"]!]) && listed.count == 5)
            #expect(listed.last == ids["actionID"], "the fixture's action is due last, on 26 November at noon")
            #expect(first.headers.first(name: "X-Total-Count") == "5" && second.headers.first(name: "X-Total-Count") == "5")
            #expect(first.headers.first(name: .link) == "</api/v1/actions?limit=3&offset=3>; rel=\"next\"")
            // And someone from another agency, at no meeting, sees none of them
            let stranger = try await ConfidentialityTests.partner(api, "sam", "Sam Ives", agency: w.police)
            let theirs = try await api.acting(as: stranger.token).expect(200, .GET, "api/v1/actions")
            #expect(theirs.array.isEmpty && theirs.headers.first(name: "X-Total-Count") == "0")
        }
    }

    @Test func casesComeAHundredAtATimeOnThePageAndInTheAPI() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            // Given Grace managing 102 cases, one opened each minute
            let w = try await World.build(api)
            for n in 1...101 {
                clock.now = clock.now.addingTimeInterval(60)
                try await api.expect(
                    201, .POST, "api/v1/cases",
                    [
                        "teamId": w.team, "reference": String(format: "PG-%05d", n), "caseType": "openCase",
                        "socialWorkerId": w.socialWorker, "teamManagerId": w.teamManager, "serviceManagerId": w.serviceManager,
                    ])
            }
            // When she opens the case list
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let first = try await grace.get("/cases")
            // Then it shows the newest 100 and the way to the rest
            #expect(first.status == 200 && first.body.contains("Cases 1–100 of 102"))
            #expect(first.body.contains(">PG-00101<") && !first.body.contains(">NS-10001<"))
            #expect(first.body.contains("href=\"/cases?offset=100\" rel=\"next\"") && !first.body.contains("rel=\"prev\""))
            let second = try await grace.get("/cases?offset=100")
            #expect(second.body.contains("Cases 101–102 of 102") && second.body.contains(">NS-10001<"))
            #expect(second.body.contains(">PG-00001<") && !second.body.contains(">PG-00002<"))
            #expect(second.body.contains("href=\"/cases?offset=0\" rel=\"prev\"") && !second.body.contains("rel=\"next\""))
            #expect(try await grace.get("/cases?offset=-5").status == 422)
            // And the API pages the same list, newest first, filtered by team in the query
            let api2 = try await api.expect(200, .GET, "api/v1/cases?teamId=\(w.team)&limit=2")
            #expect(api2.array.map { $0["reference"] as! String } == ["PG-00101", "PG-00100"])
            #expect(api2.headers.first(name: "X-Total-Count") == "102")
            let otherTeam = try await api.expect(
                201, .POST, "api/v1/organisations/\(w.organisation)/teams", ["name": "Assessment North", "locality": "North"]
            ).id
            let none = try await api.expect(200, .GET, "api/v1/cases?teamId=\(otherTeam)")
            #expect(none.array.isEmpty && none.headers.first(name: "X-Total-Count") == "0")
        }
    }
}
