import ConveneTestSupport
import Foundation
import Testing

@Suite("One case from request to circulated minutes")
struct LifecycleTests {
    @Test(arguments: TestBackend.available) func wholeLifecycleThroughTheAPI(backend: TestBackend) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, clock in
            let ready = try await api.expect(200, .GET, "ready")
            #expect(ready["ready"] as? Bool == true && ready["pendingMigrations"] as? [String] == [])
            let w = try await World.build(api)
            let concern = london("2026-11-23", "09:00")

            // MARK: Request: a draft can be incomplete, but submitting it names every missing field
            let draft = try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/requests", ["presentingIssue": "Bruising"])
            let requestId = (draft["request"] as! [String: Any])["id"] as! String
            let incomplete = try await api.expect(422, .POST, "api/v1/requests/\(requestId)/submit")
            #expect(incomplete.contentType.hasPrefix("application/problem+json"))
            for field in ["urgency", "trigger", "concernIdentifiedAt", "rationale", "inviteeIds"] {
                #expect(incomplete.problemFields.contains(field), "submission error should name \(field)")
            }
            // A change names the version it started from: without it, 428; from an older one, 409 with the current values.
            let read = try await api.etag("api/v1/requests/\(requestId)")
            let unversioned = try await api.expect(428, .PUT, "api/v1/requests/\(requestId)", w.requestForm(concern: concern))
            #expect(unversioned.contentType.hasPrefix("application/problem+json"))
            try await api.expect(200, .PUT, "api/v1/requests/\(requestId)", ifMatch: read, w.requestForm(concern: concern))
            let submitted = try await api.expect(200, .POST, "api/v1/requests/\(requestId)/submit")
            #expect((submitted["request"] as! [String: Any])["status"] as? String == "submitted")
            try await api.expect(
                409, .PUT, "api/v1/requests/\(requestId)", ifMatch: try await api.etag("api/v1/requests/\(requestId)"),
                w.requestForm(concern: concern))
            // Nobody approves in someone else's name; the social worker cannot approve at all.
            let notManager = try await api.expect(
                422, .POST, "api/v1/requests/\(requestId)/approve", ["teamManagerId": w.socialWorker])
            #expect(notManager.problemFields == ["teamManagerId"])
            try await api.acting(as: w.tokens[w.socialWorker]!).expect(404, .POST, "api/v1/requests/\(requestId)/approve")
            let approved = try await api.expect(
                200, .POST, "api/v1/requests/\(requestId)/approve", ["teamManagerId": w.teamManager])
            #expect((approved["request"] as! [String: Any])["status"] as? String == "approved")

            // MARK: Scheduling: standard slots only, no double booking, moves need the service manager
            let slots = try await api.expect(
                200, .GET, "api/v1/organisations/\(w.organisation)/slots?from=2026-11-23&to=2026-11-23")
            #expect(slots.array.count == 7)
            let offSlot = try await api.expect(
                422, .POST, "api/v1/meetings",
                [
                    "requestId": requestId, "start": iso(london("2026-11-23", "12:30")), "chairId": w.teamManager,
                    "minuteTakerId": w.minuteTaker,
                ])
            #expect(offSlot.problemFields == ["start"])
            let booked = try await api.expect(
                201, .POST, "api/v1/meetings",
                [
                    "requestId": requestId, "start": iso(london("2026-11-23", "13:00")), "chairId": w.teamManager,
                    "minuteTakerId": w.minuteTaker,
                ])
            let meetingId = ((booked["record"] as! [String: Any])["meeting"] as! [String: Any])["id"] as! String
            #expect((booked["quorum"] as! [String: Any])["missing"] as? [String] == [])
            try await api.expect(
                409, .POST, "api/v1/meetings",
                [
                    "requestId": requestId, "start": iso(london("2026-11-23", "14:00")), "chairId": w.teamManager,
                    "minuteTakerId": w.minuteTaker,
                ])
            let notSM = try await api.expect(
                422, .POST, "api/v1/meetings/\(meetingId)/move",
                [
                    "newStart": iso(london("2026-11-23", "14:00")), "agreedBy": w.teamManager, "agreement": "byTelephone",
                    "reason": "Police unavailable at 13:00",
                ])
            #expect(notSM.problemFields == ["agreedBy"])
            let moved = try await api.expect(
                200, .POST, "api/v1/meetings/\(meetingId)/move",
                [
                    "newStart": iso(london("2026-11-23", "14:00")), "agreedBy": w.serviceManager, "agreement": "byTelephone",
                    "reason": "Police unavailable at 13:00",
                ])
            let changes = (moved["record"] as! [String: Any])["changes"] as! [[String: Any]]
            #expect(changes.count == 1 && changes[0]["agreedBy"] as? String == w.serviceManager)

