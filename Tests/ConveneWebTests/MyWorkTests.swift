import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// My work says what to do next, to the person whose turn it is.
@Suite("My work: what to do next")
struct MyWorkTests {
    static let now = london("2026-11-23", "09:30")

    @Test func eachPersonSeesTheStepThatIsTheirs() async throws {
        try await withConvene(now: Self.now, backend: .sqlite) { api, clock in
            let w = try await World.build(api)
            func page(_ user: String) async throws -> String {
                clock.now = clock.now.addingTimeInterval(31)
                let client = PageClient(app: api.app)
                try await client.signIn(user, at: clock.now)
                return try await client.get("/my-work").body
            }
            let draft = try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/requests", w.requestForm(concern: london("2026-11-23", "09:00")))
            let requestId = (draft["request"] as! [String: Any])["id"] as! String
            #expect(try await page("hana").contains("Nothing is waiting for you."))

            // Submitted: the team manager is asked to approve it
            try await api.expect(200, .POST, "api/v1/requests/\(requestId)/submit")
            let grace = try await page("grace")
            #expect(grace.contains("Requests to approve") && grace.contains("href=\"/requests/\(requestId)\""))
            #expect(grace.contains(": Standard request, submitted Mon 23 Nov 2026, "))  // the urgency in words

            // Returned: the social worker sees it with the reason
            try await api.expect(
                200, .POST, "api/v1/requests/\(requestId)/return",
                ["teamManagerId": w.teamManager, "reason": "Add the school's account of the disclosure."])
            let hana = try await page("hana")
            #expect(hana.contains("Requests returned to you"))
            #expect(hana.contains("Returned: Add the school&#39;s account of the disclosure."))
            #expect(!(try await page("grace")).contains("Requests to approve"))

            // Approved: the minute taker is asked to book it, from the board with it chosen
            try await api.expect(200, .POST, "api/v1/requests/\(requestId)/submit")
            try await api.expect(200, .POST, "api/v1/requests/\(requestId)/approve", ["teamManagerId": w.teamManager])
            let jo = try await page("jo")
            #expect(jo.contains("Requests to book") && jo.contains("href=\"/schedule?requestId=\(requestId)\""))
            #expect(!(try await page("hana")).contains("Requests returned to you"))

            // Booked: each sees their role in words; once it has ended, the chair is asked to finalise
            let booked = try await api.expect(
                201, .POST, "api/v1/meetings",
                [
                    "requestId": requestId, "start": iso(london("2026-11-23", "13:00")), "chairId": w.teamManager,
                    "minuteTakerId": w.minuteTaker,
                ])
            let meetingId = ((booked["record"] as? [String: Any])?["meeting"] as? [String: Any])?["id"] as? String ?? ""
            #expect(try await page("hana").contains("<td role=\"cell\" data-label=\"Your role\">Allocated social worker</td>"))
            #expect(!(try await page("jo")).contains("Requests to book"))
            clock.now = london("2026-11-23", "14:10")
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meetingId)/record", ifMatch: try await api.etag("api/v1/meetings/\(meetingId)"),
                ["startedAt": iso(london("2026-11-23", "13:00")), "endedAt": iso(london("2026-11-23", "14:00"))])
            let chair = try await page("grace")
            #expect(chair.contains("Minutes to finalise") && chair.contains("href=\"/meetings/\(meetingId)/minutes\""))
            #expect(chair.contains("<td role=\"cell\" data-label=\"Your role\">Chair</td>"))
        }
    }
}
