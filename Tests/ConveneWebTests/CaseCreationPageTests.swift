import ConveneCore
import Foundation
import Testing

/// A social worker opens a case in the browser: the form offers their own organisation's teams and
/// people, starts with themselves, names each missing field, and refuses a reference in use.
@Suite("Create a case page")
struct CaseCreationPageTests {
    static let now = london("2026-11-23", "09:30")

    @Test func aSocialWorkerCreatesACaseFromTheCasesList() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            // Another organisation's team and social worker are never offered
            let otherOrg = try await api.expect(
                201, .POST, "api/v1/organisations", ["name": "Elsewhere Council", "preset": "2h-24h"]
            ).id
            let otherTeam = try await api.expect(
                201, .POST, "api/v1/organisations/\(otherOrg)/teams", ["name": "Elsewhere Team", "locality": "Far"]
            ).id
            _ = try await World.addProfessional(api, "Ossian Farrow", role: "socialWorker", agency: w.csc, team: otherTeam)

            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            let list = try await hana.get("/cases")
            #expect(list.body.contains("href=\"/cases/new\""))
            let form = try await hana.get("/cases/new")
            #expect(form.status == 200)
            #expect(form.body.contains("<option value=\"\(w.socialWorker)\" selected>Hana Okafor (Assessment South)</option>"))
            #expect(form.body.contains("<option value=\"\(w.team)\" selected>"))
            #expect(!form.body.contains("Elsewhere") && !form.body.contains("Ossian Farrow"))

            // Nothing chosen: each field is named by its label, linked, and the typed reference is kept
            let empty = try await hana.post("/cases", ["reference": "NS-20001"])
            #expect(empty.status == 422)
            for message in [
                "Team: is required", "Allocated social worker: is required", "Team manager: is required",
                "Service manager: is required", "Case type: is required",
            ] {
                #expect(empty.body.contains(message), "\(message)")
            }
            #expect(empty.body.contains("href=\"#field-teamId\""))
            #expect(empty.body.contains("value=\"NS-20001\""))

            // The other organisation's team is refused as unknown
            var fields = [
                "reference": "NS-20001", "teamId": otherTeam, "socialWorkerId": w.socialWorker, "teamManagerId": w.teamManager,
                "serviceManagerId": w.serviceManager, "caseType": "newReferral", "referralDate": "2026-11-20",
            ]
            let foreign = try await hana.post("/cases", fields)
            #expect(foreign.status == 422 && foreign.body.contains("Team: no team of your organisation has id"))

            // A reference already in use is refused; a date written as in England is kept, in the
            // form the date field holds, so sending the form again keeps it
            fields["teamId"] = w.team
            fields["reference"] = "ns-10001"
            fields["referralDate"] = "20/11/2026"
            let taken = try await hana.post("/cases", fields)
            #expect(
                taken.status == 422
                    && taken.body.contains("Case reference: another case of your organisation already has reference"))
            #expect(taken.body.contains("name=\"referralDate\" value=\"2026-11-20\""))
            fields["referralDate"] = "31/02/2026"
            let impossible = try await hana.post("/cases", fields)
            #expect(impossible.body.contains("Referral date: enter a real date, for example 14/05/2017"))
            #expect(impossible.body.contains("name=\"referralDate\" value=\"31/02/2026\""))
            fields["referralDate"] = "20/11/2026"

            // Created: the case page says what to do next
            fields["reference"] = "NS-20001"
            let created = try await hana.post("/cases", fields)
            #expect(created.status == 303)
            let page = try await hana.get(try #require(created.location))
            #expect(page.body.contains("Case NS-20001 created. Add the children and adults, then start a request"))
            #expect(page.body.contains("Hana Okafor") && page.body.contains("New referral"))
            #expect(page.body.contains("20 November 2026") || page.body.contains("Fri 20 Nov 2026"), "the referral date is kept")
            #expect(try await hana.get("/cases").body.contains(">NS-20001<"))

            // A minute taker has no such button, and the form is not there for them
            clock.now = clock.now.addingTimeInterval(31)
            let jo = PageClient(app: api.app)
            try await jo.signIn("jo", at: clock.now)
            #expect(!(try await jo.get("/cases")).body.contains("/cases/new"))
            #expect(try await jo.get("/cases/new").status == 404)
        }
    }
}
