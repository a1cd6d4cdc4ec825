import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing

/// Finding a case by reference, name or date of birth, among the cases the person may see, with
/// each case shown audited and nothing typed in the address.
@Suite("Finding a case")
struct CaseSearchTests {
    static let now = london("2026-11-23", "09:30")

    @Test(arguments: TestBackend.available) func searchFindsOnlyCasesThePersonMaySee(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            // A case of the same team that Hana has no role in (another social worker's)
            let other = try await World.addProfessional(api, "Noor Hallam", role: "socialWorker", agency: w.csc, team: w.team)
            let hidden = try await api.expect(
                201, .POST, "api/v1/cases",
                [
                    "teamId": w.team, "reference": "NS-10002", "caseType": "newReferral", "socialWorkerId": other,
                    "teamManagerId": w.teamManager, "serviceManagerId": w.serviceManager,
                ]
            ).id
            try await api.expect(
                201, .POST, "api/v1/cases/\(hidden)/people",
                ["role": "child", "fullName": "Wren Hidden", "dateOfBirth": "2017-05-14"])

            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            let list = try await hana.get("/cases")
            // The list shows each case's children and stage
            #expect(
                list.body.contains(
                    "<td role=\"cell\" data-label=\"Children\">Wren Ashdown</td><td role=\"cell\" data-label=\"Stage\">No request yet</td>"
                ))
            for query in ["wren", "ns-10001", "14/05/2017", "2017-05-14", "ASHDOWN"] {
                let found = try await hana.post("/cases/search", ["q": query])
                #expect(found.status == 200, "\(query)")
                #expect(found.body.contains(">NS-10001<"), "\(query)")
                #expect(!found.body.contains("NS-10002") && !found.body.contains("Wren Hidden"), "\(query)")
                #expect(found.body.contains("1 case matches"), "\(query)")
            }
            // A wildcard is a character, not a pattern
            #expect(try await hana.post("/cases/search", ["q": "%"]).body.contains("No case you have a role in matches"))
            let empty = try await hana.post("/cases/search", ["q": "  "])
            #expect(empty.status == 422 && empty.body.contains("Search: enter a reference, a name or a date of birth"))

            // Every case shown is in the audit log under the search route, and the query is nowhere in an address
            let rows = try await api.store.auditEvents(AuditFilter(caseId: UUID(uuidString: w.caseId)!))
            #expect(rows.contains { $0.route == "POST /cases/search" && $0.action == .read })
            #expect(
                !(try await api.store.auditEvents(AuditFilter(caseId: UUID(uuidString: hidden)!))).contains {
                    $0.route == "POST /cases/search"
                })

            // The API's search, under the same rule, in the body: the page's numbers, audited
            let asHana = api.acting(as: w.tokens[w.socialWorker]!)
            for query in ["wren", "14/05/2017", "NS-1000"] {
                let found = try await asHana.expect(200, .POST, "api/v1/cases/search", ["q": query])
                #expect(found.array.compactMap { $0["reference"] as? String } == ["NS-10001"], "\(query)")
                #expect(found.headers.first(name: "X-Total-Count") == "1")
            }
            let everyone = try await api.expect(200, .POST, "api/v1/cases/search", ["q": "wren"])  // the team manager
            #expect(Set(everyone.array.compactMap { $0["reference"] as? String }) == ["NS-10001", "NS-10002"])
            #expect(try await asHana.expect(422, .POST, "api/v1/cases/search", ["q": " "]).problemFields == ["q"])
            try await api.acting(as: w.tokens[w.officer]!).expect(404, .POST, "api/v1/cases/search", ["q": "wren"])
            let audited = try await api.store.auditEvents(AuditFilter(caseId: UUID(uuidString: w.caseId)!))
            #expect(audited.contains { $0.route == "POST /api/v1/cases/search" && $0.action == .read })
        }
    }
}
