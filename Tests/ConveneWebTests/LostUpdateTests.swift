import ConveneCore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

/// Two people change the same record from the same read: the second is refused with 409 and the
/// record as it is now, never silently written over the first; a change that names no version is
/// refused with 428 (docs/SECURITY.md, "Changes that cross").
@Suite("Lost updates: two writers on every record two people can change")
struct LostUpdateTests {
    /// One editable resource: where it is read, how it is changed, two different changes, and
    /// where the first change shows in the record as it is now.
    struct Resource {
        var name: String
        var read: String
        var method: HTTPMethod
        var write: String
        var first: [String: Any]
        var second: [String: Any]
        var shows: (_ current: [String: Any]) -> Bool
        /// Reads the version the writers start from, when it is not the ETag of `read` (a decision's
        /// or a different view's version as the meeting's record shows it).
        var tag: ((APIClient) async throws -> String)? = nil
        /// The tokens of the first and second writer, when not the team manager and the case's own.
        var writers: (first: String, second: String)? = nil
    }

    /// The version of one item of the meeting's record, as an entity tag.
    static func itemTag(_ api: APIClient, meeting: String, list: String, id: String) async throws -> String {
        let record = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")["record"] as? [String: Any]
        let item = (record?[list] as? [[String: Any]])?.first { $0["id"] as? String == id }
        return "\"\(try #require(item?["version"] as? Int))\""
    }

