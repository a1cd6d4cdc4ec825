import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// Clocks a dashboard can trust: a draft starts none, dates outside the local limits are refused
/// by field, and a cancelled booking leaves the request's own clock, awaiting a new booking.
@Suite("Clocks that do not mislead")
struct ClockTruthTests {
    static let now = london("2026-11-23", "10:00")

    @Test(arguments: TestBackend.available) func aDraftStartsNoClockUntilItIsSubmitted(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            func meetingClocks() async throws -> [[String: Any]] {
                try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/clocks").array
                    .compactMap { $0["clock"] as? [String: Any] }.filter { $0["kind"] as? String == "meeting" }
            }
            // A concern dated 1900 is refused by field, and nothing is saved
            var form = w.requestForm(concern: london("1900-01-01", "09:00"))
            let refused = try await api.expect(422, .POST, "api/v1/cases/\(w.caseId)/requests", form)
            #expect(refused.problemFields == ["concernIdentifiedAt"])
            #expect(try await api.expect(200, .GET, "api/v1/requests?caseId=\(w.caseId)").array.isEmpty)

            // A draft whose concern was 25 hours ago starts no clock: the dashboard shows nothing overdue
            form = w.requestForm(concern: london("2026-11-22", "09:00"))
            let draft = try await api.expect(201, .POST, "api/v1/cases/\(w.caseId)/requests", form)
            let requestId = (draft["request"] as! [String: Any])["id"] as! String
            #expect(try await meetingClocks().isEmpty)

            // Submitted, the clock starts from the concern it gives, so it is already overdue
            try await api.expect(200, .POST, "api/v1/requests/\(requestId)/submit")
            let clocks = try await meetingClocks()
            #expect(clocks.count == 1)
            #expect(clocks.first?["startedAt"] as? String == iso(london("2026-11-22", "09:00")))
            #expect(clocks.first?["state"] as? String == "overdue")
            // and the team manager's dashboard counts it, in the singular
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: Self.now)
            let dashboard = try await grace.get("/dashboard?teamId=\(w.team)")
            #expect(dashboard.body.contains("<span class=\"number\">1</span> clock overdue"))
        }
    }

    @Test(arguments: TestBackend.available) func aCancelledBookingLeavesTheRequestAwaitingANewBooking(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, request) = try await w.bookMeeting(api)
            let booked = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/clocks").array
                .compactMap { $0["clock"] as? [String: Any] }.first { $0["subjectId"] as? String == request }
            #expect(booked?["label"] as? String == "Strategy discussion (standard)")

            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/cancel",
                [
                    "agreedBy": w.serviceManager, "agreement": "byTelephone",
                    "reason": "The chair is unwell; to be rebooked today.",
                ])
            clock.now = london("2026-11-24", "08:00")
            let after = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/clocks").array
                .compactMap { $0["clock"] as? [String: Any] }.first { $0["subjectId"] as? String == request }
            // Due 24 hours after the 09:00 concern, not met, and due soon: not "on track"
            #expect(after?["dueAt"] as? String == iso(london("2026-11-24", "09:00")))
            #expect(after?["completedAt"] == nil || after?["completedAt"] is NSNull)
            #expect(after?["state"] as? String == "dueSoon")
            #expect(after?["label"] as? String == "Strategy discussion (standard): awaiting a new booking")

            // The team manager's dashboard says so in words
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let dashboard = try await grace.get("/dashboard?teamId=\(w.team)")
            #expect(dashboard.body.contains("Strategy discussion (standard): awaiting a new booking"))
            #expect(dashboard.body.contains("Due soon"))
        }
    }
}
