import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// A change sent twice is made once: the API's Idempotency-Key, and the one-time token of every form.
@Suite("Idempotent changes")
struct IdempotencyTests {
    static let now = london("2026-11-23", "09:30")

    @Test(arguments: TestBackend.available) func aRepeatedKeyGetsTheFirstAnswerAndMakesNothingNew(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            let people = "api/v1/cases/\(w.caseId)/people"
            let before = try await api.expect(200, .GET, people).array.count
            let body: [String: Any] = ["role": "otherChild", "fullName": "Tansy Ashdown", "dateOfBirthUnknown": true]
            let first = try await api.call(.POST, people, body, headers: ["Idempotency-Key": "add-tansy-1"])
            let second = try await api.call(.POST, people, body, headers: ["Idempotency-Key": "add-tansy-1"])
            #expect(first.status == 201 && second.status == 201, "\(second.status) \(second.json ?? "")")
            #expect(first.id == second.id && !first.id.isEmpty)
            #expect(second.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(first.headers.first(name: "Idempotent-Replayed") == nil)
            #expect(try await api.expect(200, .GET, people).array.count == before + 1)

            // The same key for another request is the client's mistake
            let other = try await api.call(
                .POST, people, ["role": "otherChild", "fullName": "Someone Else"], headers: ["Idempotency-Key": "add-tansy-1"])
            #expect(other.status == 422 && other.problemFields == ["Idempotency-Key"])
            // A key that is not visible ASCII is refused by name
            let bad = try await api.call(.POST, people, body, headers: ["Idempotency-Key": "two words"])
            #expect(bad.status == 422 && bad.problemFields == ["Idempotency-Key"])
            // Without a key, two posts make two people; a failed change keeps no answer
            let refused = try await api.call(.POST, people, ["role": "otherChild"], headers: ["Idempotency-Key": "k2"])
            #expect(refused.status == 422)
            let retried = try await api.call(
                .POST, people, ["role": "otherChild", "fullName": "Rue Ashdown"], headers: ["Idempotency-Key": "k2"])
            #expect(retried.status == 201)
            // Another person's same key is theirs alone
            let asHana = try await api.acting(as: w.tokens[w.socialWorker]!).call(
                .POST, people, body, headers: ["Idempotency-Key": "add-tansy-1"])
            #expect(asHana.status == 201 && asHana.id != first.id)
        }
    }

    @Test func twoFastClicksOnAddPersonAddOnePerson() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            let page = try await hana.get("/cases/\(w.caseId)")
            let token = try #require(page.formToken)
            let fields = ["role": "otherChild", "fullName": "Tansy Ashdown", "_formToken": token]
            let first = try await hana.post("/cases/\(w.caseId)/people", fields)
            let second = try await hana.post("/cases/\(w.caseId)/people", fields)
            #expect(first.status == 303 && second.status == 303 && first.location == second.location)
            let people = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/people").array
            #expect(people.filter { $0["fullName"] as? String == "Tansy Ashdown" }.count == 1)
            // Another form of the same page view is another change
            let other = try await hana.post(
                "/cases/\(w.caseId)/people", ["role": "otherChild", "fullName": "Rue Ashdown", "_formToken": token])
            #expect(other.status == 303)
            let after = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/people").array
            #expect(after.filter { $0["fullName"] as? String == "Rue Ashdown" }.count == 1)
            // Each page view has its own token
            #expect(try await hana.get("/cases/\(w.caseId)").formToken != token)
        }
    }
}
