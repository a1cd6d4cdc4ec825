import ConveneCore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

/// Every endpoint, from the OpenAPI table, against bad input.
@Suite("Bad input on every endpoint")
struct BadInputTests {
    static let now = london("2026-11-23", "09:30")

    /// Real ids for every path parameter.
    static func ids(_ api: APIClient) async throws -> [String: String] {
        try await ids(api, try await World.build(api))
    }

    /// Real ids for every path parameter, in a world already built.
    static func ids(_ api: APIClient, _ w: World) async throws -> [String: String] {
        let (meetingId, requestId) = try await w.bookMeeting(api)
        let decision = try await api.expect(
            200, .PUT, "api/v1/meetings/\(meetingId)/decisions/informParents",
            [
                "answer": "no", "rationale": "r", "decidedBy": w.teamManager, "parentsNotInformedReason": "evidenceDestroyed",
                "byDate": "2026-11-27",
            ])
        let dissent = try await api.expect(
            201, .POST, "api/v1/meetings/\(meetingId)/dissents", ["raisedBy": w.nurse, "view": "v"])
        let schoolView = try await api.expect(
            201, .POST, "api/v1/meetings/\(meetingId)/dissents", ["raisedBy": w.teacher, "view": "The school sees it otherwise."])
        let escalation = try await api.expect(
            201, .POST, "api/v1/meetings/\(meetingId)/escalations",
            ["kind": "disagreement", "dissentId": schoolView.id, "reason": "Not settled at the discussion."])
        let action = try await api.expect(
            201, .POST, "api/v1/meetings/\(meetingId)/actions",
            ["description": "d", "ownerId": w.officer, "dueAt": iso(london("2026-11-26", "12:00"))])
        let share = try await api.expect(
            201, .POST, "api/v1/meetings/\(meetingId)/minutes/shares",
            ["professionalId": w.serviceManager, "reason": "Needed for the service manager's review"])
        let asked = try await api.expect(
            200, .POST, "api/v1/meetings/\(meetingId)/move",
            [
                "newStart": iso(london("2026-11-23", "15:00")), "agreement": "requested", "agreedBy": w.serviceManager,
                "reason": "Police in court at 13:00.",
            ])
        let change = (((asked["record"] as? [String: Any])?["changes"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
        let grace = try #require(try await api.store.account(username: "grace"))
        let token = try await api.store.createToken(
            accountId: grace.id, name: "bad input test", tokenHash: Credentials.newAPIToken().hash)
        return [
            "shareID": share.id, "tokenID": token.id.uuidString,
            "organisationID": w.organisation, "teamID": w.team, "agencyID": w.police, "professionalID": w.officer,
            "inviteeID": w.teacher,
            "caseID": w.caseId, "requestID": requestId, "meetingID": meetingId, "decisionID": decision.id,
            "dissentID": dissent.id, "actionID": action.id, "kind": "outcome", "personID": w.child,
            "escalationID": escalation.id, "changeID": change,
        ]
    }

    /// The API's operations, from the endpoints the app registered.
    static func operations(_ api: APIClient) -> [(endpoint: Endpoint, operation: APIOperation)] {
        api.app.routes.all.compactMap { route in route.endpoint.flatMap { e in e.operation.map { (e, $0) } } }
    }

    static func path(_ endpoint: Endpoint, _ ids: [String: String]) -> String {
        var path = String(endpoint.openAPIPath.dropFirst())
        for (name, value) in ids { path = path.replacingOccurrences(of: "{\(name)}", with: value) }
        return path
    }

    @Test(arguments: TestBackend.available) func everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let registered = Set(
                api.app.routes.all.map { route in
                    "\(route.method.rawValue) /"
                        + route.path.map { component -> String in
                            if case .parameter(let name) = component { return "{\(name)}" }
                            return component.description
                        }.joined(separator: "/")
                }.filter { $0.contains("/api/v1/") })
            let documented = Set(Self.operations(api).map { "\($0.endpoint.method.rawValue) \($0.endpoint.openAPIPath)" })
            #expect(
                registered == documented,
                "undocumented: \(registered.subtracting(documented)); missing: \(documented.subtracting(registered))")
            let served = try await api.expect(200, .GET, "openapi.json")
            #expect(served["openapi"] as? String == "3.1.0")
            #expect((served["paths"] as? [String: Any])?.count == Set(Self.operations(api).map(\.endpoint.openAPIPath)).count)
        }
    }

