import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import ConveneWeb

@Suite("The audit log")
struct AuditTests {
    static let now = london("2026-11-23", "09:30")

    static func sql(_ api: APIClient) -> any SQLDatabase { api.app.db as! any SQLDatabase }

    @Test(arguments: TestBackend.available) func everyReadAndChangeOfCaseDataWritesOneRow(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            let grace = try #require(try await api.store.account(username: "grace"))
            let before = try await api.store.auditEvents(AuditFilter(limit: 1000)).count
            try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)")
            let read = try await api.store.auditEvents(AuditFilter(limit: 1)).first!
            #expect(read.action == .read && read.route == "GET /api/v1/cases/:caseID")
            #expect(read.accountId == grace.id && read.username == "grace" && read.role == "teamManager")
            #expect(read.caseId?.uuidString == w.caseId && read.recordKind == "case" && read.recordId?.uuidString == w.caseId)
            #expect(!read.address.isEmpty && !read.requestId.isEmpty && !read.at.isEmpty)
            try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/people", ["role": "otherChild", "fullName": "Linnet Ashdown"])
            let change = try await api.store.auditEvents(AuditFilter(limit: 1)).first!
            #expect(change.action == .change && change.route == "POST /api/v1/cases/:caseID/people")
            #expect(try await api.store.auditEvents(AuditFilter(limit: 1000)).count == before + 2)
            // A change that is refused saved nothing, so its audit row is rolled back with it.
            try await api.expect(422, .POST, "api/v1/cases/\(w.caseId)/people", ["role": "child"])
            #expect(try await api.store.auditEvents(AuditFilter(limit: 1000)).count == before + 2)
            // A refused look at someone else's case is recorded as denied.
            try await api.acting(as: w.tokens[w.teacher]!).expect(404, .GET, "api/v1/cases/\(w.caseId)")
            let denied = try await api.store.auditEvents(AuditFilter(limit: 1)).first!
            #expect(denied.action == .denied && denied.username == "carys")
            #expect(try await api.store.verifyAudit().isIntact)
        }
    }

    @Test(arguments: TestBackend.available) func concurrentReadsEachGetTheirOwnRowInOneUnbrokenChain(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            let before = try await api.store.verifyAudit().rowsChecked
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await api.call(.GET, "api/v1/cases/\(w.caseId)").status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 40))
            let after = try await api.store.verifyAudit()
            #expect(after.isIntact, "\(after.problems)")
            #expect(after.rowsChecked == before + 40)
            let reads = try await api.store.auditEvents(AuditFilter(limit: 40))
            #expect(Set(reads.map(\.requestId)).count == 40 && reads.allSatisfy { $0.action == .read })
        }
    }

    @Test(arguments: TestBackend.available) func readsAndChangesAtOnceAllSucceedInOneUnbrokenChain(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            let caseId = try #require(UUID(uuidString: w.caseId))
            let before = try await api.store.verifyAudit().rowsChecked
            let people = try await api.store.caseDetail(caseId).people.count
            // What is tested is the chain, not the machine's speed: with the whole suite running on two
            // cores, the 3 s writer wait (503 busy, tested in WritingTogetherTests and
            // GroupCommitTests) expired for reads in some runs. Here the writers may wait a minute.
            let writer = SingleWriter(longestWait: 60)
            api.app.singleWriter = writer
            api.app.groupCommit = GroupCommit(writer: writer, longestWait: 60)
            // Reads share group writes of the audit log while changes take their turns as writers.
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 0..<20 {
                    group.addTask {
                        if n % 4 == 0 {
                            return try await api.call(
                                .POST, "api/v1/cases/\(w.caseId)/people", ["role": "otherChild", "fullName": "Child \(n)"]
                            ).status
                        }
                        return try await api.call(.GET, "api/v1/cases/\(w.caseId)").status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.sorted() == Array(repeating: 200, count: 15) + Array(repeating: 201, count: 5))
            #expect(try await api.store.caseDetail(caseId).people.count == people + 5)
            let after = try await api.store.verifyAudit()
            #expect(after.isIntact, "\(after.problems)")
            #expect(after.rowsChecked == before + 20)
        }
    }

    @Test(arguments: TestBackend.available) func whenTheAuditWriteFailsTheRequestFailsWithNoDataAndNoChange(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            let people = try await api.store.caseDetail(UUID(uuidString: w.caseId)!).people.count
            try await Self.sql(api).raw("DELETE FROM audit_head").run()
            let read = try await api.app.testing().sendRequest(
                .GET, "api/v1/cases/\(w.caseId)", headers: ["Authorization": "Bearer \(w.tokens[w.teamManager]!)"])
            #expect(read.status == .internalServerError)
            let body = String(buffer: read.body)
            #expect(!body.contains("NS-10001") && !body.contains("Wren"))
            // A list too: its rows are written before the answer leaves, or it does not leave.
            let list = try await api.app.testing().sendRequest(
                .GET, "api/v1/cases", headers: ["Authorization": "Bearer \(w.tokens[w.teamManager]!)"])
            #expect(list.status == .internalServerError && !String(buffer: list.body).contains("NS-10001"))
            let change = try await api.app.testing().sendRequest(
                .POST, "api/v1/cases/\(w.caseId)/people",
                headers: ["Authorization": "Bearer \(w.tokens[w.teamManager]!)", "Content-Type": "application/json"],
                body: ByteBuffer(string: #"{"role":"otherChild","fullName":"Linnet Ashdown"}"#))
            #expect(change.status == .internalServerError)
            #expect(try await api.store.caseDetail(UUID(uuidString: w.caseId)!).people.count == people)
        }
    }

    @Test(arguments: TestBackend.available) func everyListNamesEachCaseItShowsAndFlagsReadsUnderEmergencyAccess(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            _ = try await BadInputTests.ids(api, w)  // a request, a meeting, a decision and an action of the case
            let duty = try await api.expect(
                201, .POST, "api/v1/organisations/\(w.organisation)/teams", ["name": "Duty", "locality": "Out of hours"]
            ).id
            let nellId = try await World.addProfessional(
                api, "Nell Fairbrother", role: "socialWorker", agency: w.csc, team: duty, jobTitle: "Emergency Duty SW")
            let nell = try await api.makeAccount(username: "nell", professionalId: nellId)
            let reason = "Police call at 02:00: child found alone; need the safety plan"
            _ = try await api.store.breakGlass(
                caseReference: "NS-10001", professionalId: UUID(uuidString: nellId)!, reason: reason)

            // Every list that shows the case, in the API and on the pages.
            let routes = [
                ("GET /api/v1/cases", "api/v1/cases"), ("GET /api/v1/requests", "api/v1/requests"),
                ("GET /api/v1/clocks", "api/v1/clocks"), ("GET /api/v1/meetings", "api/v1/meetings?from=2026-11-20T00:00:00Z"),
                ("GET /api/v1/actions", "api/v1/actions"),
            ]
            for (_, path) in routes {
                #expect(!(try await api.acting(as: nell.token).expect(200, .GET, path).array.isEmpty), "\(path)")
            }
            let browser = PageClient(app: api.app)
            try await browser.signIn("nell", at: clock.now)
            for path in ["/cases", "/dashboard?teamId=\(w.team)"] { #expect(try await browser.get(path).status == 200) }

            let rows = try await api.store.auditEvents(AuditFilter(limit: 1000)).filter { $0.username == "nell" }
            for route in routes.map(\.0) + ["GET /cases", "GET /dashboard"] {
                let row = rows.first { $0.route == route && $0.caseId?.uuidString == w.caseId }
                #expect(row?.action == .read && row?.recordKind == "list", "\(route)")
                #expect(row?.breakGlass == true && row?.reason == reason, "\(route)")
            }
            // Someone with a role in the case reads the same list: named, not flagged.
            try await api.acting(as: w.tokens[w.socialWorker]!).expect(200, .GET, "api/v1/cases")
            let own = try #require(try await api.store.auditEvents(AuditFilter(limit: 5)).first { $0.username == "hana" })
            #expect(own.route == "GET /api/v1/cases" && own.caseId?.uuidString == w.caseId && !own.breakGlass)
            // A list that shows no case still leaves a row.
            try await api.acting(as: w.tokens[w.teacher]!).expect(200, .GET, "api/v1/cases")
            let empty = try #require(try await api.store.auditEvents(AuditFilter(limit: 5)).first { $0.username == "carys" })
            #expect(empty.route == "GET /api/v1/cases" && empty.caseId == nil)
            #expect(try await api.store.verifyAudit().isIntact)

            // The case's service manager sees what was read under the emergency access.
            let martin = PageClient(app: api.app)
            try await martin.signIn("martin", at: clock.now)
            let review = try await martin.get("/break-glass").body
            #expect(review.contains("GET /api/v1/clocks × 1") && review.contains("GET /dashboard × 1"))
        }
    }

    @Test(arguments: TestBackend.available) func verifyFindsAnEditedADeletedAndATruncatedRow(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            for _ in 0..<5 { try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)") }
            let intact = try await api.store.verifyAudit()
            #expect(intact.isIntact && intact.rowsChecked >= 5, "\(intact.problems)")
            let sql = Self.sql(api)
            // The database itself refuses to change or remove audit rows.
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_events SET username = 'someone-else' WHERE seq = 2").run()
            }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events WHERE seq = 2").run() }
            #expect(try await api.store.verifyAudit().isIntact)

            // Someone with the rights to drop the guard edits one row: the chain shows which.
            try await AuditGuard.remove(on: sql)
            try await sql.raw("UPDATE audit_events SET username = 'someone-else' WHERE seq = 3").run()
            let edited = try await api.store.verifyAudit()
            #expect(edited.problems == ["row 3 was changed after it was written (its hash does not match)"])

            // Removing a row in the middle breaks the link to the next one.
            try await sql.raw("DELETE FROM audit_events WHERE seq = 4").run()
            let deleted = try await api.store.verifyAudit()
            #expect(deleted.problems.contains("row 4 is missing"))
            #expect(deleted.problems.contains("row 5 does not follow the row before it (its previous hash differs)"))

            // Removing the newest rows is caught by the recorded end of the chain.
            let last = intact.headSeq
            try await sql.raw("DELETE FROM audit_events WHERE seq = \(bind: last)").run()
            let truncated = try await api.store.verifyAudit()
            #expect(truncated.problems.contains { $0.contains("rows were removed") })
        }
    }

    @Test func administratorsFilterTheAuditViewerByUserCaseAndDate() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            try await api.acting(as: w.tokens[w.socialWorker]!).expect(200, .GET, "api/v1/cases/\(w.caseId)")
            let admin = PageClient(app: api.app)
            try await admin.signIn("admin", at: clock.now)
            let hana = try #require(try await api.store.account(username: "hana"))
            let byUser = try await admin.get("/admin/audit?accountId=\(hana.id)&case=NS-10001&from=2026-11-23&to=2026-11-23")
            #expect(byUser.status == 200)
            #expect(byUser.body.contains("GET /api/v1/cases/:caseID") && byUser.body.contains(">hana<"))
            #expect(!byUser.body.contains(">grace<"))
            let tomorrow = try await admin.get("/admin/audit?from=2026-11-24")
            #expect(!tomorrow.body.contains("GET /api/v1/cases/:caseID"))
            let bad = try await admin.get("/admin/audit?case=NO-SUCH&from=23/11/2026")
            #expect(bad.status == 422)
            #expect(bad.body.contains("Case reference: no case has this reference"))
            #expect(bad.body.contains("From: enter a real date"))
            // Nobody else can open it.
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            #expect(try await grace.get("/admin/audit").status == 404)
        }
    }
}
