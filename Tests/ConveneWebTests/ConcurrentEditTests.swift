import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

@Suite("Two people editing one record")
struct ConcurrentEditTests {
    static func sectionVersion(_ page: Page, meeting: String, section: String) -> String? {
        guard let form = page.body.range(of: "action=\"/meetings/\(meeting)/sections/\(section)\"") else { return nil }
        let rest = page.body[form.upperBound...]
        guard let field = rest.range(of: #"name="sectionVersion" value=""#) else { return nil }
        return String(rest[field.upperBound...].prefix { $0 != "\"" })
    }

    @Test(arguments: TestBackend.available) func aSecondEditOfTheSameSectionGetsBothVersionsNotAnOverwrite(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, clock in
            let w = try await World.build(api)
            let meeting = try await BadInputTests.ids(api, w)["meetingID"]!
            let chair = PageClient(app: api.app)
            try await chair.signIn("grace", at: clock.now)
            let taker = PageClient(app: api.app)
            try await taker.signIn("jo", at: clock.now)
            // Both open the meeting page at the same version of the risk analysis.
            let chairPage = try await chair.get("/meetings/\(meeting)")
            let takerPage = try await taker.get("/meetings/\(meeting)")
            let opened = try #require(Self.sectionVersion(chairPage, meeting: meeting, section: "risk"))
            #expect(Self.sectionVersion(takerPage, meeting: meeting, section: "risk") == opened)
            let path = "/meetings/\(meeting)/sections/risk"
            let first = try await chair.post(path, ["sectionVersion": opened, "riskFactors": "Chair: weapon in the home."])
            #expect(first.status == 303)
            // The minute taker's save of the same section is refused and shows both versions.
            let second = try await taker.post(path, ["sectionVersion": opened, "riskFactors": "Taker: partner has a knife."])
            #expect(second.status == 409)
            #expect(second.body.contains("someone else saved this section while you were editing"))
            #expect(second.body.contains("Taker: partner has a knife.") && second.body.contains("Chair: weapon in the home."))
            #expect(
                try await api.store.meetingRecord(UUID(uuidString: meeting)!).meeting.riskFactors == "Chair: weapon in the home.")
            // Another section saved meanwhile is not a conflict.
            let plan = try #require(Self.sectionVersion(takerPage, meeting: meeting, section: "plan"))
            #expect(
                try await taker.post(
                    "/meetings/\(meeting)/sections/plan", ["sectionVersion": plan, "safetyPlan": "Stay with gran."]
                ).status == 303)
            // Having seen both, the minute taker saves a merged text from the version now shown.
            let current = try #require(Self.sectionVersion(second, meeting: meeting, section: "risk"))
            #expect(current != opened)
            let merged = try await taker.post(
                path, ["sectionVersion": current, "riskFactors": "Weapon in the home; the partner has a knife."])
            #expect(merged.status == 303)
            let saved = try await api.store.meetingRecord(UUID(uuidString: meeting)!).meeting
            #expect(saved.riskFactors == "Weapon in the home; the partner has a knife." && saved.safetyPlan == "Stay with gran.")

            // The API says the same with 409 and a problem document.
            let stale = try await api.call(
                .PATCH, "api/v1/meetings/\(meeting)/record",
                ["sectionVersions": ["risk": Int(opened)!], "riskFactors": "Late API edit"])
            #expect(stale.status == 409 && stale.contentType.hasPrefix("application/problem+json"))
            #expect((stale["detail"] as? String)?.contains("Risk analysis section") == true)
            // With the record as it is now, to merge from.
            #expect(((stale["current"] as? [String: Any])?["record"] as? [String: Any])?["meeting"] != nil)
            let fresh = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")
            let versions = try #require(fresh["sectionVersions"] as? [String: Int])
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record",
                ["sectionVersions": ["risk": versions["risk"]!], "riskFactors": "API edit from the current version"])
        }
    }
}
