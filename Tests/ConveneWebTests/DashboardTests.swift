import ConveneCore
import Foundation
import Testing

/// The team dashboard lists the team's open clocks that the person has a role in, most urgent
/// first, 100 to a page, filtered by state, kind and owner; its figures link to the clocks they count.
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
            #expect(page.body.contains("Clocks 1 to 100 of 106, most urgent first."))
            #expect(page.body.components(separatedBy: ">DB-").count - 1 == 100)
            // Most urgent first: the earliest referrals are listed, the latest are not.
            #expect(page.body.contains(">DB-00001<") && !page.body.contains(">DB-00105<"))
            #expect(!page.body.contains("XX-00001"))
            let nextHref = "/dashboard?teamId=\(w.team)&amp;page=2#clocks"
            #expect(page.body.contains("<a href=\"\(nextHref)\">Next page</a>"))
            let secondPage = try await grace.get("/dashboard?teamId=\(w.team)&page=2")
            #expect(secondPage.body.contains("Clocks 101 to 106 of 106, most urgent first."))
            #expect(secondPage.body.components(separatedBy: ">DB-").count - 1 == 5)  // and the world's own case's clock
            #expect(secondPage.body.contains(">DB-00105<") && !secondPage.body.contains(">DB-00001<"))
            #expect(secondPage.body.contains(">Previous page</a>") && !secondPage.body.contains(">Next page</a>"))
            #expect(!secondPage.body.contains("XX-00001"))
            #expect(try await grace.get("/dashboard?page=0").status == 422)
            #expect(try await grace.get("/dashboard?kind=everything").status == 422)

            // Filtered by kind, owner and state; the figures are links to the clocks they count
            let assessments = try await grace.get("/dashboard?teamId=\(w.team)&kind=assessment")
            #expect(assessments.body.contains("Clocks 1 to 100 of 106"))
            let assessmentCount = try await api.expect(200, .GET, "api/v1/clocks?teamId=\(w.team)&kind=assessment&limit=1")
            #expect(assessmentCount.headers.first(name: "X-Total-Count") == "106")
            try await api.expect(422, .GET, "api/v1/clocks?kind=everything")
            let meetings = try await grace.get("/dashboard?teamId=\(w.team)&kind=meeting")
            #expect(meetings.body.components(separatedBy: ">DB-").count - 1 == 0 && !meetings.body.contains("Clocks 1 to"))
            let clockRow = "<td role=\"cell\" data-label=\"Case\"><a href=\"/cases/"
            #expect(page.body.components(separatedBy: clockRow).count - 1 == 100)
            for owner in [w.teamManager, w.socialWorker] {
                let filtered = try await grace.get("/dashboard?teamId=\(w.team)&ownerId=\(owner)")
                let theirs = try await api.expect(200, .GET, "api/v1/clocks?teamId=\(w.team)&ownerId=\(owner)&limit=500")
                let count = theirs.array.count
                #expect(
                    count > 100
                        ? filtered.body.contains("of \(count), most urgent first.")
                        : filtered.body.components(separatedBy: clockRow).count - 1 == count,
                    "\(owner): \(count)")
            }
            #expect(page.body.contains("<option value=\"\(w.socialWorker)\">Hana"))
            #expect(page.body.contains("href=\"/dashboard?teamId=\(w.team)&amp;state=overdue#clocks\""))
            let overduePage = try await grace.get("/dashboard?teamId=\(w.team)&state=overdue")
            #expect(!overduePage.body.contains("tag-amber\">Due soon") && !overduePage.body.contains(">On track<"))

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
            let overdueRows = try await grace.get("/dashboard?teamId=\(w.team)&state=overdue")
            #expect(overdueRows.body.contains("Clocks 1 to 100 of \(figure), most urgent first."))
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
            #expect(page.body.contains("<span class=\"number\">1</span> meeting without quorum"))
            #expect(page.body.contains("<a href=\"/meetings/\(meetingId)\">") && page.body.contains(">police</strong>"))
            // And another team's dashboard does not
            let elsewhere = try await grace.get("/dashboard?teamId=\(other)")
            #expect(elsewhere.body.contains("<span class=\"number\">0</span> meetings without quorum"))
            #expect(!elsewhere.body.contains("/meetings/\(meetingId)"))
        }
    }
}
