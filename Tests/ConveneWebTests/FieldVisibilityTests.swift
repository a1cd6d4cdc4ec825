import ConveneCore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

/// Field by field, in every state of the minutes: a marker is typed into every field of a case's
/// people, its request and the meeting's record, and each answer an invitee can get is searched
/// for every marker (docs/SECURITY.md, "What invitees see"). The meeting team's answers must show
/// them all, so the search would find a leak.
@Suite("Field by field: what an invitee and the meeting team see of a meeting in each state")
struct FieldVisibilityTests {
    /// The released child's details that invitees may see.
    static let releasedChild = ["Zed Quillfeather", "MARKER-child-address", "MARKER-child-relationship", "MARKER-child-checks"]
    /// The released child's details that are never shown to invitees.
    static let childInternal = ["MARKER-child-ethnicity", "MARKER-child-disability", "MARKERCN1"]
    /// The withheld adult: nothing of them reaches invitees.
    static let withheldAdult = [
        "Xavi Marrowbone", "MARKER-adult-address", "MARKER-adult-relationship", "MARKER-adult-checks", "MARKER-adult-ethnicity",
    ]
    static let recordFields = [
        "reasonForMeeting", "cscInformation", "riskFactors", "protectiveFactors", "otherChildrenDetail", "voiceOfChild",
        "cultureAndIdentity", "interpreterLanguage", "disabilityAdjustments", "safetyPlan",
    ]
    /// The record's content, which invitees read only in the finalised minutes.
    static let record =
        recordFields.map { "MARKER-record-\($0)" } + [
            "MARKER-request-presentingIssue", "MARKER-request-rationale", "MARKER-request-specificChecks",
            "MARKER-change-reason", "MARKER-contribution", "MARKER-decision-rationale", "MARKER-decision-detail",
            "MARKER-dissent-view", "MARKER-dissent-resolution", "MARKER-action-description", "MARKER-late-reason",
            "MARKER-change-asked", "MARKER-change-declined", "MARKER-dissent-escalated", "MARKER-escalation-reason",
            "MARKER-escalation-resolution",
        ]
    static let everything = releasedChild + childInternal + withheldAdult + record

    static let inviteeKeys: Set<String> = [
        "audience", "meeting", "people", "invitations", "professionals", "agencies", "quorum", "minutesAvailable",
    ]
    static let logisticsKeys: Set<String> = [
        "id", "caseId", "caseReference", "scheduledStart", "scheduledEnd", "isImmediate", "status", "format", "startedAt",
        "endedAt", "chairId", "minuteTakerId", "minutesStatus",
    ]
    static let releasedPersonKeys: Set<String> = [
        "id", "role", "fullName", "dateOfBirth", "relationship", "address", "checksRequired",
    ]

