import ConveneCore
import ConveneTestSupport
import Foundation
import OpenAPIKit
import Testing
import VaporTesting

@testable import ConveneWeb

/// The acting person is the signed-in person (docs/SECURITY.md, "Who acted"). Where the guidance
/// has one person record for another, the record keeps both names, and the person recorded for
/// must be an invitee, or for an agreement a service manager of the case's organisation.
@Suite("Who acted: attribution cannot be forged")
struct AttributionTests {
    /// Every body field of the API that names a professional, and how it is checked. A new one
    /// fails the test below until it is added here and to docs/SECURITY.md.
    static let personFields: [String: String] = [
        "draftedBy": "the signed-in person",
        "teamManagerId": "the signed-in person (approve, return); a team manager of the team (create a case)",
        "by": "the signed-in person", "amendedBy": "the signed-in person",
        "professionalId":
            "a correction's sender: the signed-in person, or an invitee when the chair or minute taker records it; a contribution's speaker: an invitee; an invitation's or a share's recipient",
        "decidedBy": "the chair or an invitee; the recorder is kept", "raisedBy": "the chair or an invitee; the recorder is kept",
        "agreedBy":
            "the case's service manager: the signed-in service manager, or named when asked to agree or when their telephone agreement is recorded; the recorder is kept",
        "urgencyAgreedBy": "a service manager of the case's organisation",
        "chairId": "a team or service manager of the case's organisation",
        "minuteTakerId": "a minute taker of the case's organisation",
        "socialWorkerId": "a social worker of the case's team",
        "serviceManagerId": "a service manager of the case's organisation",
        "ownerId": "any professional: the action's owner", "inviteeIds": "professionals to invite",
    ]
    /// Ids in bodies that name no professional.
    static let otherIds: Set<String> = ["agencyId", "requestId", "teamId", "correctionIds", "personIds", "dissentId"]

    @Test func everyBodyFieldThatNamesAPersonHasARule() {
        var found: Set<String> = []
        func walk(_ schema: JSONSchema) {
            if let object = schema.objectContext {
                for (name, property) in object.properties where Self.isUUID(property) { found.insert(name) }
                object.properties.values.forEach(walk)
            }
            if let items = schema.arrayContext?.items { walk(items) }
        }
        for (_, schema) in Schema.components { walk(schema) }
        #expect(found == Set(Self.personFields.keys).union(Self.otherIds), "\(found.sorted())")
    }

    static func isUUID(_ schema: JSONSchema) -> Bool {
        schema.formatString == "uuid" || schema.arrayContext?.items.map(isUUID) == true
    }

