import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// An immediate discussion the emergency duty team held at night is recorded the next morning at
/// its real time, and every clock counts from then.
@Suite("Recording a discussion after the event")
struct AfterTheEventTests {
    static let now = london("2026-11-23", "09:30")

    @Test(arguments: TestBackend.available) func anImmediateDiscussionHeldAtNightIsRecordedWithItsRealTime(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            var form = w.requestForm(concern: london("2026-11-23", "01:50"))
            form["urgency"] = "immediate"
            let requestId = try await w.approvedRequest(api, form)

            var held: [String: Any] = [
                "requestId": requestId, "start": iso(london("2026-11-23", "02:10")), "chairId": w.teamManager,
                "alreadyHeld": true, "format": "phone",
            ]
            // It needs its reason and format; a booking in the past without them is still refused
            #expect(try await api.expect(422, .POST, "api/v1/meetings", held).problemFields == ["reason"])
            var plain = held
            plain["alreadyHeld"] = nil
            plain["format"] = nil
            plain["minuteTakerId"] = w.minuteTaker
            #expect(try await api.expect(422, .POST, "api/v1/meetings", plain).problemFields == ["start"])
            // Not more than 7 days back, nor before the concern
            held["reason"] = "Held by the emergency duty team at 02:10 by telephone."
            held["start"] = iso(london("2026-11-23", "01:00"))
            #expect(try await api.expect(422, .POST, "api/v1/meetings", held).problemFields == ["start"])
            held["start"] = iso(london("2026-11-23", "02:10"))
            let booked = try await api.expect(201, .POST, "api/v1/meetings", held)
            let meeting = ((booked["record"] as? [String: Any])?["meeting"] as? [String: Any]) ?? [:]
            let meetingId = meeting["id"] as? String ?? ""
            #expect(meeting["status"] as? String == "held")
            #expect(meeting["startedAt"] as? String == iso(london("2026-11-23", "02:10")))
            #expect(meeting["format"] as? String == "phone")
            // No minute taker named: the person who recorded it is
            #expect(meeting["minuteTakerId"] as? String == w.teamManager)
            #expect(meeting["recordedAfterEventBy"] as? String == w.teamManager)
            #expect(meeting["recordedAfterEventAt"] as? String == iso(Self.now))
            // The meeting page says when, by whom and why it was recorded afterwards
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: Self.now)
            let page = try await grace.get("/meetings/\(meetingId)").body
            #expect(
                page.contains(
                    "<dt>Recorded after it was held</dt><dd>Recorded \(LocalTimeZone.london.long(Self.now)) by Grace Achterberg: "
                        + "Held by the emergency duty team at 02:10 by telephone.</dd>"))
            // which stays with the meeting team: an invitee sees it neither on their page nor in the API
            let aled = PageClient(app: api.app)
            try await aled.signIn("aled", at: Self.now)
            let theirs = try await aled.get("/meetings/\(meetingId)")
            #expect(theirs.status == 200 && !theirs.body.contains("Held by the emergency duty team"))
            let theirJSON = try await api.acting(as: w.tokens[w.officer]!).expect(200, .GET, "api/v1/meetings/\(meetingId)")
            let serialised = try JSONSerialization.data(withJSONObject: theirJSON.object)
            #expect(!String(decoding: serialised, as: UTF8.self).contains("Held by the emergency duty team"))

            // The meeting clock is met against the concern, and the S47 and ICPC clocks count from 02:10
            for (kind, answer) in [("significantHarm", "yes"), ("s47Enquiry", "joint"), ("icpc", "yes")] {
                try await api.expect(
                    200, .PUT, "api/v1/meetings/\(meetingId)/decisions/\(kind)",
                    ["answer": answer, "rationale": "Agreed at the discussion.", "decidedBy": w.teamManager])
            }
            let clocks = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/clocks").array
                .compactMap { $0["clock"] as? [String: Any] }
            let meetingClock = clocks.first { $0["kind"] as? String == "meeting" }
            #expect(meetingClock?["state"] as? String == "met")
            #expect(meetingClock?["completedAt"] as? String == iso(london("2026-11-23", "02:10")))
            for kind in ["s47Enquiry", "icpc"] {
                let c = clocks.first { $0["kind"] as? String == kind }
                #expect(c?["startedAt"] as? String == iso(london("2026-11-23", "02:10")), "\(kind)")
            }

            // A standard request cannot be recorded afterwards
            let standard = try await w.approvedRequest(api, w.requestForm(concern: london("2026-11-23", "08:00")))
            var late = held
            late["requestId"] = standard
            late["start"] = iso(london("2026-11-23", "08:30"))
            #expect(try await api.expect(422, .POST, "api/v1/meetings", late).problemFields == ["alreadyHeld"])

            // The minutes say it was recorded after the event, when and by whom
            clock.now = london("2026-11-23", "10:30")
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meetingId)/record", ifMatch: try await api.etag("api/v1/meetings/\(meetingId)"),
                [
                    "endedAt": iso(london("2026-11-23", "02:50")), "familyDetailsConfirmed": true, "riskFactors": "Injury.",
                    "safetyPlan": "Stay with grandmother.",
                ])
            for person in [w.socialWorker, w.teamManager, w.officer, w.nurse, w.teacher] {
                try await api.expect(200, .PUT, "api/v1/meetings/\(meetingId)/attendance/\(person)", ["attendance": "present"])
            }
            for (kind, answer) in [("informParents", "yes"), ("outcome", "s47Joint")] {
                try await api.expect(
                    200, .PUT, "api/v1/meetings/\(meetingId)/decisions/\(kind)",
                    ["answer": answer, "rationale": "Agreed.", "decidedBy": w.teamManager])
            }
            let minutes = try await api.expect(200, .POST, "api/v1/meetings/\(meetingId)/minutes/finalise", [String: Any]())
            let text = String(decoding: try JSONSerialization.data(withJSONObject: minutes.object), as: UTF8.self)
            #expect(text.contains("Recorded after the event on Mon 23 Nov 2026, 09:30 by Grace Achterberg"))
            #expect(text.contains("Held by the emergency duty team at 02:10 by telephone."))
        }
    }

    @Test func theDutyTeamsDiscussionIsRecordedFromTheSchedulingBoard() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            var form = w.requestForm(concern: london("2026-11-23", "01:50"))
            form["urgency"] = "immediate"
            let requestId = try await w.approvedRequest(api, form)

            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let board = try await grace.get("/schedule")
            #expect(board.body.contains("Record an immediate discussion already held"))
            #expect(board.body.contains("Book and record the invitations") && !board.body.contains("send invitations"))
            var fields = [
                "alreadyHeld": "true", "requestId": requestId, "heldStart": "2026-11-23T02:10", "format": "phone",
                "chairId": w.teamManager,
            ]
            let missing = try await grace.post("/schedule/bookings", fields)
            #expect(missing.status == 422)
            #expect(missing.body.contains("href=\"#held-reason\""))
            #expect(missing.body.contains("Why it is recorded afterwards: say why it is recorded afterwards"))
            fields["reason"] = "Held by the emergency duty team at 02:10 by telephone."
            let done = try await grace.post("/schedule/bookings", fields)
            #expect(done.status == 303)
            let meeting = try await grace.get(try #require(done.location))
            #expect(meeting.body.contains("Discussion recorded as held; write up the record now"))
        }
    }
}