    /// Expects exactly the `shown` markers in `text`, and none of the others.
    static func expectMarkers(
        _ text: String, shown: [String], _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for marker in everything {
            if shown.contains(marker) {
                #expect(text.contains(marker), "\(label) should show \(marker)", sourceLocation: sourceLocation)
            } else {
                #expect(!text.contains(marker), "\(label) must not show \(marker)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: TestBackend.available) func inviteesSeeLogisticsAndReleasedPeopleAndTheRecordOnlyAsFinalisedMinutes(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, clock in
            let w = try await World.build(api)
            let (meeting, child, adult) = try await Self.markedMeeting(api, w)
            let police = api.acting(as: w.tokens[w.officer]!)

            // Nothing is released until the chair says so.
            let before = try await police.expect(200, .GET, "api/v1/meetings/\(meeting)")
            #expect((before["people"] as? [Any])?.isEmpty == true)
            let release = try await api.expect(
                200, .PUT, "api/v1/meetings/\(meeting)/released-people", ["personIds": [child]])
            #expect(release["personIds"] as? [String] == [child])
            try await police.expect(404, .PUT, "api/v1/meetings/\(meeting)/released-people", ["personIds": [adult]])
            let unknown = try await api.expect(
                422, .PUT, "api/v1/meetings/\(meeting)/released-people", ["personIds": [UUID().uuidString]])
            #expect(unknown.problemFields == ["personIds[0]"])

            // On the page, the chair ticks whom to share; the minute taker reads the choice but cannot make it.
            let chairBrowser = PageClient(app: api.app)
            try await chairBrowser.signIn("grace", at: clock.now)
            #expect(
                try await chairBrowser.get("/meetings/\(meeting)").body.contains("Choose the family details the invitees see"))
            let saved = try await chairBrowser.post("/meetings/\(meeting)/released-people", ["release-\(child)": "on"])
            #expect(saved.status == 303 && saved.location?.hasSuffix("#released-people") == true)
            let takerBrowser = PageClient(app: api.app)
            try await takerBrowser.signIn("jo", at: clock.now)
            let takerPage = try await takerBrowser.get("/meetings/\(meeting)")
            #expect(takerPage.body.contains("Withheld") && !takerPage.body.contains("Choose the family details the invitees see"))

            func checkEveryAnswer(_ state: String, finalised: Bool) async throws {
                // The API's meeting: only the invitee's keys, the logistics, and the released child.
                let json = try await police.expect(200, .GET, "api/v1/meetings/\(meeting)")
                #expect(Set(json.object.keys) == Self.inviteeKeys, "\(state): \(json.object.keys.sorted())")
                #expect(json["audience"] as? String == "invitee")
                #expect(Set((json["meeting"] as? [String: Any] ?? [:]).keys).isSubset(of: Self.logisticsKeys))
                let people = json["people"] as? [[String: Any]] ?? []
                #expect(people.map { $0["id"] as? String } == [child], "\(state)")
                #expect(people.allSatisfy { Set($0.keys).isSubset(of: Self.releasedPersonKeys) })
                #expect(json["minutesAvailable"] as? Bool == finalised)
                Self.expectMarkers(try Self.text(json), shown: Self.releasedChild, "\(state): the API's meeting")

                // Lists carry logistics only.
                let list = try await police.expect(200, .GET, "api/v1/meetings?from=2026-11-20T00:00:00Z")
                #expect(list.array.count == 1 && Set(list.array.first?.keys ?? [:].keys).isSubset(of: Self.logisticsKeys))
                Self.expectMarkers(try Self.text(list), shown: [], "\(state): the meetings list")

                // Actions are part of the record: not the invitee's until the minutes are final.
                let actions = try await police.expect(200, .GET, "api/v1/actions")
                Self.expectMarkers(
                    try Self.text(actions), shown: finalised ? ["MARKER-action-description"] : [], "\(state): the actions list")
                let action = try #require(
                    try await api.expect(200, .GET, "api/v1/meetings/\(meeting)").object["record"].flatMap {
                        (($0 as? [String: Any])?["actions"] as? [[String: Any]])?.first?["id"] as? String
                    })
                try await police.expect(finalised ? 200 : 404, .GET, "api/v1/actions/\(action)")
                try await police.expect(finalised ? 200 : 404, .GET, "api/v1/meetings/\(meeting)/minutes")

                // The pages, signed in as the officer.
                let browser = PageClient(app: api.app)
                try await browser.signIn("aled", at: clock.now)
                let page = try await browser.get("/meetings/\(meeting)")
                #expect(page.status == 200 && page.body.contains("Family details shared by the chair"))
                #expect(page.body.contains("Read the minutes") == finalised, "\(state)")
                Self.expectMarkers(page.body, shown: Self.releasedChild, "\(state): the meeting page")
                Self.expectMarkers(try await browser.get("/my-work").body, shown: [], "\(state): my work")

                // The meeting team sees every field, so the search above would have found a leak.
                let chair = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")
                #expect(chair["audience"] as? String == "meetingTeam")
                Self.expectMarkers(try Self.text(chair), shown: Self.everything, "\(state): the chair's meeting")
                let social = try await api.acting(as: w.tokens[w.socialWorker]!).expect(200, .GET, "api/v1/meetings/\(meeting)")
                #expect(social["audience"] as? String == "meetingTeam")
            }

            try await checkEveryAnswer("booked, before the meeting", finalised: false)

            clock.now = london("2026-11-23", "13:05")
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
                ["startedAt": iso(london("2026-11-23", "13:00"))])
            try await checkEveryAnswer("during the meeting", finalised: false)

