import ConveneTestSupport
import Foundation
import Testing

@Suite("Scheduling clashes")
struct SchedulingTests {
    @Test(arguments: TestBackend.available) func anImmediateBookingClashesWithAMeetingAlreadyUnderWay(backend: TestBackend)
        async throws
    {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, _ in
            // Given Grace chairing a discussion booked 13:00–14:00
            let w = try await World.build(api)
            _ = try await BadInputTests.ids(api, w)
            // and an immediate request for the same case, approved
            var form = w.requestForm(concern: london("2026-11-23", "09:00"))
            form["urgency"] = "immediate"
            let drafted = try await api.expect(201, .POST, "api/v1/cases/\(w.caseId)/requests", form)
            let requestId = (drafted["request"] as! [String: Any])["id"] as! String
            try await api.expect(200, .POST, "api/v1/requests/\(requestId)/submit")
            try await api.expect(200, .POST, "api/v1/requests/\(requestId)/approve", ["teamManagerId": w.teamManager])
            func booking(at time: String) -> [String: Any] {
                [
                    "requestId": requestId, "start": iso(london("2026-11-23", time)), "chairId": w.teamManager,
                    "minuteTakerId": w.minuteTaker, "lateReason": "The officer was at another incident until 14:00.",
                ]
            }
            // When it is booked for 13:30, while the first is under way, then Grace and Jo are both taken
            let clash = try await api.expect(422, .POST, "api/v1/meetings", booking(at: "13:30"))
            #expect(Set(clash.problemFields) == ["chairId", "minuteTakerId"])
            // And at 14:00, when the first has ended, it is booked
            try await api.expect(201, .POST, "api/v1/meetings", booking(at: "14:00"))
        }
    }
}
