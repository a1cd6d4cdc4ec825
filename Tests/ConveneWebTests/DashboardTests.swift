import ConveneCore
import Foundation
import Testing

/// The team dashboard lists the team's open clocks that the person has a role in, most urgent
/// first, and no more than 100 of them unless asked for all.
@Suite("Team dashboard")
struct DashboardTests {
    static let now = london("2026-11-23", "09:30")

    @Test func showsTheHundredMostUrgentOfTheTeamsClocksThePersonMaySeeAndAllOnRequest() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            // 105 more cases of Grace's team, referred on different days (each has an assessment clock),
            // and one managed by another team manager of the same team, which Grace has no role in.
            for n in 1...105 {
                let referral = LocalDate("2026-06-01")!.adding(days: n)
                try await api.expect(
                    201, .POST, "api/v1/cases",
                    [
                        "teamId": w.team, "reference": String(format: "DB-%05d", n), "caseType": "newReferral",
                        "referralDate": referral.description, "socialWorkerId": w.socialWorker,
                        "teamManagerId": w.teamManager, "serviceManagerId": w.serviceManager,
                    ])
            }
            let other = try await api.expect(
                201, .POST, "api/v1/professionals",
                [
                    "name": "Olu Marsh", "role": "teamManager", "jobTitle": "Team manager", "agencyId": w.csc,
                    "teamId": w.team, "email": "olu.marsh@test.example",
                ]
            ).id
            try await api.expect(
                201, .POST, "api/v1/cases",
                [
                    "teamId": w.team, "reference": "XX-00001", "caseType": "newReferral", "referralDate": "2026-06-01",
                    "socialWorkerId": w.socialWorker, "teamManagerId": other, "serviceManagerId": w.serviceManager,
                ])

            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let page = try await grace.get("/dashboard?teamId=\(w.team)")
            #expect(page.status == 200)
            // The page's own menu item, and only it, is marked as the current page.
            #expect(page.body.contains("<a href=\"/dashboard\" aria-current=\"page\">"))
            #expect(page.body.components(separatedBy: "aria-current=").count - 1 == 1)
            let work = try await grace.get("/my-work")
            #expect(work.body.contains("<a href=\"/my-work\" aria-current=\"page\">"))
            #expect(work.body.components(separatedBy: "aria-current=").count - 1 == 1)
            #expect(page.body.contains("Showing the 100 most urgent of 106 open clocks."))
            #expect(page.body.components(separatedBy: ">DB-").count - 1 == 100)
            // Most urgent first: the earliest referrals are listed, the latest are not.
            #expect(page.body.contains(">DB-00001<") && !page.body.contains(">DB-00105<"))
            #expect(!page.body.contains("XX-00001"))
            let all = try await grace.get("/dashboard?teamId=\(w.team)&allClocks=true")
            #expect(all.body.components(separatedBy: ">DB-").count - 1 == 105)
            #expect(!all.body.contains("Showing the") && !all.body.contains("XX-00001"))
            #expect(try await grace.get("/dashboard?allClocks=perhaps").status == 422)

            // The same scope in the API, a page at a time: the team's clocks Grace may see, not the
            // other manager's case; the headers say how many there are and where the rest is.
            func references(_ reply: Reply) -> [String] {
                reply.array.compactMap { ($0["clock"] as? [String: Any])?["caseReference"] as? String }
            }
            let first = try await api.expect(200, .GET, "api/v1/clocks?teamId=\(w.team)")
            #expect(references(first).count == 100 && first.headers.first(name: "X-Total-Count") == "106")
            let next = "/api/v1/clocks?teamId=\(w.team)&limit=100&offset=100"
            #expect(first.headers.first(name: .link) == "<\(next)>; rel=\"next\"")
            let second = try await api.expect(200, .GET, String(next.dropFirst()))
            #expect(references(second).count == 6 && second.headers.first(name: "X-Total-Count") == "106")
            #expect(second.headers.first(name: .link) == "</api/v1/clocks?teamId=\(w.team)&limit=100&offset=0>; rel=\"prev\"")
            let paged = references(first) + references(second)
            #expect(Set(paged).count == 106 && !paged.contains("XX-00001"))
            let whole = try await api.expect(200, .GET, "api/v1/clocks?teamId=\(w.team)&limit=500")
            #expect(references(whole) == paged && whole.headers.first(name: .link) == nil)
            // The dashboard's figures are the API's counts.
            let overdue = try await api.expect(200, .GET, "api/v1/clocks?teamId=\(w.team)&overdue=true&limit=1")
            let figure = try #require(overdue.headers.first(name: "X-Total-Count"))
            #expect(page.body.contains("<span class=\"number\">\(figure)</span> \(figure == "1" ? "clock" : "clocks") overdue"))
        }
    }

    @Test func listsTheTeamsMeetingsWithoutQuorumAndNoOtherTeams() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            // A strategy discussion this afternoon that the police officer sent apologies for
            let meetingId = try await w.bookMeeting(api).meeting
            for (person, attendance) in [
                (w.socialWorker, "present"), (w.teamManager, "present"), (w.nurse, "present"), (w.officer, "apologies"),
            ] {
                try await api.expect(200, .PUT, "api/v1/meetings/\(meetingId)/attendance/\(person)", ["attendance": attendance])
            }
            let other = try await api.expect(
                201, .POST, "api/v1/organisations/\(w.organisation)/teams", ["name": "Assessment North", "locality": "North"]
            ).id

            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            // Then the team's dashboard lists it, with what is missing
            let page = try await grace.get("/dashboard?teamId=\(w.team)")
            #expect(page.body.contains("<span class=\"number\">1</span> meetings without quorum"))
            #expect(page.body.contains("<a href=\"/meetings/\(meetingId)\">") && page.body.contains(">police</strong>"))
            // And another team's dashboard does not
            let elsewhere = try await grace.get("/dashboard?teamId=\(other)")
            #expect(elsewhere.body.contains("<span class=\"number\">0</span> meetings without quorum"))
            #expect(!elsewhere.body.contains("/meetings/\(meetingId)"))
        }
    }
}