    @Test(arguments: TestBackend.available) func unknownAndMalformedIdsAnswer404(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let real = try await Self.ids(api)
            for (endpoint, _) in Self.operations(api) where endpoint.openAPIPath.contains("ID}") {
                for bad in [UUID().uuidString, "not-an-id"] {
                    var ids = real.mapValues { _ in bad }
                    ids["kind"] = "outcome"
                    let path = Self.path(endpoint, ids)
                    let reply = try await api.call(endpoint.method, path, [String: Any]())
                    #expect(reply.status == 404, "\(endpoint.method) \(path) gave \(reply.status)")
                    #expect(reply.contentType.hasPrefix("application/problem+json"))
                }
            }
            let unknownKind = try await api.call(
                .PUT, "api/v1/meetings/\(real["meetingID"]!)/decisions/astrology", ["answer": "yes"])
            #expect(unknownKind.status == 404)
            #expect(try await api.call(.GET, "api/v1/no-such-thing").status == 404)
            // Paths longer than a file name can be are not found, never a server error.
            for path in [
                "api/v1/actions/" + String(repeating: "A", count: 5_000), String(repeating: "A", count: 300),
                "css/" + String(repeating: "B", count: 300) + ".css", "x/" + String(repeating: "A", count: 4_100),
            ] {
                #expect(try await api.call(.GET, path).status == 404, "\(path.prefix(20))…")
            }
        }
    }

    @Test(arguments: TestBackend.available) func bodiesThatAreNotJSONObjectsAreRefusedWithAProblem(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let ids = try await Self.ids(api)
            for (endpoint, operation) in Self.operations(api) where operation.body != nil {
                let path = Self.path(endpoint, ids)
                let method = endpoint.method
                if operation.id == "importHolidays" {
                    #expect(try await api.call(method, path, raw: "{not json").status == 422)
                    #expect(try await api.call(method, path, raw: "").status == 400)
                    continue
                }
                let untyped = try await api.call(method, path, raw: #"{"a":1}"#, contentType: "text/plain")
                #expect(untyped.status == 415, "\(operation.id) without JSON content type gave \(untyped.status)")
                let broken = try await api.call(method, path, raw: "{not json")
                #expect(broken.status == 400, "\(operation.id) with broken JSON gave \(broken.status)")
                let array = try await api.call(method, path, raw: "[1,2,3]")
                #expect(array.status == 422, "\(operation.id) with an array gave \(array.status)")
                #expect(array.problemFields == ["body"])
                if operation.id != "reviewDecision" {  // its body is optional
                    #expect(try await api.call(method, path, raw: "").status == 400, "\(operation.id)")
                }
            }
        }
    }

    @Test(arguments: TestBackend.available) func wrongTypesAndUnknownChoicesNameTheField(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let ids = try await Self.ids(api)
            let cases: [(HTTPMethod, String, [String: Any], String, String)] = [
                (.POST, "api/v1/agencies", ["name": 5, "kind": "police"], "name", "must be a string"),
                (.POST, "api/v1/agencies", ["name": "A", "kind": "spaceAgency"], "kind", "must be one of"),
                (.POST, "api/v1/meetings", ["requestId": ids["requestID"]!, "start": "tomorrow at ten"], "start", "time zone"),
                (.POST, "api/v1/meetings", ["requestId": "12"], "requestId", "must be an id"),
                (
                    .POST, "api/v1/meetings/\(ids["meetingID"]!)/actions", ["dueAt": "9999-12-31T23:59:59Z"], "dueAt",
                    "between 1900 and 2200"
                ),
                (
                    .POST, "api/v1/cases/\(ids["caseID"]!)/people", ["role": "child", "dateOfBirth": "0001-01-01"], "dateOfBirth",
                    "YYYY-MM-DD"
                ),
                (.PUT, "api/v1/cases/\(ids["caseID"]!)/milestones", ["icpcHeldOn": "13/01/2027"], "icpcHeldOn", "YYYY-MM-DD"),
                (
                    .POST, "api/v1/cases/\(ids["caseID"]!)/requests",
                    ["draftedBy": ids["professionalID"]!, "inviteeIds": "everyone"], "inviteeIds", "array"
                ),
                (
                    .PATCH, "api/v1/meetings/\(ids["meetingID"]!)/record", ["familyDetailsConfirmed": "yes"],
                    "familyDetailsConfirmed", "true or false"
                ),
                (.PUT, "api/v1/organisations/\(ids["organisationID"]!)/policy", ["name": "x"], "immediateMeeting", "required"),
            ]
            for (method, path, body, field, reason) in cases {
                let reply = try await api.call(method, path, body)
                #expect(reply.status == 422, "\(path) \(body)")
                let errors = reply["errors"] as? [[String: Any]] ?? []
                #expect(errors.first?["field"] as? String == field, "\(path): \(errors)")
                let reasonText = (errors.first?["reason"] as? String) ?? ""
                #expect(reasonText.contains(reason), "\(path): \(errors)")
            }
        }
    }

    @Test(arguments: TestBackend.available) func missingRequiredFieldsAreEachNamed(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let ids = try await Self.ids(api)
            let cases: [(String, [String])] = [
                ("api/v1/agencies", ["name", "kind"]),
                ("api/v1/professionals", ["name", "role", "jobTitle", "agencyId", "email"]),
                ("api/v1/cases", ["teamId", "reference", "caseType", "socialWorkerId", "teamManagerId", "serviceManagerId"]),
                ("api/v1/cases/\(ids["caseID"]!)/people", ["role", "fullName"]),
                ("api/v1/meetings", ["requestId", "start", "chairId", "minuteTakerId"]),
                ("api/v1/meetings/\(ids["meetingID"]!)/actions", ["description", "ownerId", "dueAt"]),
                ("api/v1/meetings/\(ids["meetingID"]!)/contributions", ["agencyId", "summary"]),
                ("api/v1/meetings/\(ids["meetingID"]!)/dissents", ["raisedBy", "view"]),
                ("api/v1/meetings/\(ids["meetingID"]!)/move", ["newStart", "agreement", "agreedBy", "reason"]),
                ("api/v1/meetings/\(ids["meetingID"]!)/cancel", ["agreement", "agreedBy", "reason"]),
            ]
            for (path, fields) in cases {
                let reply = try await api.expect(422, .POST, path, [String: Any]())
                #expect(Set(reply.problemFields) == Set(fields), "\(path): \(reply.problemFields)")
            }
            let decision = try await api.expect(
                422, .PUT, "api/v1/meetings/\(ids["meetingID"]!)/decisions/outcome", [String: Any]())
            #expect(Set(decision.problemFields) == ["answer", "rationale", "decidedBy"])
        }
    }

    @Test(arguments: TestBackend.available) func badQueryParametersNameTheParameter(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let ids = try await Self.ids(api)
            let cases: [(String, String)] = [
                ("api/v1/clocks?dueWithin=forever", "dueWithin"),
                ("api/v1/clocks?dueWithin=99999999999999999d", "dueWithin"),
                ("api/v1/clocks?overdue=maybe", "overdue"),
                ("api/v1/clocks?teamId=x", "teamId"),
                ("api/v1/clocks?limit=0", "limit"), ("api/v1/clocks?limit=501", "limit"), ("api/v1/clocks?limit=ten", "limit"),
                ("api/v1/clocks?offset=-1", "offset"),
                ("api/v1/professionals?role=wizard", "role"),
                ("api/v1/requests?status=lost", "status"), ("api/v1/requests?limit=501", "limit"),
                ("api/v1/requests?offset=first", "offset"),
                ("api/v1/actions?status=someday", "status"), ("api/v1/actions?limit=0", "limit"),
                ("api/v1/meetings?from=monday", "from"),
                ("api/v1/organisations/\(ids["organisationID"]!)/slots", "from"),
                ("api/v1/organisations/\(ids["organisationID"]!)/slots?from=2026-11-23&to=2027-03-01", "to"),
            ]
            for (path, field) in cases {
                let reply = try await api.expect(422, .GET, path)
                #expect(reply.problemFields == [field], "\(path): \(reply.problemFields)")
            }
        }
    }

    @Test(arguments: TestBackend.available) func garbageNeverCausesAServerError(backend: TestBackend) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let ids = try await Self.ids(api)
            let huge = String(repeating: "x", count: 30_000)
            let nested = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
            let bodies = [
                "{}", "null", "\"text\"", "12", "true", #"{"id":null}"#, nested, #"{"name":"\#(huge)"}"#,
                #"{"start":"9999-99-99T99:99:99Z","dueAt":"0000-01-01T00:00:00Z","answer":"\u0000"}"#,
                #"{"urgency":"immediate","inviteeIds":["00000000-0000-0000-0000-000000000000"],"concernIdentifiedAt":"1900-01-01T00:00:00Z"}"#,
                #"{"slotStartMinutes":[-1],"slotMinutes":999999999999,"timeZone":"💥","name":""}"#,
            ]
            for (endpoint, _) in Self.operations(api) where endpoint.method != .GET {
                for body in bodies {
                    // APIClient records an issue for any status of 500 or more.
                    try await api.call(endpoint.method, Self.path(endpoint, ids), raw: body)
                }
            }
        }
    }

    @Test func namesAndReferencesRefuseControlAndTextDirectionCharacters() async throws {
        try await withConvene(now: Self.now) { api, _ in
            let w = try await World.build(api)
            for (name, field) in [
                ("Lily\u{202E}lanoitciF", "fullName"), ("Lily\u{0000}Fictional", "fullName"), ("Lily\u{2066}F", "fullName"),
                // A C1 control (NEL), and on a one-line field a line break or tab, which would make two
                // different names look the same in a list
                ("Lily\u{0085}Fictional", "fullName"), ("Lily\nFictional", "fullName"), ("Lily\tFictional", "fullName"),
                ("Lily\u{2028}Fictional", "fullName"),
            ] {
                let refused = try await api.expect(
                    422, .POST, "api/v1/cases/\(w.caseId)/people", ["role": "child", "fullName": name])
                #expect(refused.problemFields == [field])
            }
            let reference = try await api.expect(
                422, .POST, "api/v1/cases",
                [
                    "teamId": w.team, "reference": "NS-1\u{001B}[2J", "caseType": "newReferral",
                    "socialWorkerId": w.socialWorker, "teamManagerId": w.teamManager, "serviceManagerId": w.serviceManager,
                ])
            #expect(reference.problemFields == ["reference"])
            // Letters of any script are ordinary text, and so are tab and newline where text runs to
            // several lines (an address).
            try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/people",
                ["role": "otherChild", "fullName": "Zoë Ó Súilleabháin", "address": "3 Larch Row\nNorthmoor\tZZ1 1QX"])
            let professional = try await api.acting(as: api.tokens.admin!).expect(
                422, .POST, "api/v1/professionals",
                [
                    "name": "DS \u{202D}Brightwater", "role": "partnerProfessional", "jobTitle": "DS", "agencyId": w.police,
                    "email": "rtl@test.example",
                ])
            #expect(professional.problemFields == ["name"])
        }
    }

    /// The limits the OpenAPI document publishes are the ones the server keeps (both read
    /// `TextFields`): an organisation's and a policy's name, which the document limited and the
    /// server did not, are refused one character over and taken at the limit.
    @Test func textOverTheLimitTheDocumentPublishesIsRefused() async throws {
        try await withConvene(now: Self.now) { api, _ in
            let admin = api.acting(as: api.tokens.admin!)
            let document = try await api.expect(200, .GET, "openapi.json")
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
            func published(_ schema: String) -> Int? {
                let properties = (schemas?[schema] as? [String: Any])?["properties"] as? [String: Any]
                return (properties?["name"] as? [String: Any])?["maxLength"] as? Int
            }
            #expect(published("OrganisationInput") == TextFields.Organisation.name.max)
            #expect(published("LocalPolicy") == TextFields.Policy.name.max)
            let long = String(repeating: "N", count: TextFields.Organisation.name.max + 1)
            let named = try await admin.expect(422, .POST, "api/v1/organisations", ["name": long, "preset": "2h-24h"])
            #expect(named.problemFields == ["name"])
            try await admin.expect(201, .POST, "api/v1/organisations", ["name": String(long.dropLast()), "preset": "2h-24h"])
            let w = try await World.build(api)
            let organisation = "api/v1/organisations/\(w.organisation)"
            var policy = try #require(try await admin.expect(200, .GET, organisation)["policy"] as? [String: Any])
            policy["name"] = String(repeating: "P", count: TextFields.Policy.name.max + 1)
            let refused = try await admin.expect(
                422, .PUT, organisation + "/policy", ifMatch: try await admin.etag(organisation), policy)
            #expect(refused.problemFields == ["name"], "\(refused.problemFields)")
        }
    }

    @Test func anAddressThatExistsForOtherMethodsAnswers405NamingThem() async throws {
        try await withConvene(now: Self.now) { api, _ in
            _ = try await World.build(api)
            let reply = try await api.call(.DELETE, "api/v1/cases")
            #expect(reply.status == 405 && reply.headers.first(name: .allow) == "GET, POST")
            #expect(reply.contentType.hasPrefix("application/problem+json"))
            #expect(try await api.call(.GET, "api/v1/no-such-thing").status == 404)
            // The search is its own resource, not a case whose id is "search": only POST is named
            let search = try await api.call(.PUT, "api/v1/cases/search")
            #expect(search.status == 405 && search.headers.first(name: .allow) == "POST")
            let read = try await api.call(.GET, "api/v1/cases/search")
            #expect(read.status == 405 && read.headers.first(name: .allow) == "POST")
        }
    }
}
