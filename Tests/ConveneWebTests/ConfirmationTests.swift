import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// Steps that cannot be undone ask the person to check first, and minutes finalised without
/// quorum say why.
@Suite("Check before cancelling, finalising and circulating")
struct ConfirmationTests {
    static let now = london("2026-11-23", "09:30")

    /// Holds the meeting with police absent, every decision recorded: ready to finalise, not quorate.
    static func holdWithoutPolice(_ api: APIClient, _ w: World, _ meeting: String, _ clock: TestClock) async throws {
        clock.now = london("2026-11-23", "14:55")
        for person in [w.socialWorker, w.teamManager, w.nurse, w.teacher] {
            try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(person)", ["attendance": "present"])
        }
        try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(w.officer)", ["attendance": "apologies"])
        try await api.expect(
            200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
            [
                "startedAt": iso(london("2026-11-23", "14:00")), "endedAt": iso(london("2026-11-23", "14:50")),
                "format": "video", "familyDetailsConfirmed": true, "riskFactors": "Injury and disclosure.",
                "safetyPlan": "Partner to leave the home.",
            ])
        for (kind, answer) in [
            ("significantHarm", "yes"), ("s47Enquiry", "joint"), ("informParents", "yes"), ("outcome", "s47Joint"),
        ] {
            try await api.expect(
                200, .PUT, "api/v1/meetings/\(meeting)/decisions/\(kind)",
                ["answer": answer, "rationale": "Agreed by the agencies present.", "decidedBy": w.teamManager])
        }
    }

    @Test(arguments: TestBackend.available) func minutesWithoutQuorumAreFinalisedOnlyWithAReasonTheMinutesGive(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            try await Self.holdWithoutPolice(api, w, meeting, clock)
            let refused = try await api.expect(422, .POST, "api/v1/meetings/\(meeting)/minutes/finalise", [String: Any]())
            #expect(refused.problemFields == ["quorumReason"])
            let reason = "Urgent decisions with the agencies available; police information obtained in writing."
            let minutes = try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/minutes/finalise", ["quorumReason": reason])
            let text = String(decoding: try JSONSerialization.data(withJSONObject: minutes.object), as: UTF8.self)
            #expect(text.contains("Not quorate: police did not take part."))
            #expect(text.contains("Finalised without quorum because: \(reason)"))
        }
    }

    @Test func theChairChecksBeforeFinalisingAndTheMinuteTakerBeforeCirculating() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            try await Self.holdWithoutPolice(api, w, meeting, clock)
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            try await grace.get("/meetings/\(meeting)/minutes")
            // The first press shows the check step, and changes nothing
            let check = try await grace.post("/meetings/\(meeting)/minutes/finalise")
            #expect(check.status == 200)
            #expect(check.body.contains("Check before you finalise the minutes"))
            #expect(check.body.contains("Not quorate: police did not take part"))
            #expect(check.body.contains("name=\"confirmed\" value=\"true\""))
            let draft = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)/minutes")
            #expect(draft["status"] as? String == "draft")
            // Confirming without the reason asks for it, next to the field
            let noReason = try await grace.post("/meetings/\(meeting)/minutes/finalise", ["confirmed": "true"])
            #expect(noReason.status == 422)
            #expect(noReason.body.contains("href=\"#field-quorumReason\""))
            #expect(noReason.body.contains(">Why the minutes are finalised without quorum: the discussion was not quorate"))
            #expect(noReason.body.contains("the discussion was not quorate (police did not take part)"))
            let done = try await grace.post(
                "/meetings/\(meeting)/minutes/finalise",
                ["confirmed": "true", "quorumReason": "Urgent decisions; police information obtained in writing."])
            #expect(done.status == 303)
            #expect(try await grace.get(done.location!).body.contains("Minutes finalised"))

            clock.now = clock.now.addingTimeInterval(60)
            let jo = PageClient(app: api.app)
            try await jo.signIn("jo", at: clock.now)
            try await jo.get("/meetings/\(meeting)/minutes")
            let circulate = try await jo.post("/meetings/\(meeting)/minutes/circulate")
            #expect(circulate.status == 200 && circulate.body.contains("Check before you record circulation"))
            #expect(circulate.body.contains("Aled Brightwater") && circulate.body.contains("Ruth Calloway"))
            #expect(try await api.expect(200, .GET, "api/v1/meetings/\(meeting)/minutes")["circulatedAt"] == nil)
            let sent = try await jo.post("/meetings/\(meeting)/minutes/circulate", ["confirmed": "true"])
            #expect(sent.status == 303)
            #expect(try await api.expect(200, .GET, "api/v1/meetings/\(meeting)/minutes")["circulatedAt"] is String)
        }
    }

    @Test func cancellingAMeetingShowsTheAnswersFirst() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let jo = PageClient(app: api.app)
            try await jo.signIn("jo", at: clock.now)
            try await jo.get("/meetings/\(meeting)")
            // A missing answer is named on the meeting page, as before
            let missing = try await jo.post("/meetings/\(meeting)/cancel", ["reason": "Chair unwell"])
            #expect(missing.status == 422 && missing.body.contains("How the service manager agrees"))
            let fields = [
                "agreedBy": w.serviceManager, "agreement": "byTelephone", "reason": "The chair is unwell; rebook today.",
            ]
            let check = try await jo.post("/meetings/\(meeting)/cancel", fields)
            #expect(check.status == 200 && check.body.contains("Check before you cancel the meeting"))
            #expect(check.body.contains("Martin Oduya") && check.body.contains("The chair is unwell; rebook today."))
            #expect(try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")["record"].map { _ in true } == true)
            let meetingBefore = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")
            #expect(((meetingBefore["record"] as? [String: Any])?["meeting"] as? [String: Any])?["status"] as? String == "booked")
            var confirmed = fields
            confirmed["confirmed"] = "true"
            let done = try await jo.post("/meetings/\(meeting)/cancel", confirmed)
            #expect(done.status == 303)
            let after = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")
            #expect(((after["record"] as? [String: Any])?["meeting"] as? [String: Any])?["status"] as? String == "cancelled")
        }
    }
}
