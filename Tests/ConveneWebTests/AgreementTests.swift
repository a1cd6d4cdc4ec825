import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// A booked meeting moves or is cancelled only with the case's service manager's agreement, given
/// by that service manager signed in: they make the change, or approve (or decline) one they were
/// asked to agree. The minute taker may record an agreement given by telephone; it is marked so,
/// and the service manager is told in My work until they acknowledge it.
@Suite("A service manager's agreement")
struct AgreementTests {
    static let now = london("2026-11-23", "09:30")

    static func meetingRecord(_ reply: Reply) -> [String: Any] {
        (reply["record"] as? [String: Any]) ?? [:]
    }

    static func start(_ reply: Reply) -> String? {
        (meetingRecord(reply)["meeting"] as? [String: Any])?["scheduledStart"] as? String
    }

    static func changes(_ reply: Reply) -> [[String: Any]] {
        (meetingRecord(reply)["changes"] as? [[String: Any]]) ?? []
    }

    @Test(arguments: TestBackend.available) func anAskedChangeWaitsUntilTheServiceManagerApprovesItSignedIn(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let path = "api/v1/meetings/\(meeting)"
            let booked = Self.start(try await api.expect(200, .GET, path))
            let move: [String: Any] = [
                "newStart": iso(london("2026-11-23", "15:00")), "agreement": "requested", "agreedBy": w.serviceManager,
                "reason": "MARKER-agreement: the police officer is in court at 13:00",
            ]
            // The chair asks; nothing moves yet, and nothing else can be asked meanwhile
            let asked = try await api.expect(200, .POST, "\(path)/move", move)
            #expect(Self.start(asked) == booked)
            let change = try #require(Self.changes(asked).first)
            #expect(change["status"] as? String == "pending" && change["agreement"] as? String == "requested")
            #expect(change["agreedBy"] as? String == w.serviceManager && change["recordedBy"] as? String == w.teamManager)
            try await api.expect(
                409, .POST, "\(path)/cancel", ["agreement": "requested", "agreedBy": w.serviceManager, "reason": "r"])
            // Only the service manager asked decides: not the chair who asked
            let changeId = try #require(change["id"] as? String)
            try await api.expect(409, .POST, "\(path)/changes/\(changeId)/approve")

            // The service manager sees it in My work and on the meeting, and approves it signed in
            let martin = PageClient(app: api.app)
            try await martin.signIn("martin", at: clock.now)
            let work = try await martin.get("/my-work")
            #expect(work.body.contains("Changes to bookings to agree"))
            #expect(work.body.contains("Move from Mon 23 Nov 2026, 13:00 to Mon 23 Nov 2026, 15:00"))
            let page = try await martin.get("/meetings/\(meeting)")
            #expect(page.body.contains("Waiting for agreement: Grace"))
            #expect(page.body.contains("Agree and make the change"))
            let approved = try await martin.post("/meetings/\(meeting)/changes/\(changeId)/approve")
            #expect(approved.status == 303)
            let after = try await api.expect(200, .GET, path)
            #expect(Self.start(after) == iso(london("2026-11-23", "15:00")))
            let agreed = try #require(Self.changes(after).first)
            #expect(agreed["status"] as? String == "agreed" && agreed["decidedAt"] as? String == iso(clock.now))
            #expect(!(try await martin.get("/my-work")).body.contains("Changes to bookings to agree"))
            #expect((try await martin.get("/meetings/\(meeting)")).body.contains("agreed signed in"))
            #expect(try await martin.post("/meetings/\(meeting)/changes/\(changeId)/approve").status == 422)
        }
    }

    @Test(arguments: TestBackend.available) func aDeclinedChangeLeavesTheBookingWithTheReason(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let path = "api/v1/meetings/\(meeting)"
            let taker = api.acting(as: w.tokens[w.minuteTaker]!)
            let asked = try await taker.expect(
                200, .POST, "\(path)/cancel",
                ["agreement": "requested", "agreedBy": w.serviceManager, "reason": "The chair is unwell."])
            let changeId = try #require(Self.changes(asked).first?["id"] as? String)
            let martin = api.acting(as: w.tokens[w.serviceManager]!)
            let noReason = try await martin.expect(422, .POST, "\(path)/changes/\(changeId)/decline", [String: Any]())
            #expect(noReason.problemFields == ["reason"])
            let declined = try await martin.expect(
                200, .POST, "\(path)/changes/\(changeId)/decline", ["reason": "Another chair can take it at 13:00."])
            let status = (Self.meetingRecord(declined)["meeting"] as? [String: Any])?["status"] as? String
            #expect(status == "booked")
            let change = try #require(Self.changes(declined).first)
            #expect(change["status"] as? String == "declined")
            #expect(change["declinedReason"] as? String == "Another chair can take it at 13:00.")
            _ = clock
            // Declined, the meeting can be asked about again
            try await taker.expect(
                200, .POST, "\(path)/cancel", ["agreement": "requested", "agreedBy": w.serviceManager, "reason": "Again."])
        }
    }

    @Test(arguments: TestBackend.available) func aTelephoneAgreementIsMarkedAndTheServiceManagerIsTold(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let path = "api/v1/meetings/\(meeting)"
            let taker = api.acting(as: w.tokens[w.minuteTaker]!)
            // The minute taker may not agree as if signed in as the service manager
            let pretend = try await taker.expect(
                422, .POST, "\(path)/cancel", ["agreement": "signedIn", "reason": "Chair unwell."])
            #expect(pretend.problemFields == ["agreement"])
            // Only the case's service manager: not another service manager of the organisation
            let other = try await World.addProfessional(api, "Nia Calder", role: "serviceManager", agency: w.csc, team: w.team)
            let notTheirs = try await taker.expect(
                422, .POST, "\(path)/cancel", ["agreement": "byTelephone", "agreedBy": other, "reason": "Chair unwell."])
            #expect(notTheirs.problemFields == ["agreedBy"])

            let cancelled = try await taker.expect(
                200, .POST, "\(path)/cancel",
                ["agreement": "byTelephone", "agreedBy": w.serviceManager, "reason": "Chair unwell; agreed at 09:25."])
            #expect((Self.meetingRecord(cancelled)["meeting"] as? [String: Any])?["status"] as? String == "cancelled")
            let change = try #require(Self.changes(cancelled).first)
            #expect(change["agreement"] as? String == "byTelephone" && change["status"] as? String == "agreed")
            #expect(change["recordedBy"] as? String == w.minuteTaker && change["acknowledgedAt"] == nil)
            let changeId = try #require(change["id"] as? String)

            let martin = PageClient(app: api.app)
            try await martin.signIn("martin", at: clock.now)
            let work = try await martin.get("/my-work")
            #expect(work.body.contains("Telephone agreements recorded for you"))
            #expect(work.body.contains("Cancel the meeting of Mon 23 Nov 2026, 13:00"))
            let page = try await martin.get("/meetings/\(meeting)")
            #expect(page.body.contains("agreed by telephone, recorded by Jo"))
            #expect(page.body.contains("has been told and has not yet acknowledged it"))
            // Someone else cannot acknowledge it for them
            try await taker.expect(409, .POST, "\(path)/changes/\(changeId)/acknowledge")
            let acknowledged = try await martin.post("/meetings/\(meeting)/changes/\(changeId)/acknowledge")
            #expect(acknowledged.status == 303)
            #expect(!(try await martin.get("/my-work")).body.contains("Telephone agreements recorded for you"))
            let after = try #require(Self.changes(try await api.expect(200, .GET, path)).first)
            #expect(after["acknowledgedAt"] as? String == iso(clock.now))
            try await api.acting(as: w.tokens[w.serviceManager]!).expect(
                409, .POST, "\(path)/changes/\(changeId)/acknowledge")
        }
    }

    @Test(arguments: TestBackend.available) func theServiceManagerSignedInAgreesAsThemselves(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let martin = PageClient(app: api.app)
            try await martin.signIn("martin", at: clock.now)
            let page = try await martin.get("/meetings/\(meeting)")
            #expect(page.body.contains("As a service manager, you agree"))
            #expect(!page.body.contains("How the service manager agrees"))
            let moved = try await martin.post(
                "/meetings/\(meeting)/move",
                ["newStart": "2026-11-23T15:00", "agreement": "signedIn", "reason": "Police in court at 13:00."])
            #expect(moved.status == 303)
            let change = try #require(Self.changes(try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")).first)
            #expect(change["agreement"] as? String == "signedIn" && change["status"] as? String == "agreed")
            #expect(change["agreedBy"] as? String == w.serviceManager && change["recordedBy"] as? String == w.serviceManager)
            // The chair's form asks how the service manager agrees, and names a missing answer
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let form = try await grace.get("/meetings/\(meeting)")
            #expect(form.body.contains("How the service manager agrees"))
            let missing = try await grace.post(
                "/meetings/\(meeting)/move", ["newStart": "2026-11-23T16:00", "reason": "Later still."])
            #expect(missing.status == 422)
            #expect(missing.body.contains("How the service manager agrees: choose how the service manager agrees"))
        }
    }
}
