import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// A wrong SMART action is put right, not just marked done: cancelled, reassigned or re-dated with
/// a reason, by the meeting team, and kept in the action's history. Its owner marks it done.
@Suite("Changing a SMART action")
struct ActionChangeTests {
    static let now = london("2026-11-23", "09:30")

    /// An action's owner is one of the invitees (someone else is invited first, and so gets the
    /// minutes); the rest of the directory is offered once, to invite. The page does not grow with
    /// the size of the organisation.
    @Test func theMeetingPageOffersTheInviteesAsOwnersAndTheRestOfTheDirectoryToInvite() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let actionId = try await api.expect(
                201, .POST, "api/v1/meetings/\(meeting)/actions",
                ["description": "Visit the child at home.", "ownerId": w.officer, "dueAt": iso(london("2026-11-24", "12:00"))]
            ).id
            let record = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")["record"] as? [String: Any]
            let invited = Set(((record?["invitations"] as? [[String: Any]]) ?? []).compactMap { $0["professionalId"] as? String })
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let page = try await grace.get("/meetings/\(meeting)").body
            /// The values a select list offers, but its empty first choice.
            func offered(by select: String) -> Set<String> {
                let list =
                    page.components(separatedBy: "<select id=\"\(select)\"").dropFirst().first?
                    .components(separatedBy: "</select>").first ?? ""
                return Set(
                    list.components(separatedBy: "<option value=\"").dropFirst()
                        .compactMap { $0.components(separatedBy: "\"").first?.lowercased() }.filter { !$0.isEmpty })
            }
            let everyone = Set(invited.map { $0.lowercased() })
            #expect(everyone.count >= 5 && everyone.contains(w.officer.lowercased()))
            #expect(offered(by: "action-ownerId") == everyone)
            #expect(offered(by: "owner-\(actionId)") == everyone)
            let toInvite = offered(by: "invite-professionalId")
            #expect(toInvite.isDisjoint(with: everyone) && toInvite.contains(w.serviceManager.lowercased()))
        }
    }

    @Test(arguments: TestBackend.available) func theChairReassignsRedatesAndCancelsWithReasonsKeptInTheHistory(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let action = try await api.expect(
                201, .POST, "api/v1/meetings/\(meeting)/actions",
                ["description": "Visit the child at home.", "ownerId": w.officer, "dueAt": iso(london("2026-11-24", "12:00"))]
            ).id
            let path = "api/v1/actions/\(action)"

            // Reassigning and re-dating need a reason
            let noReason = try await api.expect(
                422, .PATCH, path, ifMatch: try await api.etag(path),
                ["ownerId": w.nurse, "dueAt": iso(london("2026-11-25", "12:00"))])
            #expect(noReason.problemFields == ["reason"])
            // Nothing asked for is refused by name
            #expect(
                try await api.expect(422, .PATCH, path, ifMatch: try await api.etag(path), [String: Any]()).problemFields == [
                    "status"
                ])

            // Only someone invited may own it, as when it was agreed: they open it from the meeting page
            let uninvited = try await api.expect(
                422, .PATCH, path, ifMatch: try await api.etag(path),
                ["ownerId": w.serviceManager, "reason": "The service manager will see to it."])
            #expect(uninvited.problemFields == ["ownerId"])
            #expect((uninvited["detail"] as? String)?.contains("must be someone invited") == true)
            let notAgreed = try await api.expect(
                422, .POST, "api/v1/meetings/\(meeting)/actions",
                ["description": "Check the records.", "ownerId": w.serviceManager, "dueAt": iso(london("2026-11-24", "12:00"))])
            #expect(notAgreed.problemFields == ["ownerId"])
            // A new owner and a new status at once is refused as that, not as a closed action
            let both = try await api.expect(
                422, .PATCH, path, ifMatch: try await api.etag(path),
                ["ownerId": w.nurse, "status": "completed", "completionEvidence": "Seen.", "reason": "Done by health."])
            #expect((both["detail"] as? String)?.contains("not both at once") == true)

            let moved = try await api.expect(
                200, .PATCH, path, ifMatch: try await api.etag(path),
                [
                    "ownerId": w.nurse, "dueAt": iso(london("2026-11-25", "12:00")),
                    "reason": "The health visitor sees the family on Wednesday.",
                ])
            #expect(moved["ownerId"] as? String == w.nurse && moved["agencyId"] as? String == w.health)
            #expect(moved["dueAt"] as? String == iso(london("2026-11-25", "12:00")))
            // The new owner is told, as the first was when it was agreed (by email; no action text in it)
            let told = try await api.store.messages(to: UUID(uuidString: w.nurse)!).filter { $0.kind == .actionAgreed }
            #expect(told.count == 1 && told.first?.body.contains("Due: Wed 25 Nov 2026, 12:00") == true)
            // and the officer, who owned it, that it has left their list (nothing of the action in it either)
            let released = try await api.store.messages(to: UUID(uuidString: w.officer)!).filter { $0.kind == .actionReassigned }
            #expect(released.count == 1)
            #expect(released.first?.subject == "SMART action given to someone else: case NS-10001")
            #expect(released.first?.body.contains("It is no longer yours to complete.") == true)
            #expect(released.first?.body.contains("Visit the child") == false)
            // Its clock follows: due on the new date, owned by the nurse
            let clock1 = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/clocks").array
                .compactMap { $0["clock"] as? [String: Any] }.first { $0["subjectId"] as? String == action }
            #expect(clock1?["ownerId"] as? String == w.nurse && clock1?["dueAt"] as? String == iso(london("2026-11-25", "12:00")))

            // A re-date into the past, or beyond the local limit, is refused
            let past = try await api.expect(
                422, .PATCH, path, ifMatch: try await api.etag(path),
                ["dueAt": iso(london("2026-11-20", "12:00")), "reason": "r"])
            #expect(past.problemFields == ["dueAt"])

            // The new owner cannot cancel it; the chair can, with a reason
            let nurse = api.acting(as: w.tokens[w.nurse]!)
            let refused = try await nurse.expect(
                409, .PATCH, path, ifMatch: try await api.etag(path), ["status": "cancelled", "reason": "Not mine"])
            #expect((refused["detail"] as? String)?.hasPrefix("only the chair, the minute taker or a manager") == true)
            #expect(
                try await api.expect(422, .PATCH, path, ifMatch: try await api.etag(path), ["status": "cancelled"]).problemFields
                    == ["reason"])
            clock.now = london("2026-11-23", "15:00")
            let cancelled = try await api.expect(
                200, .PATCH, path, ifMatch: try await api.etag(path),
                ["status": "cancelled", "reason": "Duplicate of the joint visit agreed under the S47 plan."])
            #expect(cancelled["status"] as? String == "cancelled")
            // The nurse, who owned it, is told it is no longer hers to do (the reason stays in Convene)
            let dropped = try await api.store.messages(to: UUID(uuidString: w.nurse)!).filter { $0.kind == .actionCancelled }
            #expect(dropped.count == 1 && dropped.first?.subject == "SMART action cancelled: case NS-10001")
            #expect(dropped.first?.body.contains("Duplicate of the joint visit") == false)

            // The history says who did what, when and why, oldest first
            let history = try await api.expect(200, .GET, "\(path)/history").array
            #expect(history.map { $0["kind"] as? String } == ["reassigned", "redated", "cancelled"])
            #expect(history.allSatisfy { $0["changedBy"] as? String == w.teamManager })
            #expect(history[0]["previousOwnerId"] as? String == w.officer && history[0]["newOwnerId"] as? String == w.nurse)
            #expect(history[1]["previousDueAt"] as? String == iso(london("2026-11-24", "12:00")))
            #expect(history[2]["reason"] as? String == "Duplicate of the joint visit agreed under the S47 plan.")
            #expect(history[2]["changedAt"] as? String == iso(london("2026-11-23", "15:00")))

            // The meeting page shows it
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            let page = try await grace.get("/meetings/\(meeting)")
            #expect(page.body.contains("Reassigned from Aled Brightwater to Ruth Calloway by Grace Achterberg"))
            #expect(page.body.contains("Cancelled by Grace Achterberg, "))
            #expect(page.body.contains("Duplicate of the joint visit agreed under the S47 plan."))
        }
    }

    @Test func theOwnerMarksTheirActionDoneFromTheirPageAndNeverSeesTheTeamsPage() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
                ["riskFactors": "TEAM-ONLY-MARKER"])
            let action = try await api.expect(
                201, .POST, "api/v1/meetings/\(meeting)/actions",
                ["description": "Share the police log.", "ownerId": w.officer, "dueAt": iso(london("2026-11-24", "12:00"))]
            )
            let aled = PageClient(app: api.app)
            try await aled.signIn("aled", at: clock.now)
            let page = try await aled.get("/meetings/\(meeting)")
            #expect(page.body.contains("Share the police log.") && page.body.contains("Mark done"))
            #expect(!page.body.contains("TEAM-ONLY-MARKER"))
            // A mistake answers with the invitee's own page and the message, never the team's page
            let missing = try await aled.post(
                "/meetings/\(meeting)/actions/\(action.id)", ["status": "completed", "version": "1"])
            #expect(missing.status == 422)
            #expect(missing.body.contains("Evidence") || missing.body.contains("completionEvidence"))
            #expect(!missing.body.contains("TEAM-ONLY-MARKER"))
            // Nor may the owner cancel it
            let cancel = try await aled.post(
                "/meetings/\(meeting)/actions/\(action.id)", ["status": "cancelled", "reason": "Not needed", "version": "1"])
            #expect(cancel.status == 422 && cancel.body.contains("only the chair, the minute taker or a manager"))
            let done = try await aled.post(
                "/meetings/\(meeting)/actions/\(action.id)",
                ["status": "completed", "completionEvidence": "Log shared with CSC at 14:10.", "version": "1"])
            // (The refusals above left the action's version as it was.)
            #expect(done.status == 303)
            let after = try await aled.get(try #require(done.location))
            #expect(after.body.contains("Action updated") && after.body.contains("Done"))
        }
    }
}
