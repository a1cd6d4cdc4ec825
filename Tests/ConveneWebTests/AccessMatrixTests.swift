import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

/// Every registered route × every kind of person, from a table written independently of the app's
/// own rules. A new route without a row here fails; so does a rule that lets in the wrong people.
@Suite("Access matrix: every route × every role")
struct AccessMatrixTests {
    /// The people: the case's own team, an invited police officer, people of every role with no part
    /// in the case, and an administrator.
    enum Persona: String, CaseIterable {
        case allocatedSW, chairTM, caseSM, meetingMT, invitedPolice
        case outsiderSW, outsiderTM, outsiderSM, outsiderMT, outsiderPartner, admin
    }

    static let all = Set(Persona.allCases)
    static let caseWorkers = all.subtracting([.admin])
    static let csc: Set<Persona> = [
        .allocatedSW, .chairTM, .caseSM, .meetingMT, .outsiderSW, .outsiderTM, .outsiderSM, .outsiderMT,
    ]
    static let directory = csc.union([.admin])
    static let booking: Set<Persona> = [.chairTM, .caseSM, .meetingMT, .outsiderTM, .outsiderSM, .outsiderMT]
    static let caseTeam: Set<Persona> = [.allocatedSW, .chairTM, .caseSM, .meetingMT]
    static let caseEditors: Set<Persona> = [.allocatedSW, .chairTM, .caseSM]
    static let managers: Set<Persona> = [.chairTM, .caseSM]
    static let runsMeeting: Set<Persona> = [.chairTM, .meetingMT]
    static let meetingPeople = caseTeam.union([.invitedPolice])