            // MARK: The meeting: attendance and the quorum check
            clock.now = london("2026-11-23", "14:05")
            try await api.expect(200, .PUT, "api/v1/meetings/\(meetingId)/attendance/\(w.officer)", ["attendance": "apologies"])
            for person in [w.socialWorker, w.teamManager, w.nurse] {
                try await api.expect(200, .PUT, "api/v1/meetings/\(meetingId)/attendance/\(person)", ["attendance": "present"])
            }
            try await api.expect(
                200, .PUT, "api/v1/meetings/\(meetingId)/attendance/\(w.teacher)", ["attendance": "sentWrittenInformation"])
            #expect(try await api.expect(200, .GET, "api/v1/meetings/\(meetingId)/quorum")["missing"] as? [String] == ["police"])
            try await api.expect(200, .PUT, "api/v1/meetings/\(meetingId)/attendance/\(w.officer)", ["attendance": "present"])
            #expect(try await api.expect(200, .GET, "api/v1/meetings/\(meetingId)/quorum")["isQuorate"] as? Bool == true)
            #expect(try await api.expect(200, .GET, "api/v1/meetings/\(meetingId)/quorum")["missing"] as? [String] == [])

            // MARK: The record
            clock.now = london("2026-11-23", "14:55")
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meetingId)/record", ifMatch: try await api.etag("api/v1/meetings/\(meetingId)"),
                [
                    "format": "video", "startedAt": iso(london("2026-11-23", "14:00")),
                    "endedAt": iso(london("2026-11-23", "14:50")),
                    "familyDetailsConfirmed": true, "confidentialityStatementGiven": true,
                    "riskFactors": "Injury consistent with the account; partner has a record for assault.",
                    "protectiveFactors": "Grandmother nearby.", "safeAtHome": "no", "otherChildrenAtRisk": "no",
                    "voiceOfChild": "Says they are scared of the partner.", "interpreterNeeded": "no",
                    "safetyPlan": "Partner not to stay at the address; grandmother to stay.",
                ])
            try await api.expect(
                201, .POST, "api/v1/meetings/\(meetingId)/contributions",
                ["agencyId": w.police, "professionalId": w.officer, "summary": "Partner known for assault in 2023."])
            try await api.expect(
                422, .POST, "api/v1/meetings/\(meetingId)/contributions",
                ["agencyId": w.police, "professionalId": w.nurse, "summary": "Wrong agency."])
            @discardableResult func decide(_ kind: String, _ body: [String: Any], _ status: Int = 200) async throws -> Reply {
                try await api.expect(
                    status, .PUT, "api/v1/meetings/\(meetingId)/decisions/\(kind)",
                    body.merging(["decidedBy": w.teamManager, "rationale": "Agreed by all agencies."]) { a, _ in a })
            }
            try await decide("significantHarm", ["answer": "yes"])
            try await decide("s47Enquiry", ["answer": "joint"])
            try await decide("icpc", ["answer": "yes"])
            let noReason = try await decide("informParents", ["answer": "no"], 422)
            #expect(Set(noReason.problemFields) == ["parentsNotInformedReason", "byDate"])
            try await decide(
                "informParents",
                ["answer": "no", "parentsNotInformedReason": "prejudiceCriminalInvestigation", "byDate": "2026-11-25"])
            try await decide("outcome", ["answer": "s47Joint"])
            try await api.expect(
                201, .POST, "api/v1/meetings/\(meetingId)/dissents",
                [
                    "decisionKind": "s47Enquiry", "raisedBy": w.nurse, "view": "Single agency would do.",
                    "resolution": "Agreed joint after police intelligence.", "status": "resolved",
                ])
            let action = try await api.expect(
                201, .POST, "api/v1/meetings/\(meetingId)/actions",
                [
                    "description": "See the child alone at school", "ownerId": w.socialWorker,
                    "dueAt": iso(london("2026-11-25", "17:00")),
                ])
            #expect(action["agencyId"] as? String == w.csc)
            try await api.expect(
                422, .POST, "api/v1/meetings/\(meetingId)/actions",
                ["description": "Back-dated", "ownerId": w.officer, "dueAt": iso(london("2026-11-20", "17:00"))])

            // MARK: Minutes: only the chair finalises; the record then freezes
            clock.now = london("2026-11-23", "15:30")
            let byTaker = try await api.expect(422, .POST, "api/v1/meetings/\(meetingId)/minutes/finalise", ["by": w.minuteTaker])
            #expect(byTaker.problemFields == ["by"])
            let finalised = try await api.expect(
                200, .POST, "api/v1/meetings/\(meetingId)/minutes/finalise", ["by": w.teamManager])
            #expect(finalised["status"] as? String == "finalised")
            let v1 = (finalised["versions"] as! [[String: Any]])[0]
            let keys = (v1["sections"] as! [[String: Any]]).map { $0["key"] as! String }
            #expect(
                keys == [
                    "details", "attendance", "family", "confidentiality", "reason", "cscInformation", "agencyInformation",
                    "riskAnalysis", "decisions", "differentViews", "actions", "safetyPlan", "outcome",
                ])
            try await api.expect(
                409, .PATCH, "api/v1/meetings/\(meetingId)/record", ifMatch: try await api.etag("api/v1/meetings/\(meetingId)"),
                ["safetyPlan": "Changed after finalising"])
            try await api.expect(
                409, .POST, "api/v1/meetings/\(meetingId)/minutes/corrections", ["professionalId": w.nurse, "text": "Too early"])

            // MARK: Circulation to every invitee, a correction, and an amendment that keeps version 1
            clock.now = london("2026-11-23", "16:00")
            let circulated = try await api.acting(as: w.tokens[w.minuteTaker]!).expect(
                200, .POST, "api/v1/meetings/\(meetingId)/minutes/circulate", ["by": w.minuteTaker])
            #expect(circulated["status"] as? String == "circulated")
            let recipients = Set((circulated["circulations"] as! [[String: Any]]).map { $0["professionalId"] as! String })
            #expect(recipients == [w.socialWorker, w.teamManager, w.officer, w.nurse, w.teacher])
            #expect(circulated["correctionsDueAt"] as? String == iso(london("2026-11-24", "16:00")))
            clock.now = london("2026-11-23", "17:00")
            let correction = try await api.expect(
                201, .POST, "api/v1/meetings/\(meetingId)/minutes/corrections",
                ["professionalId": w.nurse, "text": "The A&E attendance was in May, not March."])
            #expect(correction["withinWindow"] as? Bool == true)
            try await api.expect(
                422, .POST, "api/v1/meetings/\(meetingId)/minutes/amendments",
                ["amendedBy": w.teamManager, "summary": "x", "sections": ["notASection": "y"]])
            let amended = try await api.expect(
                200, .POST, "api/v1/meetings/\(meetingId)/minutes/amendments",
                [
                    "amendedBy": w.teamManager, "summary": "Corrected the month of the A&E attendance.",
                    "sections": [
                        "agencyInformation":
                            "Northmoor Police CAIT: Partner known for assault in 2023.\nHealth: A&E attendance in May."
                    ],
                    "correctionIds": [correction.id],
                ])
            let versions = amended["versions"] as! [[String: Any]]
            #expect(versions.map { $0["version"] as! Int } == [1, 2])
            #expect(versions[1]["changedSections"] as? [String] == ["agencyInformation"])
            #expect(
                (versions[0]["sections"] as! [[String: Any]])[6]["text"] as? String
                    != (versions[1]["sections"] as! [[String: Any]])[6]["text"] as? String)
            #expect((amended["corrections"] as! [[String: Any]])[0]["status"] as? String == "applied")
            clock.now = london("2026-11-25", "09:00")
            let late = try await api.expect(
                201, .POST, "api/v1/meetings/\(meetingId)/minutes/corrections",
                ["professionalId": w.teacher, "text": "Late note"])
            #expect(late["withinWindow"] as? Bool == false)

            // MARK: Clocks: met, running, and overdue
            clock.now = london("2026-11-26", "09:00")
            let clocks = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/clocks").array.map {
                $0["clock"] as! [String: Any]
            }
            func state(_ kind: String) -> String? { clocks.first { $0["kind"] as? String == kind }?["state"] as? String }
            #expect(state("meeting") == "met")
            #expect(state("minutesCirculation") == "met")
            #expect(state("correctionsWindow") == "met")
            #expect(state("action") == "overdue")
            #expect(state("parentsNotInformedReview") == "overdue")
            #expect(state("s47Enquiry") == "open")
            let s47 = clocks.first { $0["kind"] as? String == "s47Enquiry" }!
            #expect(s47["dueAt"] as? String == iso(endOfLondonDay("2026-12-14")))
            let overdue = try await api.expect(200, .GET, "api/v1/clocks?overdue=true").array
            #expect(
                Set(overdue.map { ($0["clock"] as! [String: Any])["kind"] as! String }) == ["action", "parentsNotInformedReview"])
            #expect(overdue.allSatisfy { ($0["secondsLeft"] as! Int) < 0 })

            // Completing the action stops its clock
            let actionTag = try await api.etag("api/v1/actions/\(action.id)")
            try await api.expect(422, .PATCH, "api/v1/actions/\(action.id)", ifMatch: actionTag, ["status": "completed"])
            try await api.expect(
                200, .PATCH, "api/v1/actions/\(action.id)", ifMatch: actionTag,
                ["status": "completed", "completionEvidence": "Seen alone at school on 25 November."])
            let after = try await api.expect(200, .GET, "api/v1/clocks?overdue=true").array
            #expect(after.count == 1)
        }
    }
}

func endOfLondonDay(_ day: String) -> Date {
    london(day, "00:00").addingTimeInterval(86_399)
}
