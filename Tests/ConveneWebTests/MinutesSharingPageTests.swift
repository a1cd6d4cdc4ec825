import Foundation
import Testing

/// The chair gives permission to share the minutes on a page of its own: the minutes page, read
/// far more often, does not list the whole directory each time.
@Suite("Sharing the minutes")
struct MinutesSharingPageTests {
    @Test func theMinutesLinkToASharingPageThatOffersOnlyPeopleOutsideTheMeeting() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let form = "/meetings/\(meeting)/minutes/shares/new"
            let minutes = try await grace.get("/meetings/\(meeting)/minutes").body
            #expect(minutes.contains("<a href=\"\(form)\">Give permission to share the minutes</a>"))
            #expect(!minutes.contains("id=\"share-with\"") && !minutes.contains("<option value=\"\(w.serviceManager)\""))

            // People outside the meeting, not the invitees, the chair or the minute taker
            let page = try await grace.get(form)
            #expect(page.status == 200 && page.body.contains("<option value=\"\(w.serviceManager)\">"))
            for invited in [w.officer, w.nurse, w.teamManager, w.minuteTaker] {
                #expect(!page.body.contains("<option value=\"\(invited)\""))
            }

            // A refusal comes back on this page, with the message by the field and what was typed
            let refused = try await grace.post(
                "/meetings/\(meeting)/minutes/shares", ["professionalId": w.serviceManager, "reason": " "])
            #expect(refused.status == 422)
            #expect(refused.body.contains("<a href=\"#share-reason\">Why they need them:"))
            #expect(refused.body.contains("<option value=\"\(w.serviceManager)\" selected>"))

            // Nothing chosen and no reason: both are said at once, each linked to its field
            let empty = try await grace.post("/meetings/\(meeting)/minutes/shares", [:])
            #expect(empty.status == 422)
            #expect(empty.body.contains("<a href=\"#share-professionalId\">Share with: is required"))
            #expect(empty.body.contains("<a href=\"#share-reason\">Why they need them: is required"))

            // Given: back on the minutes, in the permissions and the disclosure log; not offered again
            let given = try await grace.post(
                "/meetings/\(meeting)/minutes/shares",
                ["professionalId": w.serviceManager, "reason": "Covering the duty rota this week."])
            #expect(given.status == 303 && given.location == "/meetings/\(meeting)/minutes#sharing")
            let after = try await grace.get("/meetings/\(meeting)/minutes").body
            #expect(after.contains("Covering the duty rota this week."))
            #expect(!(try await grace.get(form).body.contains("<option value=\"\(w.serviceManager)\"")))
        }
    }
}