    /// Who may use each route (the minutes are still a draft in this fixture).
    static let expected: [String: Set<Persona>] = {
        var e: [String: Set<Persona>] = [:]
        for open in ["GET /health", "GET /ready", "GET /metrics", "GET /openapi.json", "GET /", "POST /sign-in"] { e[open] = all }
        e["GET /api/v1/tokens"] = all
        e["DELETE /api/v1/tokens/:tokenID"] = all
        for path in [
            "policies/presets", "organisations", "organisations/:organisationID", "organisations/:organisationID/closure-days",
            "organisations/:organisationID/slots", "holidays", "teams", "teams/:teamID", "agencies", "agencies/:agencyID",
            "professionals", "professionals/:professionalID",
        ] { e["GET /api/v1/\(path)"] = directory }
        for key in [
            "POST /api/v1/organisations", "PUT /api/v1/organisations/:organisationID/policy",
            "POST /api/v1/organisations/:organisationID/closure-days", "POST /api/v1/organisations/:organisationID/teams",
            "PUT /api/v1/holidays", "POST /api/v1/agencies", "POST /api/v1/professionals",
        ] { e[key] = [.admin] }
        for list in [
            "GET /api/v1/cases", "GET /api/v1/clocks", "GET /api/v1/requests", "GET /api/v1/meetings", "GET /api/v1/actions",
        ] {
            e[list] = caseWorkers
        }
        e["POST /api/v1/cases"] = [.allocatedSW, .chairTM, .caseSM, .outsiderSW, .outsiderTM, .outsiderSM]
        e["POST /api/v1/meetings"] = booking
        for key in [
            "GET /api/v1/cases/:caseID", "GET /api/v1/cases/:caseID/people", "GET /api/v1/cases/:caseID/clocks",
            "GET /api/v1/cases/:caseID/people/:personID",
        ] {
            e[key] = caseTeam
        }
        for key in [
            "POST /api/v1/cases/:caseID/people", "PUT /api/v1/cases/:caseID/milestones", "POST /api/v1/cases/:caseID/requests",
            "PUT /api/v1/cases/:caseID/people/:personID", "DELETE /api/v1/cases/:caseID/people/:personID",
            "PUT /api/v1/requests/:requestID", "PATCH /api/v1/requests/:requestID", "POST /api/v1/requests/:requestID/submit",
        ] { e[key] = caseEditors }
        e["GET /api/v1/requests/:requestID"] = caseTeam
        e["POST /api/v1/requests/:requestID/approve"] = managers
        e["POST /api/v1/requests/:requestID/return"] = managers
        e["GET /api/v1/meetings/:meetingID"] = meetingPeople
        e["GET /api/v1/meetings/:meetingID/quorum"] = meetingPeople
        e["POST /api/v1/meetings/:meetingID/move"] = [.chairTM, .caseSM, .meetingMT]
        e["POST /api/v1/meetings/:meetingID/cancel"] = [.chairTM, .caseSM, .meetingMT]
        // Whether the person is the service manager asked is the change's own rule (409), not access.
        for decision in ["approve", "decline", "acknowledge"] {
            e["POST /api/v1/meetings/:meetingID/changes/:changeID/\(decision)"] = [.chairTM, .caseSM, .meetingMT]
        }
        for path in [
            "POST invitations", "DELETE invitations/:inviteeID", "PUT attendance/:professionalID", "PATCH record",
            "POST contributions", "PUT decisions/:kind",
            "POST dissents", "POST actions",
        ] {
            let parts = path.split(separator: " ")
            e["\(parts[0]) /api/v1/meetings/:meetingID/\(parts[1])"] = runsMeeting
        }
        e["PUT /api/v1/meetings/:meetingID/released-people"] = [.chairTM]
        e["POST /api/v1/decisions/:decisionID/review"] = managers
        e["PATCH /api/v1/dissents/:dissentID"] = managers
        e["GET /api/v1/actions/:actionID"] = meetingPeople
        e["GET /api/v1/actions/:actionID/history"] = meetingPeople
        e["POST /api/v1/meetings/:meetingID/escalations"] = [.allocatedSW, .chairTM, .caseSM, .meetingMT]
        e["POST /api/v1/meetings/:meetingID/escalations/:escalationID/resolve"] = managers
        e["POST /meetings/:meetingID/escalations"] = [.allocatedSW, .chairTM, .caseSM, .meetingMT]
        e["POST /meetings/:meetingID/escalations/:escalationID/resolve"] = managers
        e["PATCH /api/v1/actions/:actionID"] = [.invitedPolice, .chairTM, .caseSM, .meetingMT]
        e["GET /api/v1/meetings/:meetingID/minutes"] = caseTeam  // the police officer waits until the chair finalises
        e["POST /api/v1/meetings/:meetingID/minutes/finalise"] = [.chairTM]
        e["POST /api/v1/meetings/:meetingID/minutes/amendments"] = [.chairTM]
        e["POST /api/v1/meetings/:meetingID/minutes/circulate"] = runsMeeting
        e["POST /api/v1/meetings/:meetingID/minutes/corrections"] = meetingPeople
        e["GET /api/v1/meetings/:meetingID/minutes/shares"] = managers
        e["GET /api/v1/meetings/:meetingID/minutes/disclosures"] = managers
        e["POST /api/v1/meetings/:meetingID/minutes/shares"] = [.chairTM]
        e["POST /api/v1/meetings/:meetingID/minutes/shares/:shareID/revoke"] = [.chairTM]

        // Pages
        e["POST /sign-out"] = all
        e["POST /account/sign-out-everywhere"] = all
        e["GET /account"] = all
        e["POST /account/tokens"] = all
        e["POST /account/tokens/:tokenID/revoke"] = all
        for key in [
            "GET /admin/audit", "GET /admin/accounts", "POST /admin/accounts/:accountID/disable",
            "POST /admin/accounts/:accountID/enable", "GET /admin/outbox", "POST /admin/outbox/:messageID/retry",
        ] { e[key] = [.admin] }
        e["GET /break-glass"] = csc
        e["POST /break-glass"] = csc
        e["POST /break-glass/:grantID/acknowledge"] = [.caseSM, .outsiderSM]
        e["GET /my-work"] = caseWorkers
        e["POST /my-work/reminders"] = caseWorkers
        e["GET /dashboard"] = csc
        e["GET /cases"] = csc
        e["POST /cases/search"] = csc
        e["POST /api/v1/cases/search"] = csc
        e["GET /cases/new"] = [.allocatedSW, .chairTM, .caseSM, .outsiderSW, .outsiderTM, .outsiderSM]
        e["POST /cases"] = [.allocatedSW, .chairTM, .caseSM, .outsiderSW, .outsiderTM, .outsiderSM]
        e["GET /schedule"] = booking
        e["POST /schedule/bookings"] = booking
        e["GET /cases/:caseID"] = caseTeam
        e["POST /cases/:caseID/people"] = caseEditors
        for key in [
            "GET /cases/:caseID/people/:personID", "POST /cases/:caseID/people/:personID",
            "POST /cases/:caseID/people/:personID/remove",
        ] { e[key] = caseEditors }
        e["GET /cases/:caseID/requests/new"] = caseEditors
        e["POST /cases/:caseID/requests"] = caseEditors
        e["GET /requests/:requestID"] = caseTeam
        e["POST /requests/:requestID"] = caseEditors
        e["POST /requests/:requestID/approve"] = managers
        e["POST /requests/:requestID/return"] = managers
        e["GET /meetings/:meetingID"] = meetingPeople
        for path in ["attendance", "invitations", "sections/:section", "contributions", "decisions/:kind", "dissents", "actions"]
        {
            e["POST /meetings/:meetingID/\(path)"] = runsMeeting
        }
        e["POST /meetings/:meetingID/invitations/:inviteeID/withdraw"] = runsMeeting
        e["POST /meetings/:meetingID/released-people"] = [.chairTM]
        e["POST /meetings/:meetingID/record"] = runsMeeting
        e["POST /meetings/:meetingID/actions/:actionID"] = [.invitedPolice, .chairTM, .caseSM, .meetingMT]
        e["POST /meetings/:meetingID/move"] = [.chairTM, .caseSM, .meetingMT]
        e["POST /meetings/:meetingID/cancel"] = [.chairTM, .caseSM, .meetingMT]
        e["POST /meetings/:meetingID/changes/:changeID/:decision"] = [.chairTM, .caseSM, .meetingMT]
        e["GET /meetings/:meetingID/minutes"] = caseTeam
        e["POST /meetings/:meetingID/minutes/finalise"] = [.chairTM]
        e["POST /meetings/:meetingID/minutes/amendments"] = [.chairTM]
        e["POST /meetings/:meetingID/minutes/circulate"] = runsMeeting
        e["POST /meetings/:meetingID/minutes/corrections"] = meetingPeople
        e["GET /meetings/:meetingID/minutes/shares/new"] = [.chairTM]
        e["POST /meetings/:meetingID/minutes/shares"] = [.chairTM]
        e["POST /meetings/:meetingID/minutes/shares/:shareID/revoke"] = [.chairTM]
        return e
    }()

