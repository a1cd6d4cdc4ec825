import Foundation
import Testing

/// A small directory and one case, built through the API.
struct World {
    var organisation = "", team = ""
    var csc = "", police = "", health = "", school = ""
    var socialWorker = "", teamManager = "", serviceManager = "", minuteTaker = "", officer = "", nurse = "", teacher = ""
    var caseId = "", child = ""
    /// Each professional's API token, by professional id.
    var tokens: [String: String] = [:]

    static func build(_ api: APIClient) async throws -> World {
        var w = World()
        w.organisation = try await api.expect(
            201, .POST, "api/v1/organisations", ["name": "Northmoor Test Trust", "preset": "2h-24h"]
        ).id
        w.team = try await api.expect(
            201, .POST, "api/v1/organisations/\(w.organisation)/teams", ["name": "Assessment South", "locality": "South"]
        ).id
        w.csc = try await api.expect(201, .POST, "api/v1/agencies", ["name": "Northmoor CSC", "kind": "childrensSocialCare"]).id
        w.police = try await api.expect(201, .POST, "api/v1/agencies", ["name": "Northmoor Police CAIT", "kind": "police"]).id
        w.health = try await api.expect(201, .POST, "api/v1/agencies", ["name": "Northmoor Health", "kind": "health"]).id
        w.school = try await api.expect(201, .POST, "api/v1/agencies", ["name": "Riverside Primary", "kind": "education"]).id
        func person(_ name: String, _ role: String, _ agency: String, team: Bool) async throws -> String {
            try await addProfessional(api, name, role: role, agency: agency, team: team ? w.team : nil)
        }
        w.socialWorker = try await person("Hana Okafor", "socialWorker", w.csc, team: true)
        w.teamManager = try await person("Grace Achterberg", "teamManager", w.csc, team: true)
        w.serviceManager = try await person("Martin Oduya", "serviceManager", w.csc, team: true)
        w.minuteTaker = try await person("Jo Pemberton", "minuteTaker", w.csc, team: true)
        w.officer = try await person("Aled Brightwater", "partnerProfessional", w.police, team: false)
        w.nurse = try await person("Ruth Calloway", "partnerProfessional", w.health, team: false)
        w.teacher = try await person("Carys Whitfield", "partnerProfessional", w.school, team: false)
        for (username, id) in [
            ("hana", w.socialWorker), ("grace", w.teamManager), ("martin", w.serviceManager), ("jo", w.minuteTaker),
            ("aled", w.officer), ("ruth", w.nurse), ("carys", w.teacher),
        ] {
            w.tokens[id] = try await api.makeAccount(username: username, professionalId: id).token
        }
        // The case's team manager drafts, approves, chairs and finalises in these tests.
        api.tokens.user = w.tokens[w.teamManager]
        w.caseId = try await api.expect(
            201, .POST, "api/v1/cases",
            [
                "teamId": w.team, "reference": "NS-10001", "caseType": "newReferral", "referralDate": "2026-11-20",
                "socialWorkerId": w.socialWorker, "teamManagerId": w.teamManager, "serviceManagerId": w.serviceManager,
            ]
        ).id
        w.child = try await api.expect(
            201, .POST, "api/v1/cases/\(w.caseId)/people",
            [
                "role": "child", "fullName": "Wren Ashdown", "dateOfBirth": "2017-05-14", "ethnicity": "White British",
                "disability": "None known", "caseNumber": "LCS700123", "address": "3 Larch Row, Northmoor ZZ1 1QX",
            ]
        ).id
        try await api.expect(
            201, .POST, "api/v1/cases/\(w.caseId)/people",
            [
                "role": "parentCarer", "fullName": "Amara Ashdown", "dateOfBirth": "1990-03-14", "relationship": "Mother",
                "address": "3 Larch Row, Northmoor ZZ1 1QX",
            ])
        try await api.expect(
            201, .POST, "api/v1/cases/\(w.caseId)/people",
            [
                "role": "otherAdult", "fullName": "Bram Varley", "relationship": "Mother's partner", "dateOfBirth": "1988-08-02",
                "checksRequired": "Police intelligence checks",
            ])
        return w
    }

    /// Adds a professional to the directory as the administrator; their id.
    static func addProfessional(
        _ api: APIClient, _ name: String, role: String, agency: String, team: String? = nil, jobTitle: String? = nil
    ) async throws -> String {
        var body: [String: Any] = [
            "name": name, "role": role, "jobTitle": jobTitle ?? role, "agencyId": agency,
            "email": "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@test.example",
        ]
        if let team { body["teamId"] = team }
        return try await api.acting(as: api.tokens.admin!).expect(201, .POST, "api/v1/professionals", body).id
    }

    /// Books a strategy discussion of the case at 13:00 on 23 November 2026 from a complete
    /// request, submitted and approved; the meeting's and the request's ids.
    func bookMeeting(_ api: APIClient) async throws -> (meeting: String, request: String) {
        let requestId = try await approvedRequest(api, requestForm(concern: london("2026-11-23", "09:00")))
        let booked = try await api.expect(
            201, .POST, "api/v1/meetings",
            [
                "requestId": requestId, "start": iso(london("2026-11-23", "13:00")), "chairId": teamManager,
                "minuteTakerId": minuteTaker,
            ])
        return (((booked["record"] as! [String: Any])["meeting"] as! [String: Any])["id"] as! String, requestId)
    }

    /// Drafts a request from this form, submits it and approves it as the team manager; its id.
    func approvedRequest(_ api: APIClient, _ form: [String: Any]) async throws -> String {
        let draft = try await api.expect(201, .POST, "api/v1/cases/\(caseId)/requests", form)
        let requestId = (draft["request"] as! [String: Any])["id"] as! String
        try await api.expect(200, .POST, "api/v1/requests/\(requestId)/submit")
        try await api.expect(200, .POST, "api/v1/requests/\(requestId)/approve", ["teamManagerId": teamManager])
        return requestId
    }

    /// A complete request form.
    func requestForm(concern: Date) -> [String: Any] {
        [
            "urgency": "standard", "trigger": "disclosure", "concernIdentifiedAt": iso(concern),
            "presentingIssue": "Bruising to the cheek; the child said mum's partner grabbed them.",
            "incidentDate": "2026-11-22", "rationale": "Disclosure of physical harm by a household adult.",
            "specificChecks": "Police intelligence on the partner.", "inviteeIds": [officer, nurse, teacher],
        ]
    }
}