            clock.now = london("2026-11-23", "13:55")
            for person in [w.socialWorker, w.teamManager, w.nurse, w.teacher] {
                try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(person)", ["attendance": "present"])
            }
            try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(w.officer)", ["attendance": "apologies"])
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
                ["endedAt": iso(london("2026-11-23", "13:50")), "format": "video", "familyDetailsConfirmed": true])
            try await api.expect(
                200, .POST, "api/v1/meetings/\(meeting)/minutes/finalise", ["quorumReason": "MARKER-quorum-reason"])
            try await checkEveryAnswer("finalised", finalised: true)
            let minutes = try Self.text(try await police.expect(200, .GET, "api/v1/meetings/\(meeting)/minutes"))
            #expect(minutes.contains("MARKER-record-riskFactors") && minutes.contains("MARKER-quorum-reason"))
            #expect(minutes.contains("MARKER-escalation-reason") && !minutes.contains("MARKER-change-declined"))
            // The reason for finalising without quorum is the minutes': not in the invitee's meeting
            let quorumReasonSeen = try Self.text(try await police.expect(200, .GET, "api/v1/meetings/\(meeting)"))
            #expect(!quorumReasonSeen.contains("MARKER-quorum-reason"))
            #expect(try Self.text(try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")).contains("MARKER-quorum-reason"))

            clock.now += 60  // a new two-factor code for the officer's next sign-in
            try await api.expect(200, .POST, "api/v1/meetings/\(meeting)/minutes/circulate", [String: Any]())
            try await checkEveryAnswer("circulated", finalised: true)
        }
    }

    /// The JSON of a reply as text, to search for markers.
    static func text(_ reply: Reply) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: reply.json ?? [:]), as: UTF8.self)
    }

    /// A meeting of the world's case with a marker in every field: the child to release, an adult
    /// to withhold, the request, a move, and every text of the record. Its id and the two people's.
    static func markedMeeting(_ api: APIClient, _ w: World) async throws -> (meeting: String, child: String, adult: String) {
        let child = try await api.expect(
            201, .POST, "api/v1/cases/\(w.caseId)/people",
            [
                "role": "child", "fullName": "Zed Quillfeather", "dateOfBirth": "2016-01-02", "address": "MARKER-child-address",
                "relationship": "MARKER-child-relationship", "checksRequired": "MARKER-child-checks",
                "ethnicity": "MARKER-child-ethnicity", "disability": "MARKER-child-disability", "caseNumber": "MARKERCN1",
            ]
        ).id
        let adult = try await api.expect(
            201, .POST, "api/v1/cases/\(w.caseId)/people",
            [
                "role": "otherAdult", "fullName": "Xavi Marrowbone", "dateOfBirth": "1980-01-02",
                "address": "MARKER-adult-address", "relationship": "MARKER-adult-relationship",
                "checksRequired": "MARKER-adult-checks", "ethnicity": "MARKER-adult-ethnicity",
            ]
        ).id
        // A concern of yesterday morning: the booking is after the timescale, with a reason.
        var form = w.requestForm(concern: london("2026-11-22", "08:00"))
        form["presentingIssue"] = "MARKER-request-presentingIssue"
        form["rationale"] = "MARKER-request-rationale"
        form["specificChecks"] = "MARKER-request-specificChecks"
        let requestId = try await w.approvedRequest(api, form)
        let booked = try await api.expect(
            201, .POST, "api/v1/meetings",
            [
                "requestId": requestId, "start": iso(london("2026-11-23", "11:00")), "chairId": w.teamManager,
                "minuteTakerId": w.minuteTaker, "lateReason": "MARKER-late-reason",
            ])
        let meeting = ((booked["record"] as! [String: Any])["meeting"] as! [String: Any])["id"] as! String
        try await api.expect(
            200, .POST, "api/v1/meetings/\(meeting)/move",
            [
                "newStart": iso(london("2026-11-23", "13:00")), "agreedBy": w.serviceManager, "agreement": "byTelephone",
                "reason": "MARKER-change-reason", "lateReason": "MARKER-late-reason",
            ])
        // A cancellation the chair asked for and the service manager declined
        let asked = try await api.expect(
            200, .POST, "api/v1/meetings/\(meeting)/cancel",
            ["agreedBy": w.serviceManager, "agreement": "requested", "reason": "MARKER-change-asked"])
        let change = (((asked["record"] as? [String: Any])?["changes"] as? [[String: Any]])?.last?["id"] as? String) ?? ""
        try await api.acting(as: w.tokens[w.serviceManager]!).expect(
            200, .POST, "api/v1/meetings/\(meeting)/changes/\(change)/decline", ["reason": "MARKER-change-declined"])
        var texts: [String: Any] = [:]
        for field in recordFields { texts[field] = "MARKER-record-\(field)" }
        try await api.expect(
            200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"), texts)
        try await api.expect(
            201, .POST, "api/v1/meetings/\(meeting)/contributions",
            ["agencyId": w.health, "professionalId": w.nurse, "summary": "MARKER-contribution"])
        let answers: [DecisionKind: String] = [.significantHarm: "yes", .s47Enquiry: "joint", .outcome: "s47Joint"]
        for kind in DecisionKind.requiredBeforeFinalising {
            var body: [String: Any] = [
                "answer": answers[kind] ?? "no", "rationale": "MARKER-decision-rationale", "detail": "MARKER-decision-detail",
                "decidedBy": w.teamManager,
            ]
            if kind == .informParents {
                body["parentsNotInformedReason"] = "prejudiceCriminalInvestigation"
                body["byDate"] = "2026-11-27"
            }
            try await api.expect(200, .PUT, "api/v1/meetings/\(meeting)/decisions/\(kind.rawValue)", body)
        }
        try await api.expect(
            201, .POST, "api/v1/meetings/\(meeting)/dissents",
            [
                "raisedBy": w.nurse, "view": "MARKER-dissent-view", "resolution": "MARKER-dissent-resolution",
                "status": "resolved",
            ])
        // A disagreement escalated to the service manager, and resolved
        let escalated = try await api.expect(
            201, .POST, "api/v1/meetings/\(meeting)/dissents", ["raisedBy": w.teacher, "view": "MARKER-dissent-escalated"]
        ).id
        let escalation = try await api.expect(
            201, .POST, "api/v1/meetings/\(meeting)/escalations",
            ["kind": "disagreement", "dissentId": escalated, "reason": "MARKER-escalation-reason"]
        ).id
        try await api.expect(
            200, .POST, "api/v1/meetings/\(meeting)/escalations/\(escalation)/resolve",
            ["resolution": "MARKER-escalation-resolution"])
        try await api.expect(
            201, .POST, "api/v1/meetings/\(meeting)/actions",
            ["description": "MARKER-action-description", "ownerId": w.nurse, "dueAt": iso(london("2026-11-27", "12:00"))])
        return (meeting, child, adult)
    }
}