    /// Allowed routes whose handler itself answers 404 for a record that is not the caller's own,
    /// or that the first person let in used up (the teacher's withdrawn invitation).
    static let ownRecordOnly: Set<String> = [
        "DELETE /api/v1/tokens/:tokenID", "POST /account/tokens/:tokenID/revoke", "POST /break-glass/:grantID/acknowledge",
        "DELETE /api/v1/meetings/:meetingID/invitations/:inviteeID", "POST /meetings/:meetingID/invitations/:inviteeID/withdraw",
    ]

    @Test func everyRouteLetsInExactlyThePeopleItShould() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let fixture = try await Self.fixture(api, w, clock)
            let routes = api.app.routes.all.map { (routeKey($0), $0) }
            let keys = Set(routes.map(\.0))
            #expect(
                keys == Set(Self.expected.keys),
                "no expectation: \(keys.subtracting(Self.expected.keys)); no route: \(Set(Self.expected.keys).subtracting(keys))")
            #expect(routesWithoutEndpoint(api.app.routes.all).isEmpty)

            // Sign-outs last: they end the session the other checks use.
            let ordered = routes.sorted { a, b in
                let aLast = a.0.contains("sign-out")
                let bLast = b.0.contains("sign-out")
                return aLast == bLast ? a.0 < b.0 : !aLast
            }
            var denied = 0
            var allowed = 0
            for (key, route) in ordered {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return fixture.ids[name] ?? "missing-\(name)" }
                        return component.description
                    }.joined(separator: "/")
                let permitted = Self.expected[key] ?? []
                // Refusals first, so an allowed change cannot alter what a refused person sees.
                let personas = Persona.allCases.sorted { !permitted.contains($0) && permitted.contains($1) }
                for persona in personas {
                    let status = try await fixture.send(route.method, path, as: persona)
                    if permitted.contains(persona) {
                        allowed += 1
                        // A signed-in browser has no sign-in form to post from: CSRF (403), not access, refuses it.
                        let refused =
                            status == 401 || (status == 403 && key != "POST /sign-in")
                            || (status == 404 && !Self.ownRecordOnly.contains(key))
                        #expect(!refused && status < 500, "\(persona) should be let in to \(key) but got \(status)")
                    } else {
                        denied += 1
                        #expect(status == 404, "\(persona) should get 404 from \(key) but got \(status)")
                    }
                }
            }
            print(
                "Access matrix: \(routes.count) routes × \(Persona.allCases.count) people = \(allowed + denied) checks, \(denied) refused with 404"
            )
        }
    }

    /// Field by field for every person the matrix lets see the meeting: the meeting team gets the
    /// whole record, the invited police officer only the invitee's fields, on the API and the page
    /// (every field and state: `FieldVisibilityTests`).
    @Test func everyoneWhoSeesTheMeetingSeesTheFieldsOfTheirAudience() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let fixture = try await Self.fixture(api, w, clock)
            let meeting = fixture.ids["meetingID"]!
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
                ["riskFactors": "MATRIX-risk-marker"])
            let markers = ["MATRIX-risk-marker", "3 Larch Row", "Wren Ashdown", "LCS700123"]
            for persona in Self.expected["GET /api/v1/meetings/:meetingID"]!.sorted(by: { $0.rawValue < $1.rawValue }) {
                let team = persona != .invitedPolice
                let json = try await api.acting(as: fixture.tokens[persona]!).expect(200, .GET, "api/v1/meetings/\(meeting)")
                #expect(json["audience"] as? String == (team ? "meetingTeam" : "invitee"), "\(persona)")
                #expect((json["record"] != nil) == team, "\(persona)")
                let text = String(decoding: try JSONSerialization.data(withJSONObject: json.object), as: UTF8.self)
                let page = try await fixture.browsers[persona]!.get("/meetings/\(meeting)").body
                for marker in markers {
                    #expect(text.contains(marker) == team, "\(persona) API: \(marker)")
                    #expect(page.contains(marker) == team, "\(persona) page: \(marker)")
                }
            }
        }
    }

    /// The case's people and outsiders, signed in; ids for every path parameter.
    struct Fixture {
        var api: APIClient
        var tokens: [Persona: String]
        var browsers: [Persona: PageClient]
        var ids: [String: String]

        func send(_ method: HTTPMethod, _ path: String, as persona: Persona) async throws -> Int {
            if path.hasPrefix("/api/") {
                return try await api.acting(as: tokens[persona]!).call(method, String(path.dropFirst()), [String: Any]()).status
            }
            let browser = browsers[persona]!
            return method == .GET ? try await browser.get(path).status : try await browser.post(path).status
        }
    }

    static func fixture(_ api: APIClient, _ w: World, _ clock: TestClock) async throws -> Fixture {
        let ids = try await BadInputTests.ids(api, w)
        // Outsiders: another team of the same organisation, and a partner agency not invited.
        let east = try await api.expect(
            201, .POST, "api/v1/organisations/\(w.organisation)/teams", ["name": "Assessment East", "locality": "East"]
        ).id
        func person(_ name: String, _ role: String, agency: String, team: String?) async throws -> String {
            var body: [String: Any] = [
                "name": name, "role": role, "jobTitle": role, "agencyId": agency,
                "email": "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@test.example",
            ]
            if let team { body["teamId"] = team }
            return try await api.acting(as: api.tokens.admin!).expect(201, .POST, "api/v1/professionals", body).id
        }
        var professionals: [Persona: String] = [
            .allocatedSW: w.socialWorker, .chairTM: w.teamManager, .caseSM: w.serviceManager, .meetingMT: w.minuteTaker,
            .invitedPolice: w.officer,
        ]
        professionals[.outsiderSW] = try await person("Omar Castell", "socialWorker", agency: w.csc, team: east)
        professionals[.outsiderTM] = try await person("Tess Moreland", "teamManager", agency: w.csc, team: east)
        professionals[.outsiderSM] = try await person("Sol Hartigan", "serviceManager", agency: w.csc, team: east)
        professionals[.outsiderMT] = try await person("Mina Loxley", "minuteTaker", agency: w.csc, team: east)
        professionals[.outsiderPartner] = try await person("Paz Ellery", "partnerProfessional", agency: w.police, team: nil)
        var tokens: [Persona: String] = [.admin: api.tokens.admin!]
        var usernames: [Persona: String] = [.admin: "admin"]
        for (persona, id) in professionals {
            if let token = w.tokens[id] {
                tokens[persona] = token
            } else {
                tokens[persona] = try await api.makeAccount(username: persona.rawValue.lowercased(), professionalId: id).token
            }
            usernames[persona] = try await api.store.accounts().first { $0.professionalId?.uuidString == id }!.username
        }
        // Records that belong to someone else, for the routes that act on one's own.
        let spare = try await api.makeAccount(username: "spare", role: .administrator)
        let spareToken = try await api.store.tokens(of: spare.account.id).first!
        let grant = try await api.store.breakGlass(
            caseReference: "NS-10001", professionalId: UUID(uuidString: professionals[.outsiderSW]!)!,
            reason: "Police called out of hours about the child; checking for a safety plan.")
        clock.now += BreakGlassGrant.duration + 60  // expired: the outsider is an outsider again
        var browsers: [Persona: PageClient] = [:]
        for persona in Persona.allCases {
            let browser = PageClient(app: api.app)
            let page = try await browser.signIn(usernames[persona]!, at: clock.now)
            #expect(page.status == 303, "\(persona) could not sign in")
            browsers[persona] = browser
        }
        var all = ids
        all["decision"] = "acknowledge"  // the asked change is not a telephone agreement: 409, and nothing changes
        all["tokenID"] = spareToken.id.uuidString
        all["accountID"] = spare.account.id.uuidString
        // A message the booking queued (sent already, so a retry is refused and changes nothing).
        all["messageID"] = try #require(try await api.store.outbox(status: nil, limit: 1).messages.first).id.uuidString
        all["grantID"] = grant.id.uuidString
        all["section"] = "opening"
        return Fixture(api: api, tokens: tokens, browsers: browsers, ids: all)
    }
}
