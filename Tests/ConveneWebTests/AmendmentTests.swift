import ConveneCore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

/// An amendment starts from the section as it stands, and never blanks one by mistake: an
/// unchanged section is refused, and emptying one needs an explicit confirmation.
@Suite("Amending circulated minutes")
struct AmendmentTests {
    @Test func eachSectionsFormStartsFromItsTextAndAnEmptiedSectionNeedsConfirming() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            try await api.expect(
                200, .PUT, "api/v1/meetings/\(meeting)/decisions/significantHarm",
                ["answer": "yes", "rationale": "Disclosure and injury.", "decidedBy": w.teamManager])
            try await AttributionTests.circulate(api, w, meeting, clock)
            let chair = PageClient(app: api.app)
            try await chair.signIn("grace", at: clock.now)
            let page = try await chair.get("/meetings/\(meeting)/minutes")
            // The safety plan's form holds the safety plan as it stands.
            #expect(
                page.body.contains(#"<textarea id="amend-safetyPlan-text" name="text">Partner to leave the home.</textarea>"#))
            let path = "/meetings/\(meeting)/minutes/amendments"
            func versions() async throws -> Int { try await api.store.minutes(of: UUID(uuidString: meeting)!).versions.count }

            // Only the reason, with the text left as it was: nothing to amend.
            let unchanged = try await chair.post(
                path, ["section": "safetyPlan", "text": "Partner to leave the home.", "summary": "Tidying"])
            #expect(unchanged.status == 422 && unchanged.body.contains("every section given is the same as the current version"))
            // An emptied text without the box ticked is refused, and the reason typed is kept.
            let emptied = try await chair.post(path, ["section": "safetyPlan", "text": "", "summary": "Plan withdrawn"])
            #expect(emptied.status == 422 && emptied.body.contains("would leave the section empty"))
            #expect(emptied.body.contains(#"value="Plan withdrawn""#))
            #expect(try await versions() == 1)
            // Ticked, it is emptied on purpose; a real change is kept as a new version.
            let confirmed = try await chair.post(
                path, ["section": "safetyPlan", "text": "", "summary": "Plan withdrawn", "confirmEmpty": "on"])
            #expect(confirmed.status == 303)
            let changed = try await chair.post(
                path, ["section": "safetyPlan", "text": "Partner to leave; gran to stay.", "summary": "New plan agreed"])
            #expect(changed.status == 303)
            let latest = try await api.store.minutes(of: UUID(uuidString: meeting)!).versions
            #expect(latest.count == 3)
            #expect(latest[1].sections.first { $0.key == "safetyPlan" }?.text == "")
            #expect(latest[2].sections.first { $0.key == "safetyPlan" }?.text == "Partner to leave; gran to stay.")

            // The API says the same: a blank section needs emptySections.
            let blank = try await api.expect(
                422, .POST, "api/v1/meetings/\(meeting)/minutes/amendments",
                ["summary": "Blank", "sections": ["riskAnalysis": "  "]])
            #expect(blank.problemFields == ["sections.riskAnalysis"])
            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/minutes/amendments",
                ["summary": "Blank on purpose", "sections": ["riskAnalysis": ""], "emptySections": ["riskAnalysis"]])
        }
    }
}
