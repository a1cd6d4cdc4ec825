import ConveneCore
import ConveneMail
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing

@testable import ConveneWeb

/// The outbox (issue 23): each change queues its messages in its own transaction, to the people
/// it concerns; no message carries the family's details or the record; the delivery worker sends,
/// retries with a growing wait, parks what keeps failing, and never sends one message twice at once.
@Suite("Outbox: which changes send what, to whom, and how they are delivered")
struct OutboxTests {
    static let now = london("2026-11-23", "09:30")

    /// The messages queued since `after` (by their number in the outbox), oldest first.
    static func messages(_ api: APIClient, kind: MessageKind? = nil) async throws -> [OutboxMessage] {
        try await api.store.outbox(status: nil, limit: 1000).messages.reversed().filter { kind == nil || $0.kind == kind }
    }

    static func names(_ messages: [OutboxMessage]) -> [String] { messages.map(\.recipientName).sorted() }

    @Test(arguments: TestBackend.available) func eachChangeToARequestOrABookingTellsThePeopleItConcerns(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            // Submitted: the team manager approves it. Approved: the team's minute takers book it.
            let requestId = try await w.approvedRequest(api, w.requestForm(concern: london("2026-11-23", "09:00")))
            #expect(Self.names(try await Self.messages(api, kind: .requestSubmitted)) == ["Grace Achterberg"])
            #expect(Self.names(try await Self.messages(api, kind: .requestApproved)) == ["Jo Pemberton"])
            let submitted = try #require(try await Self.messages(api, kind: .requestSubmitted).first)
            #expect(submitted.subject == "Strategy discussion request to approve: case NS-10001")
            #expect(submitted.body.contains("http://127.0.0.1:8080/requests/\(requestId.uppercased())"))
            // Returned: the social worker changes it.
            let second =
                try await api.expect(
                    201, .POST, "api/v1/cases/\(w.caseId)/requests", w.requestForm(concern: london("2026-11-23", "09:10"))
                )["request"] as! [String: Any]
            try await api.expect(200, .POST, "api/v1/requests/\(second["id"]!)/submit")
            try await api.expect(
                200, .POST, "api/v1/requests/\(second["id"]!)/return", ["teamManagerId": w.teamManager, "reason": "Say more"])
            #expect(Self.names(try await Self.messages(api, kind: .requestReturned)) == ["Hana Okafor"])

            // Booked: each invitee and the minute taker, with their own invitation; police and health are
            // invited, so the quorum is not at risk.
            let booked = try await api.expect(
                201, .POST, "api/v1/meetings",
                [
                    "requestId": requestId, "start": iso(london("2026-11-23", "13:00")), "chairId": w.teamManager,
                    "minuteTakerId": w.minuteTaker,
                ])
            let meeting = ((booked["record"] as! [String: Any])["meeting"] as! [String: Any])["id"] as! String
            let invitations = try await Self.messages(api, kind: .meetingBooked)
            #expect(
                Self.names(invitations) == [
                    "Aled Brightwater", "Carys Whitfield", "Grace Achterberg", "Hana Okafor", "Jo Pemberton", "Ruth Calloway",
                ])
            let uid = CalendarInvitation.uid(of: UUID(uuidString: meeting)!)
            for message in invitations {
                let calendar = try #require(message.calendar)
                #expect(message.calendarMethod == .request && message.calendarSequence == 0)
                #expect(calendar.contains("METHOD:REQUEST\r\n") && calendar.contains("UID:\(uid)\r\n"))
                #expect(calendar.contains("DTSTART:20261123T130000Z\r\n") && calendar.contains("SEQUENCE:0\r\n"))
                // Only the recipient is an attendee.
                let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "")
                #expect(unfolded.components(separatedBy: "ATTENDEE;").count == 2)
                #expect(unfolded.contains("mailto:\(message.recipientAddress!)\r\n"))
            }
            #expect(try await Self.messages(api, kind: .quorumAtRisk).isEmpty)

            // Added later: that person alone, the sequence rising with every calendar message.
            let social = try await World.addProfessional(api, "Priya Nandra", role: "partnerProfessional", agency: w.school)
            try await api.expect(201, .POST, "api/v1/meetings/\(meeting)/invitations", ["professionalId": social])
            let added = try await Self.messages(api, kind: .invitationAdded)
            #expect(Self.names(added) == ["Priya Nandra"] && added.first?.calendarSequence == 1)
            // Taken off again before the discussion: a cancellation to that person alone, the sequence rising.
            try await api.expect(204, .DELETE, "api/v1/meetings/\(meeting)/invitations/\(social)")
            let withdrawn = try await Self.messages(api, kind: .invitationWithdrawn)
            #expect(Self.names(withdrawn) == ["Priya Nandra"])
            #expect(withdrawn.first?.calendarMethod == .cancel && withdrawn.first?.calendarSequence == 2)
            #expect(withdrawn.first?.body.contains("http://127.0.0.1:8080/my-work") == true)
            try await api.expect(409, .DELETE, "api/v1/meetings/\(meeting)/invitations/\(w.teamManager)")
            try await api.expect(404, .DELETE, "api/v1/meetings/\(meeting)/invitations/\(social)")

            // Police send apologies before the discussion: the chair and the service manager are told, once.
            try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(w.officer)", ["attendance": "apologies"])
            try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(w.officer)", ["attendance": "absent"])
            #expect(Self.names(try await Self.messages(api, kind: .quorumAtRisk)) == ["Grace Achterberg", "Martin Oduya"])

            // Moved by the service manager: a REQUEST with a higher sequence; cancelled: a CANCEL, same UID.
            let martin = api.acting(as: w.tokens[w.serviceManager]!)
            // A "move" to the time it has already is refused, and tells no one.
            let same = try await martin.expect(
                422, .POST, "api/v1/meetings/\(meeting)/move",
                ["newStart": iso(london("2026-11-23", "13:00")), "reason": "Same time"])
            #expect(same.problemFields == ["newStart"])
            #expect(try await Self.messages(api, kind: .meetingMoved).isEmpty)
            try await martin.expect(
                200, .POST, "api/v1/meetings/\(meeting)/move",
                ["newStart": iso(london("2026-11-23", "15:00")), "reason": "The officer is in court"])
            let moved = try await Self.messages(api, kind: .meetingMoved)
            #expect(moved.count == 6 && moved.allSatisfy { $0.calendarSequence == 3 && $0.calendar!.contains("UID:\(uid)") })
            #expect(moved.allSatisfy { $0.body.contains("Format: to be confirmed") })
            #expect(moved.allSatisfy { $0.body.contains("It was at: Mon 23 Nov 2026, 13:00") })
            #expect(moved.allSatisfy { $0.calendar!.contains("DTSTART:20261123T150000Z") })
            clock.now += 60
            try await martin.expect(200, .POST, "api/v1/meetings/\(meeting)/cancel", ["reason": "Police enquiry first"])
            let cancelled = try await Self.messages(api, kind: .meetingCancelled)
            #expect(cancelled.count == 6)
            #expect(
                cancelled.allSatisfy {
                    $0.calendarMethod == .cancel && $0.calendarSequence == 4 && $0.calendar!.contains("METHOD:CANCEL\r\n")
                        && $0.calendar!.contains("STATUS:CANCELLED") && $0.calendar!.contains("UID:\(uid)")
                })
        }
    }

    @Test(arguments: TestBackend.available) func noMessageCarriesTheFamilysDetailsOrAnyTextOfTheRecord(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _, _) = try await FieldVisibilityTests.markedMeeting(api, w)
            clock.now = london("2026-11-23", "13:55")
            for person in [w.socialWorker, w.teamManager, w.nurse, w.teacher] {
                try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(person)", ["attendance": "present"])
            }
            try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(w.officer)", ["attendance": "absent"])
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
                [
                    "startedAt": iso(london("2026-11-23", "13:00")), "endedAt": iso(london("2026-11-23", "13:50")),
                    "format": "video", "familyDetailsConfirmed": true,
                ])
            try await api.expect(
                201, .POST, "api/v1/meetings/\(meeting)/escalations",
                ["kind": "nonAttendance", "professionalId": w.officer, "reason": "MARKER-nonattendance-reason"])
            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/minutes/finalise", ["quorumReason": "MARKER-quorum-reason"])
            try await api.expect(200, .POST, "api/v1/meetings/\(meeting)/minutes/circulate", [String: Any]())
            try await api.acting(as: w.tokens[w.nurse]!).expect(
                201, .POST, "api/v1/meetings/\(meeting)/minutes/corrections",
                ["professionalId": w.nurse, "text": "MARKER-correction-text"])

            let all = try await Self.messages(api)
            // Every event of the meeting reached the person it concerns.
            #expect(Self.names(all.filter { $0.kind == .viewEscalated }) == ["Martin Oduya"])
            #expect(Self.names(all.filter { $0.kind == .partnerDidNotAttend }) == ["Martin Oduya"])
            #expect(Self.names(all.filter { $0.kind == .actionAgreed }) == ["Ruth Calloway"])
            #expect(Self.names(all.filter { $0.kind == .correctionReceived }) == ["Grace Achterberg"])
            // The move agreed by telephone, and the cancellation asked of the service manager.
            #expect(Self.names(all.filter { $0.kind == .agreementToAcknowledge }) == ["Martin Oduya"])
            #expect(Self.names(all.filter { $0.kind == .changeToAgree }) == ["Martin Oduya"])
            // Only the messages about taking part say how to join.
            #expect(all.filter { $0.body.contains("Format:") }.allSatisfy { [.meetingBooked, .meetingMoved].contains($0.kind) })
            #expect(
                Self.names(all.filter { $0.kind == .minutesCirculated }) == [
                    "Aled Brightwater", "Carys Whitfield", "Grace Achterberg", "Hana Okafor", "Ruth Calloway",
                ])
            // And none of them, as written and as sent, holds a word of the family or the record.
            let forbidden =
                FieldVisibilityTests.everything + [
                    "MARKER-quorum-reason", "MARKER-correction-text", "MARKER-nonattendance-reason", "Wren Ashdown",
                    "Amara Ashdown", "Bram Varley", "2017-05-14", "2016-01-02", "Larch Row", "LCS700123",
                ]
            for message in all {
                let sent = try MailText(message, from: "convene@test.example").text
                for text in [message.subject, message.body, message.calendar ?? "", sent] {
                    for marker in forbidden { #expect(!text.contains(marker), "\(message.kind) to \(message.recipientName)") }
                }
                #expect(sent.components(separatedBy: "\r\nTo: ").count == 2 && !sent.contains("\r\nCc:"))
                #expect(message.body.contains("Do not forward it"))
            }
        }
    }

    @Test func takingThePoliceOffTheInvitationsPutsTheQuorumAtRisk() async throws {
        try await withConvene(now: Self.now) { api, _ in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            #expect(try await Self.messages(api, kind: .quorumAtRisk).isEmpty)
            try await api.expect(204, .DELETE, "api/v1/meetings/\(meeting)/invitations/\(w.officer)")
            let told = try await Self.messages(api, kind: .quorumAtRisk)
            #expect(Self.names(told) == ["Grace Achterberg", "Martin Oduya"])
            #expect(told.allSatisfy { $0.subject == "Strategy discussion may not be quorate: case NS-10001" })
        }
    }

    @Test func aChangeThatIsRolledBackQueuesNothing() async throws {
        try await withConvene(now: Self.now) { api, _ in
            let w = try await World.build(api)
            let draft = try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/requests", w.requestForm(concern: london("2026-11-23", "09:00")))
            let requestId = UUID(uuidString: (draft["request"] as! [String: Any])["id"] as! String)!
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await api.store.transaction { store in
                    _ = try await store.submitRequest(requestId)
                    #expect(try await store.outbox(status: nil).total == 1)  // queued with the change …
                    throw Refused()
                }
            }
            #expect(try await api.store.outbox(status: nil).total == 0)  // … and gone with it
            #expect(try await api.store.request(requestId).request.status == .draft)
        }
    }

    @Test func anInviteeWithoutAnEmailAddressIsBookedAndShownAsNotNotified() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let admin = api.acting(as: api.tokens.admin!)
            let base: [String: Any] = [
                "name": "Dev Marsh", "role": "partnerProfessional", "jobTitle": "Youth worker", "agencyId": w.school,
            ]
            // A malformed address is refused, with the field named; so is a partner with neither email nor telephone.
            for bad in ["dev@school", "dev marsh@school.example", "dev@school.example\r\nBcc: x@y.example", "<dev@x.example>"] {
                var body = base
                body["email"] = bad
                #expect(try await admin.expect(422, .POST, "api/v1/professionals", body).problemFields == ["email"])
            }
            #expect(try await admin.expect(422, .POST, "api/v1/professionals", base).problemFields == ["email"])
            var telephoneOnly = base
            telephoneOnly["phone"] = "01632 960123"
            let dev = try await admin.expect(201, .POST, "api/v1/professionals", telephoneOnly).id

            var form = w.requestForm(concern: london("2026-11-23", "09:00"))
            form["inviteeIds"] = [w.officer, w.nurse, dev]
            let requestId = try await w.approvedRequest(api, form)
            let booked = try await api.expect(
                201, .POST, "api/v1/meetings",
                [
                    "requestId": requestId, "start": iso(london("2026-11-23", "13:00")), "chairId": w.teamManager,
                    "minuteTakerId": w.minuteTaker,
                ])
            let meeting = ((booked["record"] as! [String: Any])["meeting"] as! [String: Any])["id"] as! String
            let devs = try await Self.messages(api, kind: .meetingBooked).filter { $0.recipientName == "Dev Marsh" }
            #expect(devs.count == 1 && devs.first?.status == .notNotified && devs.first?.recipientAddress == nil)
            #expect(devs.first?.calendar == nil)

            let jo = PageClient(app: api.app)
            try await jo.signIn("jo", at: clock.now)
            let page = try await jo.get("/meetings/\(meeting)")
            #expect(page.body.contains("Not notified: no email address"))
            #expect(page.body.contains("Telephone them on 01632 960123."))
            // Only Dev: everyone else has an address.
            #expect(page.body.components(separatedBy: "Not notified: no email address").count == 2)
            // The minute taker can take Dev off before the discussion, but not those it needs.
            #expect(page.body.contains("Withdraw the invitation <span class=\"visually-hidden\">of Dev Marsh</span>"))
            #expect(!page.body.contains("of Grace Achterberg</span>") && !page.body.contains("of Hana Okafor</span>"))
            let withdrawn = try await jo.post("/meetings/\(meeting)/invitations/\(dev)/withdraw")
            #expect(withdrawn.status == 303)
            let after = try await jo.get("/meetings/\(meeting)").body
            #expect(!after.contains("attendance-\(dev)") && !after.contains("Not notified"))
        }
    }
}
