import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// Escalation is an action, not text: a statutory partner's non-attendance and a disagreement go
/// to the service manager with who, when and why, show on the meeting, the dashboard and in the
/// minutes, and are resolved, after the minutes are final too.
@Suite("Escalations")
struct EscalationTests {
    static let now = london("2026-11-23", "09:30")

    @Test(arguments: TestBackend.available) func nonAttendanceAndDisagreementGoToTheServiceManagerAndAreResolved(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            try await ConfirmationTests.holdWithoutPolice(api, w, meeting, clock)
            let escalations = "api/v1/meetings/\(meeting)/escalations"

            // Only an absent statutory partner's non-attendance
            let present = try await api.expect(
                422, .POST, escalations, ["kind": "nonAttendance", "professionalId": w.nurse, "reason": "r"])
            #expect(present.problemFields == ["professionalId"])
            let school = try await api.expect(
                422, .POST, escalations, ["kind": "nonAttendance", "professionalId": w.teacher, "reason": "r"])
            #expect(school.problemFields == ["professionalId"])
            #expect(
                try await api.expect(422, .POST, escalations, ["kind": "nonAttendance"]).problemFields.sorted() == [
                    "professionalId", "reason",
                ])
            let absence = try await api.expect(
                201, .POST, escalations,
                [
                    "kind": "nonAttendance", "professionalId": w.officer,
                    "reason": "Police sent apologies at 13:55; no written information.",
                ])
            #expect(absence["escalatedTo"] as? String == w.serviceManager)
            #expect(absence["escalatedBy"] as? String == w.teamManager)
            #expect(absence["escalatedAt"] as? String == iso(clock.now))
            try await api.expect(
                409, .POST, escalations, ["kind": "nonAttendance", "professionalId": w.officer, "reason": "again"])
            // The police officer may not escalate
            try await api.acting(as: w.tokens[w.officer]!).expect(
                404, .POST, escalations, ["kind": "nonAttendance", "professionalId": w.officer, "reason": "r"])

            // A disagreement, escalated after the minutes are final
            let dissent = try await api.expect(
                201, .POST, "api/v1/meetings/\(meeting)/dissents",
                [
                    "raisedBy": w.nurse, "view": "Health think the child should not stay at home tonight.",
                    "decisionKind": "outcome",
                ]
            ).id
            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/minutes/finalise",
                ["quorumReason": "Urgent; police written check requested."])
            let minutes = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)/minutes")
            let text = String(decoding: try JSONSerialization.data(withJSONObject: minutes.object), as: UTF8.self)
            #expect(text.contains("Non-attendance of Aled Brightwater ("))
            #expect(text.contains("escalated by Grace Achterberg (") && text.contains("Police sent apologies at 13:55"))
            clock.now = london("2026-11-23", "16:00")
            let disagreement = try await api.expect(
                201, .POST, escalations,
                ["kind": "disagreement", "dissentId": dissent, "reason": "Not settled; needs a decision today."])
            let record = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")
            let views = ((record["record"] as? [String: Any])?["dissents"] as? [[String: Any]]) ?? []
            #expect(views.first?["status"] as? String == "escalated")

            // The dashboard and the meeting page show both, open
            let martin = PageClient(app: api.app)
            try await martin.signIn("martin", at: clock.now)
            let dashboard = try await martin.get("/dashboard?teamId=\(w.team)")
            #expect(dashboard.body.contains("Non-attendance of Aled Brightwater, to Martin Oduya"))
            #expect(dashboard.body.contains("Disagreement about outcome raised by Ruth Calloway, to Martin Oduya"))
            let page = try await martin.get("/meetings/\(meeting)")
            #expect(page.body.contains("Escalated by Grace Achterberg, "))

            // The service manager resolves the disagreement; once only
            let resolved = try await api.acting(as: w.tokens[w.serviceManager]!).expect(
                200, .POST, "\(escalations)/\(disagreement.id)/resolve",
                ["resolution": "Agreed with health: the child stays with the grandmother tonight."])
            #expect(resolved["resolvedBy"] as? String == w.serviceManager)
            try await api.expect(409, .POST, "\(escalations)/\(disagreement.id)/resolve", ["resolution": "again"])
            let after = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")
            let viewAfter = ((after["record"] as? [String: Any])?["dissents"] as? [[String: Any]])?.first
            #expect(viewAfter?["status"] as? String == "resolved")
            let dashboardAfter = try await martin.get("/dashboard?teamId=\(w.team)")
            #expect(!dashboardAfter.body.contains("Disagreement about outcome raised by Ruth Calloway"))
        }
    }

    @Test func theChairEscalatesFromTheMeetingPage() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            try await ConfirmationTests.holdWithoutPolice(api, w, meeting, clock)
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let page = try await grace.get("/meetings/\(meeting)")
            #expect(page.body.contains("Escalate non-attendance"))
            #expect(page.body.contains("<option value=\"\(w.officer)\">Aled Brightwater"))
            let missing = try await grace.post(
                "/meetings/\(meeting)/escalations", ["kind": "nonAttendance", "professionalId": w.officer])
            #expect(missing.status == 422 && missing.body.contains("Reason: is required"))
            let done = try await grace.post(
                "/meetings/\(meeting)/escalations",
                ["kind": "nonAttendance", "professionalId": w.officer, "reason": "No apologies before the start."])
            #expect(done.status == 303)
            let after = try await grace.get(try #require(done.location))
            #expect(after.body.contains("Escalated to the service manager"))
            #expect(after.body.contains("Non-attendance of Aled Brightwater, to Martin Oduya"))
            // Once escalated, the partner is no longer offered
            #expect(!after.body.contains("Escalate non-attendance"))
        }
    }
}
