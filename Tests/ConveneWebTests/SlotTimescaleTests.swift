import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// A standard request whose 24 hours end at the weekend: the board says which slots meet its
/// clock, a booking after it needs a reason that is kept, and when no slot meets it the urgency
/// allows any earlier time.
@Suite("Slots against the request's timescale")
struct SlotTimescaleTests {
    static let now = london("2026-11-20", "16:00")  // a Friday

    @Test func aLateBookingNeedsAReasonAndNoSlotInTimeAllowsAnyTime() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            var form = w.requestForm(concern: london("2026-11-20", "15:00"))
            form["incidentDate"] = "2026-11-20"
            let requestId = try await w.approvedRequest(api, form)

            // The board, for this request: the clock ends on Saturday, no slot meets it
            let jo = PageClient(app: api.app)
            try await jo.signIn("jo", at: clock.now)
            let board = try await jo.get("/schedule?requestId=\(requestId)")
            #expect(board.body.contains("This request&#39;s discussion is due by Sat 21 Nov 2026, 15:00."))
            #expect(board.body.contains("No standard slot meets it"))
            // Next week's free slots are links that bring the slot to the booking form, with the request
            let slot = iso(london("2026-11-23", "09:00"))
            let link = "/schedule?week=2026-11-23&amp;start=\(slot)&amp;requestId=\(requestId)#book"
            let nextWeek = try await jo.get("/schedule?week=2026-11-23&requestId=\(requestId)")
            #expect(nextWeek.body.contains("href=\"\(link)\""))
            #expect(nextWeek.body.contains("book Mon 23 Nov 2026, 09:00</span></a><br/><span class=\"muted\">after the due time"))
            let chosen = try await jo.get(link.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(chosen.body.contains("<strong>Mon 23 Nov 2026, 09:00 (after the due time)</strong>"))
            #expect(chosen.body.contains("name=\"start\" value=\"\(slot)\""))

            var booking: [String: Any] = [
                "requestId": requestId, "start": iso(london("2026-11-23", "09:00")), "chairId": w.teamManager,
                "minuteTakerId": w.minuteTaker,
            ]
            // Monday's slot is after the due time: it needs a reason, which names the choice
            let late = try await api.expect(422, .POST, "api/v1/meetings", booking)
            #expect(late.problemFields == ["lateReason"])
            let reason = (late["errors"] as? [[String: Any]])?.first?["reason"] as? String ?? ""
            #expect(reason.hasPrefix("this time is after the request's timescale (due Sat 21 Nov 2026, 15:00)"))
            #expect(reason.contains("no standard slot meets it, so book any earlier time"))
            // Saturday morning is no slot, but no slot meets the clock, so the urgency allows it
            booking["start"] = iso(london("2026-11-21", "10:00"))
            let saturday = try await api.expect(201, .POST, "api/v1/meetings", booking)
            let meeting = ((saturday["record"] as? [String: Any])?["meeting"] as? [String: Any])?["id"] as? String ?? ""
            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/cancel",
                ["agreedBy": w.serviceManager, "agreement": "byTelephone", "reason": "Rebooked."])
            // Or Monday, with the reason kept
            booking["start"] = iso(london("2026-11-23", "09:00"))
            booking["lateReason"] = "Police and health cannot attend at the weekend."
            let monday = try await api.expect(201, .POST, "api/v1/meetings", booking)
            let kept = (monday["record"] as? [String: Any])?["meeting"] as? [String: Any]
            #expect(kept?["lateReason"] as? String == "Police and health cannot attend at the weekend.")
            // and the meeting page says so, to the meeting team
            let page = try await jo.get("/meetings/\(kept?["id"] as? String ?? "")")
            #expect(
                page.body.contains(
                    "<dt>Booked after the timescale</dt><dd>Police and health cannot attend at the weekend.</dd>"))
        }
    }

    @Test func withASlotInTimeAStandardRequestKeepsToTheSlots() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, _ in
            let w = try await World.build(api)
            let requestId = try await w.approvedRequest(api, w.requestForm(concern: london("2026-11-23", "09:00")))
            let refused = try await api.expect(
                422, .POST, "api/v1/meetings",
                [
                    "requestId": requestId, "start": iso(london("2026-11-23", "12:15")), "chairId": w.teamManager,
                    "minuteTakerId": w.minuteTaker,
                ])
            #expect(refused.problemFields == ["start"])
        }
    }

    @Test func immediateMeetingsAppearOnTheBoardAndAChairIsNeverBookedTwiceAtOnce() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            _ = try await w.bookMeeting(api)  // 13:00, chaired by Grace
            clock.now = london("2026-11-23", "12:30")
            var form = w.requestForm(concern: london("2026-11-23", "12:20"))
            form["urgency"] = "immediate"
            let immediate = try await w.approvedRequest(api, form)
            var booking: [String: Any] = [
                "requestId": immediate, "start": iso(london("2026-11-23", "13:20")), "chairId": w.teamManager,
                "minuteTakerId": w.minuteTaker,
            ]
            let clash = try await api.expect(422, .POST, "api/v1/meetings", booking)
            #expect(Set(clash.problemFields) == ["chairId", "minuteTakerId"])
            booking["start"] = iso(london("2026-11-23", "14:10"))
            let booked = try await api.expect(201, .POST, "api/v1/meetings", booking)
            let meeting = ((booked["record"] as? [String: Any])?["meeting"] as? [String: Any])?["id"] as? String ?? ""
            let jo = PageClient(app: api.app)
            try await jo.signIn("jo", at: clock.now)
            let board = try await jo.get("/schedule").body
            #expect(board.contains("Outside the standard slots"))
            #expect(board.contains("<a href=\"/meetings/\(meeting)\">Mon 23 Nov 2026, 14:10: NS-10001 (immediate) – chair Grace"))
        }
    }

    @Test func aMoveKeepsToTheSlotsAndPastTheTimescaleNeedsAReason() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, _ in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)  // 13:00; the request is due Tue 24 Nov 2026, 09:00
            let martin = api.acting(as: w.tokens[w.serviceManager]!)
            let path = "api/v1/meetings/\(meeting)/move"
            // Not a slot, while slots meet the timescale
            let offSlot = try await martin.expect(
                422, .POST, path, ["newStart": iso(london("2026-11-23", "15:20")), "reason": "Chair in court."])
            #expect(offSlot.problemFields == ["newStart"])
            // A slot after the timescale needs the reason, which the meeting keeps
            var move: [String: Any] = ["newStart": iso(london("2026-11-24", "13:00")), "reason": "Chair in court."]
            let late = try await martin.expect(422, .POST, path, move)
            #expect(late.problemFields == ["lateReason"])
            let reason = (late["errors"] as? [[String: Any]])?.first?["reason"] as? String ?? ""
            #expect(reason.hasPrefix("this time is after the request's timescale (due Tue 24 Nov 2026, 09:00)"))
            move["lateReason"] = "Police cannot attend sooner."
            let moved = try await martin.expect(200, .POST, path, move)
            let kept = (moved["record"] as? [String: Any])?["meeting"] as? [String: Any]
            #expect(kept?["lateReason"] as? String == "Police cannot attend sooner.")
            #expect(kept?["scheduledStart"] as? String == iso(london("2026-11-24", "13:00")))
        }
    }

    /// Just after midnight, an immediate request whose two hours ended yesterday evening: the board
    /// and the booking say the timescale has passed and ask only for the reason (CI found the
    /// booking refused with "to: must not be before from" when it looked for a slot before the due time).
    @Test func aRequestOverdueSinceYesterdayIsBookedWithTheReason() async throws {
        try await withConvene(now: london("2026-11-24", "00:10")) { api, clock in
            let w = try await World.build(api)
            var form = w.requestForm(concern: london("2026-11-23", "21:00"))
            form["urgency"] = "immediate"
            form["incidentDate"] = "2026-11-23"
            let requestId = try await w.approvedRequest(api, form)  // due Mon 23 Nov 2026, 23:00

            let jo = PageClient(app: api.app)
            try await jo.signIn("jo", at: clock.now)
            let board = try await jo.get("/schedule?requestId=\(requestId)")
            #expect(board.status == 200)
            #expect(
                board.body.contains(
                    "This request&#39;s discussion was due by Mon 23 Nov 2026, 23:00; the timescale has passed: "
                        + "book the earliest time you can and give the reason for booking it late."))
            // Booked on the page at 00:15 without a reason: the reason is asked for, beside its field
            let fields = [
                "requestId": requestId, "immediateStart": "2026-11-24T00:15", "chairId": w.teamManager,
                "minuteTakerId": w.minuteTaker,
            ]
            let refused = try await jo.post("/schedule/bookings", fields)
            #expect(refused.status == 422)
            #expect(refused.body.contains("the timescale has passed (due Mon 23 Nov 2026, 23:00), so give the reason"))
            #expect(!refused.body.contains("must not be before from"))
            // A typed time in the past is refused at that field, not at the board's slot (which has no control)
            var past = fields
            past["immediateStart"] = "2026-11-23T10:00"
            past["lateReason"] = "Late."
            let earlier = try await jo.post("/schedule/bookings", past)
            #expect(earlier.status == 422)
            #expect(earlier.body.contains("<a href=\"#field-immediateStart\">Time: "))
            #expect(earlier.body.contains("class=\"field field-error\" id=\"field-immediateStart\""))
            #expect(!earlier.body.contains("<a href=\"#field-start\">"))

            var booking: [String: Any] = [
                "requestId": requestId, "start": iso(london("2026-11-24", "00:15")), "chairId": w.teamManager,
                "minuteTakerId": w.minuteTaker,
            ]
            let late = try await api.expect(422, .POST, "api/v1/meetings", booking)
            #expect(late.problemFields == ["lateReason"])
            booking["lateReason"] = "The request reached the duty team after the timescale had ended."
            try await api.expect(201, .POST, "api/v1/meetings", booking)
        }
    }

    /// A standard request overdue for days: no slot can meet it any more, so any time is allowed
    /// (with the reason), as when no slot meets it.
    @Test func aStandardRequestOverdueForDaysMayBeBookedOutsideTheSlots() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, _ in
            let w = try await World.build(api)
            var form = w.requestForm(concern: london("2026-11-19", "09:00"))
            form["incidentDate"] = "2026-11-19"
            let requestId = try await w.approvedRequest(api, form)  // due Fri 20 Nov 2026, 09:00
            var booking: [String: Any] = [
                "requestId": requestId, "start": iso(london("2026-11-23", "15:20")), "chairId": w.teamManager,
                "minuteTakerId": w.minuteTaker,
            ]
            let late = try await api.expect(422, .POST, "api/v1/meetings", booking)
            #expect(late.problemFields == ["lateReason"])
            let reason = (late["errors"] as? [[String: Any]])?.first?["reason"] as? String ?? ""
            #expect(reason == "the timescale has passed (due Fri 20 Nov 2026, 09:00), so give the reason for booking it late")
            booking["lateReason"] = "The request was approved three days after the concern."
            // Any time, but not a slip of the year
            booking["start"] = iso(london("2099-01-05", "10:00"))
            let slip = try await api.expect(422, .POST, "api/v1/meetings", booking)
            #expect(slip.problemFields == ["start"])
            #expect((slip["detail"] as? String)?.contains("must be within 365 days from today") == true)
            booking["start"] = iso(london("2026-11-23", "15:20"))
            try await api.expect(201, .POST, "api/v1/meetings", booking)
        }
    }

    /// At the weekend this week has nothing left to book, so the board opens on the next; a refused
    /// booking comes back to the week of the slot it chose (outside review).
    @Test func atTheWeekendTheBoardOpensOnNextWeekAndARefusedBookingKeepsItsSlotsWeek() async throws {
        try await withConvene(now: london("2026-11-21", "10:00")) { api, clock in  // a Saturday
            _ = try await World.build(api)
            let jo = PageClient(app: api.app)
            try await jo.signIn("jo", at: clock.now)
            #expect(try await jo.get("/schedule").body.contains("Week of Mon 23 Nov 2026"))
            let refused = try await jo.post("/schedule/bookings", ["start": iso(london("2026-12-01", "10:00"))])
            #expect(refused.status == 422)
            #expect(refused.body.contains("Week of Mon 30 Nov 2026"))
        }
    }

    @Test func aMeetingIsOpenedFromFifteenMinutesBeforeItsStart() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)  // 13:00
            clock.now = london("2026-11-23", "12:40")
            let early = try await api.expect(
                422, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
                ["startedAt": iso(london("2026-11-23", "13:00")), "familyDetailsConfirmed": true])
            #expect(early.problemFields == ["startedAt"])
            clock.now = london("2026-11-23", "12:46")
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
                ["startedAt": iso(london("2026-11-23", "13:00")), "familyDetailsConfirmed": true])
        }
    }
}
