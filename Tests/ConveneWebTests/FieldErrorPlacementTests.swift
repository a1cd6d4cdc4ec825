import Foundation
import Testing

/// A refused field's message is shown by the field, where the person can see it, and the error
/// summary links to it there.
@Suite("Where a refused field's message is shown")
struct FieldErrorPlacementTests {
    /// Saving the whole record can refuse fields in several of its parts.
    @Test func eachRefusedFieldIsMarkedAndLinkedInItsOwnPartOfTheRecord() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let refused = try await grace.post(
                "/meetings/\(meeting)/record",
                ["section": "plan", "startedAt": "yesterday", "nextDiscussionDate": "2026-13-45", "safetyPlan": "Kept."])
            #expect(refused.status == 422)
            let page = refused.body
            for (part, field) in [("opening", "startedAt"), ("plan", "nextDiscussionDate")] {
                #expect(page.contains("<a href=\"#\(part)-\(field)\">"), "\(field) is linked in \(part)")
                let wrapper = page.components(separatedBy: "id=\"\(part)-\(field)\"").first?.suffix(40) ?? ""
                #expect(wrapper.contains("field-error"), "\(field)'s field is marked")
                let inside = page.components(separatedBy: "id=\"\(part)-\(field)\"").dropFirst().first?.prefix(400) ?? ""
                #expect(inside.contains("<p class=\"error-message\">"), "\(field)'s message is by it")
            }
            // What was typed stays in the form
            #expect(page.contains("Kept.</textarea>"))
        }
    }

    /// The request form's "Other" part opens when one of its fields was refused.
    @Test func aRefusedFieldInsideTheOtherUrgencyPartOpensIt() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            let refused = try await hana.post(
                "/cases/\(w.caseId)/requests", ["action": "save", "urgency": "standard", "otherDueDate": "2026-02-30"])
            #expect(refused.status == 422)
            let before = refused.body.components(separatedBy: "id=\"field-otherDueDate\"").first ?? ""
            let details = before.components(separatedBy: "<details").last ?? ""
            #expect(details.hasPrefix(" open>"), "the part holding the refused field is open")
            #expect(refused.body.contains("<a href=\"#field-otherDueDate\">"))
        }
    }
}