    @Test(arguments: TestBackend.available) func theActorIsTheSignedInPersonAndRecordsForOthersKeepBothNames(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            let taker = api.acting(as: w.tokens[w.minuteTaker]!)
            let admin = api.acting(as: api.tokens.admin!)

            // Another organisation's service manager, and a police officer who was not invited.
            let east = try await admin.expect(201, .POST, "api/v1/organisations", ["name": "Eastvale Trust", "preset": "2h-24h"])
                .id
            let eastTeam = try await admin.expect(
                201, .POST, "api/v1/organisations/\(east)/teams", ["name": "Eastvale Assessment", "locality": "East"]
            ).id
            let foreignManager = try await World.addProfessional(
                api, "Iona Strand", role: "serviceManager", agency: w.csc, team: eastTeam)
            let stranger = try await World.addProfessional(api, "Paz Ellery", role: "partnerProfessional", agency: w.police)

            // An agreement to move: only a service manager of the case's organisation, and the
            // minute taker who took it by telephone is kept beside them.
            let martin = api.acting(as: w.tokens[w.serviceManager]!)
            let move: [String: Any] = ["newStart": iso(london("2026-11-23", "14:00")), "reason": "Police unavailable at 13:00"]
            let foreign = try await martin.expect(
                422, .POST, "api/v1/meetings/\(meeting)/move", move.merging(["agreedBy": foreignManager]) { a, _ in a })
            #expect(foreign.problemFields == ["agreedBy"])
            let moved = try await taker.expect(
                200, .POST, "api/v1/meetings/\(meeting)/move",
                move.merging(["agreedBy": w.serviceManager, "agreement": "byTelephone"]) { a, _ in a })
            let change = try #require(((moved["record"] as? [String: Any])?["changes"] as? [[String: Any]])?.first)
            #expect(change["agreedBy"] as? String == w.serviceManager && change["recordedBy"] as? String == w.minuteTaker)

            // A contribution: for an invitee only, recorded by the minute taker for them.
            // An agency speaks through someone invited: probation was not.
            let probation = try await api.acting(as: api.tokens.admin!).expect(
                201, .POST, "api/v1/agencies", ["name": "Northmoor Probation", "kind": "probation"]
            ).id
            let uninvitedAgency = try await taker.expect(
                422, .POST, "api/v1/meetings/\(meeting)/contributions",
                ["agencyId": probation, "summary": "Not at this meeting."])
            #expect(uninvitedAgency.problemFields == ["agencyId"])
            let notInvited = try await taker.expect(
                422, .POST, "api/v1/meetings/\(meeting)/contributions",
                ["agencyId": w.police, "professionalId": stranger, "summary": "Not at this meeting."])
            #expect(notInvited.problemFields == ["professionalId"])
            let contribution = try await taker.expect(
                201, .POST, "api/v1/meetings/\(meeting)/contributions",
                ["agencyId": w.police, "professionalId": w.officer, "summary": "Partner known to police."])
            #expect(contribution["professionalId"] as? String == w.officer)
            #expect(contribution["recordedBy"] as? String == w.minuteTaker)
            let decision = try await taker.expect(
                200, .PUT, "api/v1/meetings/\(meeting)/decisions/significantHarm",
                ["answer": "yes", "rationale": "Disclosure and injury.", "decidedBy": w.teamManager])
            #expect(decision["decidedBy"] as? String == w.teamManager && decision["recordedBy"] as? String == w.minuteTaker)
            try await taker.expect(
                422, .POST, "api/v1/meetings/\(meeting)/dissents", ["raisedBy": stranger, "view": "Not at this meeting."])
            let dissent = try await taker.expect(
                201, .POST, "api/v1/meetings/\(meeting)/dissents", ["raisedBy": w.nurse, "view": "Single agency would do."])
            #expect(dissent["raisedBy"] as? String == w.nurse && dissent["recordedBy"] as? String == w.minuteTaker)
            let page = PageClient(app: api.app)
            try await page.signIn("jo", at: clock.now)
            let body = try await page.get("/meetings/\(meeting)").body
            #expect(body.contains("Aled Brightwater (recorded by Jo Pemberton)"))
            #expect(body.contains("Martin Oduya agreed by telephone, recorded by Jo Pemberton"))
            #expect(body.contains("Ruth Calloway (recorded by Jo Pemberton)"))

            // Corrections after circulation: an invitee sends their own; the minute taker records
            // one sent by return for an invitee, never for anyone else.
            try await Self.circulate(api, w, meeting, clock)
            let police = api.acting(as: w.tokens[w.officer]!)
            let corrections = "api/v1/meetings/\(meeting)/minutes/corrections"
            let forged = try await police.expect(
                422, .POST, corrections, ["professionalId": w.socialWorker, "text": "Signed as the social worker."])
            #expect(forged.problemFields == ["professionalId"])
            // An invitee's correction is received when it is sent: it cannot be backdated into the window.
            let backdated = try await police.expect(
                422, .POST, corrections, ["text": "Backdated.", "receivedAt": "2026-11-23T15:00:00Z"])
            #expect(backdated.problemFields == ["receivedAt"])
            let beforeCirculation = try await taker.expect(
                422, .POST, corrections,
                ["professionalId": w.nurse, "text": "Before circulation.", "receivedAt": "2026-11-20T10:00:00Z"])
            #expect(beforeCirculation.problemFields == ["receivedAt"])
            let own = try await police.expect(201, .POST, corrections, ["text": "The caution was in 2022."])
            #expect(own["professionalId"] as? String == w.officer && own["recordedBy"] as? String == w.officer)
            let byReturn = try await taker.expect(
                201, .POST, corrections, ["professionalId": w.nurse, "text": "The A&E visit was in May."])
            #expect(byReturn["professionalId"] as? String == w.nurse && byReturn["recordedBy"] as? String == w.minuteTaker)
            let notAnInvitee = try await taker.expect(
                422, .POST, corrections, ["professionalId": stranger, "text": "From someone not invited."])
            #expect(notAnInvitee.problemFields == ["professionalId"])

            // A request is drafted by the signed-in person, whoever the body names.
            let hana = api.acting(as: w.tokens[w.socialWorker]!)
            let draftForged = try await hana.expect(
                422, .POST, "api/v1/cases/\(w.caseId)/requests", ["draftedBy": w.teamManager, "presentingIssue": "Bruising"])
            #expect(draftForged.problemFields == ["draftedBy"])
            let draft = try await hana.expect(201, .POST, "api/v1/cases/\(w.caseId)/requests", ["presentingIssue": "Bruising"])
            #expect((draft["request"] as? [String: Any])?["draftedBy"] as? String == w.socialWorker)
            // Nor can a change of the draft name another author.
            let draftId = try #require((draft["request"] as? [String: Any])?["id"] as? String)
            let renamed = try await hana.expect(
                422, .PATCH, "api/v1/requests/\(draftId)", ifMatch: try await hana.etag("api/v1/requests/\(draftId)"),
                ["draftedBy": w.teamManager, "presentingIssue": "Bruising"])
            #expect(renamed.problemFields == ["draftedBy"])
        }
    }

    /// Holds the meeting (booked for 14:00 on 23 November), finalises and circulates its minutes.
    static func circulate(_ api: APIClient, _ w: World, _ meeting: String, _ clock: TestClock) async throws {
        clock.now = london("2026-11-23", "14:55")
        for person in [w.socialWorker, w.teamManager, w.officer, w.nurse, w.teacher] {
            try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(person)", ["attendance": "present"])
        }
        try await api.expect(
            200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
            [
                "startedAt": iso(london("2026-11-23", "14:00")), "endedAt": iso(london("2026-11-23", "14:50")),
                "format": "video", "familyDetailsConfirmed": true, "riskFactors": "Injury and disclosure.",
                "safetyPlan": "Partner to leave the home.",
            ])
        for (kind, answer) in [("s47Enquiry", "joint"), ("informParents", "yes"), ("outcome", "s47Joint")] {
            try await api.expect(
                200, .PUT, "api/v1/meetings/\(meeting)/decisions/\(kind)",
                ["answer": answer, "rationale": "Agreed by all agencies.", "decidedBy": w.teamManager])
        }
        try await api.expect(200, .POST, "api/v1/meetings/\(meeting)/minutes/finalise", [String: Any]())
        try await api.expect(200, .POST, "api/v1/meetings/\(meeting)/minutes/circulate", [String: Any]())
    }
}
