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
            #expect(page.body.contains("Showing the 100 most urgent of 106 open clocks."))
            #expect(page.body.components(separatedBy: ">DB-").count - 1 == 100)
            // Most urgent first: the earliest referrals are listed, the latest are not.
            #expect(page.body.contains(">DB-00001<") && !page.body.contains(">DB-00105<"))
            #expect(!page.body.contains("XX-00001"))
            let all = try await grace.get("/dashboard?teamId=\(w.team)&allClocks=true")
            #expect(all.body.components(separatedBy: ">DB-").count - 1 == 105)
            #expect(!all.body.contains("Showing the") && !all.body.contains("XX-00001"))
            #expect(try await grace.get("/dashboard?allClocks=perhaps").status == 422)

            // The same scope in the API: the team's clocks Grace may see, not the other manager's case.
            let clocks = try await api.expect(200, .GET, "api/v1/clocks?teamId=\(w.team)")
            let references = clocks.array.compactMap { ($0["clock"] as? [String: Any])?["caseReference"] as? String }
            #expect(references.count == 106 && !references.contains("XX-00001"))
        }
    }
}