    @Test(arguments: TestBackend.available) func theSecondWriterFromAStaleReadIsRefusedWithTheCurrentValues(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, _ in
            let w = try await World.build(api)
            let ids = try await BadInputTests.ids(api, w)
            let draft = try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/requests", ["presentingIssue": "Bruising seen at nursery"])
            let request = (draft["request"] as! [String: Any])["id"] as! String
            let policy = try #require(
                try await api.expect(200, .GET, "api/v1/organisations/\(w.organisation)")["policy"] as? [String: Any])
            let resources = [
                Resource(
                    name: "request (PUT)", read: "api/v1/requests/\(request)", method: .PUT, write: "api/v1/requests/\(request)",
                    first: ["presentingIssue": "First writer's text"], second: ["presentingIssue": "Second writer's text"],
                    shows: { ($0["request"] as? [String: Any])?["presentingIssue"] as? String == "First writer's text" }),
                Resource(
                    name: "request (PATCH)", read: "api/v1/requests/\(request)", method: .PATCH,
                    write: "api/v1/requests/\(request)",
                    first: ["rationale": "First writer's rationale"], second: ["rationale": "Second writer's rationale"],
                    shows: { ($0["request"] as? [String: Any])?["rationale"] as? String == "First writer's rationale" }),
                Resource(
                    name: "meeting record", read: "api/v1/meetings/\(ids["meetingID"]!)", method: .PATCH,
                    write: "api/v1/meetings/\(ids["meetingID"]!)/record",
                    first: ["safetyPlan": "First writer's plan"], second: ["riskFactors": "Second writer's risks"],
                    shows: {
                        (($0["record"] as? [String: Any])?["meeting"] as? [String: Any])?["safetyPlan"] as? String
                            == "First writer's plan"
                    }),
                Resource(
                    name: "SMART action", read: "api/v1/actions/\(ids["actionID"]!)", method: .PATCH,
                    write: "api/v1/actions/\(ids["actionID"]!)", first: ["status": "cancelled", "reason": "Agreed twice"],
                    second: ["status": "completed", "completionEvidence": "Done"],
                    shows: { $0["status"] as? String == "cancelled" }),
                Resource(
                    name: "decision", read: "api/v1/meetings/\(ids["meetingID"]!)", method: .PUT,
                    write: "api/v1/meetings/\(ids["meetingID"]!)/decisions/informParents",
                    first: [
                        "answer": "no", "rationale": "First writer's reason", "decidedBy": w.teamManager,
                        "parentsNotInformedReason": "evidenceDestroyed", "byDate": "2026-11-27",
                    ],
                    second: ["answer": "yes", "rationale": "Second writer's reason", "decidedBy": w.teamManager],
                    shows: { $0["rationale"] as? String == "First writer's reason" },
                    tag: { try await Self.itemTag($0, meeting: ids["meetingID"]!, list: "decisions", id: ids["decisionID"]!) },
                    writers: (w.tokens[w.teamManager]!, w.tokens[w.minuteTaker]!)),
                Resource(
                    name: "different view", read: "api/v1/meetings/\(ids["meetingID"]!)", method: .PATCH,
                    write: "api/v1/dissents/\(ids["dissentID"]!)",
                    first: ["status": "resolved", "resolution": "First writer's resolution"],
                    second: ["status": "escalated", "resolution": "Second writer's escalation"],
                    shows: { $0["resolution"] as? String == "First writer's resolution" },
                    tag: { try await Self.itemTag($0, meeting: ids["meetingID"]!, list: "dissents", id: ids["dissentID"]!) },
                    writers: (w.tokens[w.teamManager]!, w.tokens[w.serviceManager]!)),
                Resource(
                    name: "policy", read: "api/v1/organisations/\(w.organisation)", method: .PUT,
                    write: "api/v1/organisations/\(w.organisation)/policy",
                    first: policy.merging(["name": "First"]) { _, b in b },
                    second: policy.merging(["name": "Second"]) { _, b in b },
                    shows: { ($0["policy"] as? [String: Any])?["name"] as? String == "First" },
                    writers: (api.tokens.admin!, api.tokens.admin!)),
                Resource(
                    name: "case milestones", read: "api/v1/cases/\(w.caseId)", method: .PUT,
                    write: "api/v1/cases/\(w.caseId)/milestones", first: ["assessmentCompletedOn": "2026-11-22"],
                    second: ["s47CompletedOn": "2026-11-22"],
                    shows: { $0["assessmentCompletedOn"] as? String == "2026-11-22" }),
            ]
            for resource in resources {
                // The social worker edits the case's own records; the minute taker writes the meeting's.
                let byCase = resource.name.hasPrefix("request") || resource.name == "case milestones"
                let first = api.acting(as: resource.writers?.first ?? w.tokens[w.teamManager]!)
                let second = api.acting(as: resource.writers?.second ?? w.tokens[byCase ? w.socialWorker : w.minuteTaker]!)
                func tag(_ client: APIClient) async throws -> String {
                    if let read = resource.tag { return try await read(client) }
                    return try await client.etag(resource.read)
                }
                // Both read the same version.
                let read = try await tag(first)
                #expect(try await tag(second) == read, "\(resource.name)")
                // Without a version the change is refused, and nothing changes.
                let unversioned = try await second.call(resource.method, resource.write, resource.second)
                #expect(unversioned.status == 428, "\(resource.name): \(unversioned.json ?? "")")
                #expect((unversioned["detail"] as? String)?.contains("If-Match") == true)
                #expect(try await tag(second) == read, "\(resource.name): a refused change changed nothing")
                // The first writer saves; the second, from the same read, is refused with the current values.
                let saved = try await first.call(resource.method, resource.write, resource.first, ifMatch: read)
                #expect(saved.status == 200, "\(resource.name): \(saved.json ?? "")")
                let now = try #require(saved.headers.first(name: .eTag), "\(resource.name)")
                #expect(now != read)
                let stale = try await second.call(resource.method, resource.write, resource.second, ifMatch: read)
                #expect(stale.status == 409, "\(resource.name): \(stale.json ?? "")")
                #expect(stale.headers.first(name: .eTag) == now, "\(resource.name)")
                let current = stale["current"] as? [String: Any] ?? [:]
                let currentRecord = (current["record"] as? [String: Any]).map { ["record": $0] } ?? current
                #expect(
                    resource.shows(resource.name == "case milestones" ? current : currentRecord),
                    "\(resource.name): 409 carries the first writer's change: \(current)")
                // From the current version, the second writer's change goes in, and the first's stays.
                let retried = try await second.call(resource.method, resource.write, resource.second, ifMatch: now)
                #expect(retried.status == 200, "\(resource.name): \(retried.json ?? "")")
                let after = try await first.expect(200, .GET, resource.read).object
                if resource.name == "meeting record" { #expect(resource.shows(after)) }
                if resource.name == "request (PATCH)" {
                    // A PATCH changes only what it names: the PUT's text above is still there.
                    let fields = after["request"] as? [String: Any]
                    #expect(fields?["presentingIssue"] as? String == "Second writer's text")
                    #expect(fields?["rationale"] as? String == "Second writer's rationale")
                }
            }
            // A version that is not one of ours, or a weak one, is a failed precondition, not a guess.
            let manager = api.acting(as: w.tokens[w.teamManager]!)
            let current = try await manager.etag("api/v1/requests/\(request)")
            for tag in ["*", "W/\(current)", "\"abc\""] {
                let bogus = try await manager.call(.PUT, "api/v1/requests/\(request)", ["presentingIssue": "x"], ifMatch: tag)
                #expect(bogus.status == 412, "\(tag)")
            }
        }
    }

    @Test func onThePagesTheSecondSaveShowsTheConflictAndKeepsTheText() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let draft = try await api.acting(as: w.tokens[w.socialWorker]!).expect(
                201, .POST, "api/v1/cases/\(w.caseId)/requests", ["presentingIssue": "Bruising seen at nursery"])
            let request = (draft["request"] as! [String: Any])["id"] as! String
            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            // Both open the draft; Grace saves first.
            let opened = try await hana.get("/requests/\(request)")
            let version = try #require(opened.body.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) })
            _ = try await grace.get("/requests/\(request)")
            let graces = try await grace.post(
                "/requests/\(request)", ["version": version, "presentingIssue": "Summary of the bruising by Grace"])
            #expect(graces.status == 303)
            // Hana's save from the same version is refused; her text is kept on the page.
            let hanas = try await hana.post(
                "/requests/\(request)", ["version": version, "presentingIssue": "Account from the nursery by Hana"])
            #expect(hanas.status == 409)
            #expect(hanas.body.contains("someone else saved this request after you opened it"))
            #expect(hanas.body.contains("Presenting issue") && hanas.body.contains("Account from the nursery by Hana"))
            let saved = try await api.store.request(UUID(uuidString: request)!)
            #expect(saved.request.presentingIssue == "Summary of the bruising by Grace")
            // Saving again from the page she now has keeps hers, knowingly.
            let next = try #require(hanas.body.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) })
            let again = try await hana.post(
                "/requests/\(request)", ["version": next, "presentingIssue": "Account from the nursery by Hana"])
            #expect(again.status == 303)
        }
    }
}
