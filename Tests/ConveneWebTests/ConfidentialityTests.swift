import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import ConveneWeb

@Suite("Need to know: partner agencies, confidential minutes, break-glass")
struct ConfidentialityTests {
    static let now = london("2026-11-23", "09:30")

    /// A partner-agency professional with an account, in no meeting.
    static func partner(_ api: APIClient, _ username: String, _ name: String, agency: String) async throws -> (
        account: Account, token: String
    ) {
        let id = try await api.expect(
            201, .POST, "api/v1/professionals",
            ["name": name, "role": "partnerProfessional", "jobTitle": "Officer", "agencyId": agency, "email": "\(username)@e.x"]
        ).id
        return try await api.makeAccount(username: username, professionalId: id)
    }

    @Test(arguments: TestBackend.available) func partnersSeeOnlyTheMeetingsTheyWereInvitedTo(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            let ids = try await BadInputTests.ids(api, w)
            let police = api.acting(as: w.tokens[w.officer]!)
            try await police.expect(200, .GET, "api/v1/meetings/\(ids["meetingID"]!)")
            try await police.expect(404, .GET, "api/v1/cases/\(w.caseId)")
            try await police.expect(404, .GET, "api/v1/requests/\(ids["requestID"]!)")
            #expect(try await police.expect(200, .GET, "api/v1/cases").array.isEmpty)
            #expect(try await police.expect(200, .GET, "api/v1/meetings?from=2026-11-20T00:00:00Z").array.count == 1)
            // On the meeting page the officer, an invitee, sees the logistics and what the chair released
            // (FieldVisibilityTests); only the chair and minute taker get the record and its forms.
            let officerPage = PageClient(app: api.app)
            try await officerPage.signIn("aled", at: Self.now)
            let read = try await officerPage.get("/meetings/\(ids["meetingID"]!)")
            #expect(read.status == 200 && read.body.contains("Who is invited") && !read.body.contains("Save attendance"))
            let chairPage = PageClient(app: api.app)
            try await chairPage.signIn("grace", at: Self.now)
            #expect(try await chairPage.get("/meetings/\(ids["meetingID"]!)").body.contains("Save attendance"))
            // Another police officer, not invited, sees nothing at all.
            let other = try await Self.partner(api, "paz", "Paz Ellery", agency: w.police)
            let stranger = api.acting(as: other.token)
            try await stranger.expect(404, .GET, "api/v1/meetings/\(ids["meetingID"]!)")
            try await stranger.expect(404, .GET, "api/v1/actions/\(ids["actionID"]!)")
            #expect(try await stranger.expect(200, .GET, "api/v1/meetings?from=2026-11-20T00:00:00Z").array.isEmpty)
            #expect(try await stranger.expect(200, .GET, "api/v1/actions").array.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available) func minutesAreForInviteesOnceFinalisedAndForOthersOnlyWithTheChairsPermission(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            let ids = try await BadInputTests.ids(api, w)
            let meeting = ids["meetingID"]!
            let minutes = "api/v1/meetings/\(meeting)/minutes"
            let police = api.acting(as: w.tokens[w.officer]!)
            try await police.expect(404, .GET, minutes)  // a draft is for the people writing it and the case team
            try await api.acting(as: w.tokens[w.socialWorker]!).expect(200, .GET, minutes)
            try await (api.app.db as! any SQLDatabase).raw(
                "UPDATE meetings SET minutes_status = 'finalised' WHERE id = \(bind: UUID(uuidString: meeting)!)"
            ).run()
            try await police.expect(200, .GET, minutes)

            // Someone outside the meeting: not until the chair gives recorded permission, and not after it is revoked.
            let outsider = try await Self.partner(api, "lado", "Lee Adeyemi", agency: w.school)
            let lado = api.acting(as: outsider.token)
            try await lado.expect(404, .GET, minutes)
            let ladoId = outsider.account.professionalId!.uuidString
            try await api.acting(as: w.tokens[w.socialWorker]!).expect(
                404, .POST, "\(minutes)/shares", ["professionalId": ladoId, "reason": "LADO referral"])
            let share = try await api.expect(
                201, .POST, "\(minutes)/shares", ["professionalId": ladoId, "reason": "Allegation against a school employee"])
            try await lado.expect(200, .GET, minutes)
            let log = try await api.expect(200, .GET, "\(minutes)/disclosures").array
            let entry = try #require(log.first { $0["disclosedTo"] as? String == ladoId })
            #expect(entry["disclosedBy"] as? String == w.teamManager)
            #expect(entry["why"] as? String == "Allegation against a school employee")
            #expect((entry["what"] as? String)?.hasPrefix("Minutes") == true)
            try await api.expect(422, .POST, "\(minutes)/shares", ["professionalId": w.officer, "reason": "Already invited"])
            try await api.expect(200, .POST, "\(minutes)/shares/\(share.id)/revoke")
            try await lado.expect(404, .GET, minutes)
            // The permission stays on record as revoked; the disclosure stays in the log.
            let shares = try await api.expect(200, .GET, "\(minutes)/shares").array
            #expect(shares.contains { $0["id"] as? String == share.id && $0["revokedAt"] != nil })
            #expect(try await api.expect(200, .GET, "\(minutes)/disclosures").array.count == log.count)
        }
    }

    @Test func breakGlassNeedsAReasonLastsAnHourIsFlaggedAndTellsTheServiceManager() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let east = try await api.expect(
                201, .POST, "api/v1/organisations/\(w.organisation)/teams", ["name": "Duty", "locality": "Out of hours"]
            ).id
            let dutyId = try await api.expect(
                201, .POST, "api/v1/professionals",
                [
                    "name": "Nell Fairbrother", "role": "socialWorker", "jobTitle": "Emergency Duty SW", "agencyId": w.csc,
                    "teamId": east, "email": "n@e.x",
                ]
            ).id
            _ = try await api.makeAccount(username: "nell", professionalId: dutyId)
            let duty = PageClient(app: api.app)
            try await duty.signIn("nell", at: clock.now)
            #expect(try await duty.get("/cases/\(w.caseId)").status == 404)
            try await duty.get("/break-glass")
            let short = try await duty.post("/break-glass", ["caseReference": "NS-10001", "reason": "urgent"])
            #expect(short.status == 422 && short.body.contains("Reason: must say why in at least 20 characters"))
            let unknown = try await duty.post(
                "/break-glass", ["caseReference": "NS-99999", "reason": "Police call at 02:00 about the children"])
            #expect(unknown.status == 422 && unknown.body.contains("Case reference: no case has this reference"))
            let reason = "Police call at 02:00: child found alone; need the safety plan"
            let opened = try await duty.post("/break-glass", ["caseReference": "NS-10001", "reason": reason])
            #expect(opened.status == 303 && opened.location?.hasPrefix("/cases/\(w.caseId)") == true)
            let read = try await duty.get("/cases/\(w.caseId)")
            #expect(read.status == 200)
            // Read-only: emergency access does not let them change the case, and the page offers no way to.
            #expect(!read.body.contains("Request a strategy discussion") && !read.body.contains("/cases/\(w.caseId)/people\""))
            #expect(!read.body.contains("/requests/new") && !read.body.contains("/cases/\(w.caseId)/people/"))
            // Nor on a meeting's page: its SMART actions are shown, not offered to mark done or change
            let (meeting, _) = try await w.bookMeeting(api)
            try await api.expect(
                201, .POST, "api/v1/meetings/\(meeting)/actions",
                ["description": "Visit the child at home.", "ownerId": w.officer, "dueAt": iso(london("2026-11-24", "12:00"))])
            let meetingPage = try await duty.get("/meetings/\(meeting)")
            #expect(meetingPage.status == 200 && meetingPage.body.contains("Visit the child at home."))
            #expect(!meetingPage.body.contains("Mark done") && !meetingPage.body.contains("Cancel, reassign or re-date"))
            let chair = PageClient(app: api.app)
            try await chair.signIn("grace", at: clock.now)
            #expect((try await chair.get("/meetings/\(meeting)")).body.contains("Mark done"))
            #expect(try await duty.post("/cases/\(w.caseId)/people", ["role": "otherChild", "fullName": "X"]).status == 404)
            let flagged = try await api.store.auditEvents(AuditFilter(limit: 5)).filter {
                $0.username == "nell" && $0.action == .read
            }
            #expect(flagged.first?.breakGlass == true && flagged.first?.reason == reason)
            // The case's service manager sees it to review.
            let martin = PageClient(app: api.app)
            try await martin.signIn("martin", at: clock.now)
            let alerts = try await martin.get("/break-glass")
            #expect(alerts.body.contains("Nell Fairbrother") && alerts.body.contains(reason))
            // An hour later it has closed again.
            clock.now += BreakGlassGrant.duration + 1
            let later = PageClient(app: api.app)
            try await later.signIn("nell", at: clock.now)
            #expect(try await later.get("/cases/\(w.caseId)").status == 404)
            // Partner agencies cannot use break-glass at all.
            let police = PageClient(app: api.app)
            try await police.signIn("aled", at: clock.now)
            #expect(try await police.get("/break-glass").status == 404)
        }
    }
}
