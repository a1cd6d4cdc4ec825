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

    /// A refused form's page says "Error:" first in its title and opens on the error summary; the
    /// same page before anything was refused does neither (GOV.UK's error summary pattern).
    @Test func aRefusedFormsPageTitleStartsWithErrorAndItsSummaryHasFocus() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            let form = try await hana.get("/cases/\(w.caseId)/requests/new")
            #expect(form.status == 200)
            #expect(!form.body.contains("<title>Error: ") && !form.body.contains("autofocus"))
            #expect(!form.body.contains("error-summary.js"))
            let refused = try await hana.post(
                "/cases/\(w.caseId)/requests", ["action": "save", "urgency": "standard", "otherDueDate": "2026-02-30"])
            #expect(refused.status == 422)
            let title = refused.body.components(separatedBy: "<title>").dropFirst().first?.prefix(while: { $0 != "<" }) ?? ""
            #expect(title.hasPrefix("Error: ") && title.hasSuffix(" – Convene"))
            let summary = refused.body.components(separatedBy: "class=\"error-summary\"").dropFirst().first?.prefix(120) ?? ""
            #expect(summary.contains("autofocus"))
            // Its links take the keyboard to the field's control (the browser walk clicks one)
            #expect(refused.body.contains(#"<script src="/js/error-summary.js" defer></script>"#))
            let script = try await hana.get("/js/error-summary.js")
            #expect(script.status == 200 && script.body.contains("control.focus"))
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

    /// The text between the element with `id` and the next 600 characters: where its message is.
    static func inside(_ page: String, id: String) -> Substring {
        page.components(separatedBy: "id=\"\(id)\"").dropFirst().first?.prefix(600) ?? ""
    }

    /// A refused change to one SMART action shows by that action's change form, open, with what
    /// was typed; the form for a new action and the other actions' forms stay as they were.
    @Test func aRefusedChangeToAnActionShowsByThatActionsFormWithWhatWasTyped() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            var actions: [String] = []
            for (owner, what) in [(w.officer, "Check police records."), (w.nurse, "Share the health visitor's notes.")] {
                actions.append(
                    try await api.expect(
                        201, .POST, "api/v1/meetings/\(meeting)/actions",
                        ["description": what, "ownerId": owner, "dueAt": iso(london("2026-11-24", "12:00"))]
                    ).id)
            }
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            try await grace.get("/meetings/\(meeting)")
            let refused = try await grace.post(
                "/meetings/\(meeting)/actions/\(actions[0])",
                ["version": "1", "ownerId": w.nurse, "dueAt": "2026-13-45T10:00", "reason": "Officer on leave TYPED"])
            #expect(refused.status == 422)
            let page = refused.body
            let section = "action-\(actions[0])"
            #expect(page.contains("<a href=\"#\(section)-dueAt\">"))
            #expect(Self.inside(page, id: "\(section)-dueAt").contains("<p class=\"error-message\">"))
            #expect(Self.inside(page, id: "reason-\(actions[0])").contains("Officer on leave TYPED</textarea>"))
            #expect(Self.inside(page, id: "owner-\(actions[0])").contains("<option value=\"\(w.nurse)\" selected"))
            let change = page.components(separatedBy: "id=\"\(section)-ownerId\"").first ?? ""
            #expect(
                change.components(separatedBy: "<details").last?.hasPrefix(" class=\"action-change\" open>") == true,
                "the action's change form is open")
            // Nothing of it is in the new action's form or the other action's
            #expect(!Self.inside(page, id: "action-ownerId").contains("selected"))
            #expect(!Self.inside(page, id: "owner-\(actions[1])").contains("selected"))
            #expect(!Self.inside(page, id: "actions-dueAt").contains("error-message"))
            #expect(!Self.inside(page, id: "reason-\(actions[1])").contains("TYPED"))

            // A reason alone changes nothing: said by the owner and due fields of that form, reason kept
            let reasonOnly = try await grace.post(
                "/meetings/\(meeting)/actions/\(actions[0])", ["version": "1", "reason": "Only a reason TYPED"])
            #expect(reasonOnly.status == 422)
            #expect(reasonOnly.body.contains("<a href=\"#\(section)-ownerId\">Owner: choose a new owner or a new due date"))
            #expect(Self.inside(reasonOnly.body, id: "\(section)-ownerId").contains("<p class=\"error-message\">"))
            #expect(Self.inside(reasonOnly.body, id: "reason-\(actions[0])").contains("Only a reason TYPED</textarea>"))

            // The owner marks theirs done without evidence: the message is by that action's form.
            let ruth = PageClient(app: api.app)
            try await ruth.signIn("ruth", at: clock.now)
            try await ruth.get("/meetings/\(meeting)")
            let tooLong = String(repeating: "x", count: 10_001)
            let notDone = try await ruth.post(
                "/meetings/\(meeting)/actions/\(actions[1])",
                ["version": "1", "status": "completed", "completionEvidence": tooLong])
            #expect(notDone.status == 422)
            let own = "action-\(actions[1])-completionEvidence"
            #expect(notDone.body.contains("<a href=\"#\(own)\">"))
            #expect(Self.inside(notDone.body, id: own).contains("<p class=\"error-message\">"))
            #expect(notDone.body.contains("id=\"evidence-\(actions[1])\" name=\"completionEvidence\" value=\"\(tooLong)\""))
        }
    }

    /// Finalising minutes the record is not ready for: each problem in words, linked to the place
    /// on the meeting page where it is recorded.
    @Test func aRefusedFinaliseLinksEachProblemToWhereTheMeetingPageRecordsIt() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            try await grace.get("/meetings/\(meeting)/minutes")
            let refused = try await grace.post("/meetings/\(meeting)/minutes/finalise", ["confirmed": "true"])
            #expect(refused.status == 422)
            let links = refused.body.components(separatedBy: "<a href=\"/meetings/\(meeting)#").dropFirst()
                .compactMap { $0.components(separatedBy: "\"").first }
            #expect(Set(links).isSuperset(of: ["opening-endedAt", "attendance", "risk-riskFactors", "plan-safetyPlan"]))
            #expect(links.contains { $0.hasPrefix("decision-") })
            #expect(!refused.body.contains("attendance."), "no field's key is shown")
            #expect(refused.body.contains("Attendance: attendance of Aled Brightwater is not recorded"))
            // Each link leads to a place on the meeting page
            let meetingPage = try await grace.get("/meetings/\(meeting)").body
            for anchor in Set(links) { #expect(meetingPage.contains("id=\"\(anchor)\""), "\(anchor) is on the meeting page") }
        }
    }

    /// Every link of an error summary leads to something on the page.
    @Test func everyLinkOfTheAddPersonFormsErrorSummaryLeadsToAField() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            try await hana.get("/cases/\(w.caseId)")
            let refused = try await hana.post(
                "/cases/\(w.caseId)/people",
                ["role": "child", "fullName": "Lark Ashdown", "dateOfBirth": "2019-05-14", "dateOfBirthUnknown": "true"])
            #expect(refused.status == 422)
            let summary =
                refused.body.components(separatedBy: "class=\"error-summary\"").dropFirst().first?
                .components(separatedBy: "</div>").first ?? ""
            let anchors = summary.components(separatedBy: "<a href=\"#").dropFirst().compactMap {
                $0.components(separatedBy: "\"").first
            }
            #expect(anchors.contains("person-dateOfBirthUnknown"))
            for anchor in anchors { #expect(refused.body.contains("id=\"\(anchor)\""), "\(anchor) is on the page") }
        }
    }
}
