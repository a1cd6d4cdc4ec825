import ConveneCore
import Foundation
import Testing

/// The minutes page reads as a professional document: attendance is a table, the SMART actions
/// appear once, as the table, and the printout leaves out the version history unless asked for.
@Suite("Minutes as a document")
struct MinutesDocumentTests {
    @Test func attendanceIsATableActionsAppearOnceAndHistoryPrintsOnlyWhenAsked() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/people",
                [
                    "role": "child", "fullName": "Baby Ashdown", "expectedDeliveryDate": "2027-03-05",
                    "address": "3 Larch Row, Northmoor ZZ1 1QX",
                ])
            let (meeting, _) = try await w.bookMeeting(api)
            try await ConfirmationTests.holdWithoutPolice(api, w, meeting, clock)
            try await api.expect(
                201, .POST, "api/v1/meetings/\(meeting)/actions",
                [
                    "description": "See the child alone at school", "ownerId": w.socialWorker,
                    "dueAt": iso(london("2026-11-24", "15:00")),
                ])
            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/minutes/finalise", ["quorumReason": "Police gave information in writing."]
            )
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let page = try await grace.get("/meetings/\(meeting)/minutes").body

            let document =
                page.components(separatedBy: "<article class=\"minutes\">").last?
                .components(separatedBy: "</article>").first ?? ""
            // Attendance: one row per invitee, and the quorum note kept under the table
            #expect(page.contains("<caption class=\"visually-hidden\">Attendance</caption>"))
            #expect(
                page.contains(
                    "<td role=\"cell\" data-label=\"Name\">Aled Brightwater</td><td role=\"cell\" data-label=\"Role and agency\">partnerProfessional, Northmoor Police CAIT</td><td role=\"cell\" data-label=\"Attendance\">Apologies</td>"
                ))
            #expect(!document.contains("Aled Brightwater (partnerProfessional, Northmoor Police CAIT): Apologies"))
            // The amendment form starts from the whole section, the lines the table shows included
            #expect(page.contains("Aled Brightwater (partnerProfessional, Northmoor Police CAIT): Apologies\n"))
            #expect(page.contains("Not quorate: police did not take part."))
            // The SMART actions once, as the table, in the document (the amendment form holds the text)
            #expect(document.components(separatedBy: "See the child alone at school").count - 1 == 1)
            #expect(document.contains("<td role=\"cell\" data-label=\"Action\">See the child alone at school</td>"))
            #expect(!document.contains("| Owner:"))

            // An unborn child is "unborn, due …" on the meeting page and in the minutes, and dates are in words
            #expect(document.contains("Child: Baby Ashdown, unborn, due Fri 5 Mar 2027"))
            let meetingPage = try await grace.get("/meetings/\(meeting)").body
            #expect(meetingPage.contains("<td role=\"cell\" data-label=\"Born\">Unborn: due Fri 5 Mar 2027</td>"))
            // Once final, the chair can still reassign an open action to another invitee
            #expect(meetingPage.contains(">Keep Hana Okafor</option><option value=\"") && meetingPage.contains("New owner"))

            // The version history prints only when asked for
            #expect(page.contains("<section class=\"section no-print\" id=\"versions\""))
            #expect(page.contains("href=\"/meetings/\(meeting)/minutes?print=history\">Print with the version history</a>"))
            let withHistory = try await grace.get("/meetings/\(meeting)/minutes?print=history").body
            #expect(withHistory.contains("<section class=\"section\" id=\"versions\""))
            #expect(withHistory.contains("(this page prints with it)"))

            // Once the attendance section is amended, its text is the record, shown as written
            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/minutes/amendments",
                [
                    "summary": "Police attended by telephone for ten minutes.",
                    "sections": ["attendance": "Aled Brightwater (police) joined by telephone for ten minutes."],
                ])
            let amended = try await grace.get("/meetings/\(meeting)/minutes").body
            #expect(amended.contains("Aled Brightwater (police) joined by telephone for ten minutes."))
            #expect(!amended.contains("<caption class=\"visually-hidden\">Attendance</caption>"))
        }
    }

    @Test func theDraftSaysWhatIsMissingByNameAndTheQuorumWhatItCounts() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            // Booked, nobody's attendance taken: the quorum is of those invited, and says so
            let booked = try await grace.get("/meetings/\(meeting)").body
            #expect(booked.contains("are invited; attendance is not recorded yet."))
            // The draft minutes name each missing decision and field
            let draft = try await grace.get("/meetings/\(meeting)/minutes").body
            #expect(draft.contains("<li>Outcome decision: not recorded yet</li>"))
            #expect(draft.contains("<li>Risk factors: is required</li>"))
            #expect(!draft.contains("<li>this decision is not recorded</li>"))
            // …and do not say anyone took part before their attendance is recorded
            #expect(draft.contains("are invited; attendance is not recorded yet.") && !draft.contains("took part"))

            // Held and circulated; three days later the police officer still finds it in My work
            try await ConfirmationTests.holdWithoutPolice(api, w, meeting, clock)
            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/minutes/finalise", ["quorumReason": "Police gave information in writing."]
            )
            try await api.expect(200, .POST, "api/v1/meetings/\(meeting)/minutes/circulate", [String: Any]())
            clock.now = london("2026-11-26", "10:00")
            let aled = PageClient(app: api.app)
            try await aled.signIn("aled", at: clock.now)
            #expect((try await aled.get("/my-work")).body.contains("href=\"/meetings/\(meeting)\""))
        }
    }
}
