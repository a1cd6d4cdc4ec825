import ConveneCore
import Foundation

/// One API operation, as the OpenAPI document describes it.
struct APIOperation: Sendable {
    var method: String
    /// The path under /api/v1, with `{name}` parameters.
    var path: String
    var id: String
    var summary: String
    var body: String? = nil
    var status: Int = 200
    var query: [(String, JSONValue)] = []
    /// The change needs `If-Match` with the record's ETag (`Preconditions`); `.optional` where the
    /// body may name versions instead.
    var ifMatch: IfMatch = .none

    enum IfMatch { case none, required, optional }
}

/// The OpenAPI 3.1 document served at `/openapi.json`. A test checks that it
/// names exactly the routes the app registers.
enum OpenAPIDocument {
    static let operations: [APIOperation] = [
        .init(
            method: "get", path: "/policies/presets", id: "getPolicyPresets",
            summary: "The local-policy presets from the practice guidance"),
        .init(method: "get", path: "/organisations", id: "listOrganisations", summary: "Organisations"),
        .init(
            method: "post", path: "/organisations", id: "createOrganisation",
            summary: "Create an organisation with a policy preset or a full policy", body: "OrganisationInput", status: 201),
        .init(
            method: "get", path: "/organisations/{organisationID}", id: "getOrganisation",
            summary: "One organisation with its policy"),
        .init(
            method: "put", path: "/organisations/{organisationID}/policy", id: "updatePolicy",
            summary: "Replace the local policy; send If-Match with the ETag from GET /organisations/{organisationID}",
            body: "LocalPolicy", ifMatch: .required),
        .init(
            method: "get", path: "/organisations/{organisationID}/closure-days", id: "listClosureDays",
            summary: "The organisation's closure days"),
        .init(
            method: "post", path: "/organisations/{organisationID}/closure-days", id: "addClosureDay",
            summary: "Add a closure day", body: "ClosureDayInput", status: 201),
        .init(
            method: "get", path: "/organisations/{organisationID}/slots", id: "listSlots",
            summary: "Standard slots and bookings in a date range",
            query: [("from", Schema.date), ("to", Schema.date)]),
        .init(
            method: "post", path: "/organisations/{organisationID}/teams", id: "createTeam", summary: "Create a team",
            body: "TeamInput", status: 201),
        .init(method: "get", path: "/holidays", id: "getHolidays", summary: "The bank-holiday list in use"),
        .init(
            method: "put", path: "/holidays", id: "importHolidays",
            summary: "Replace the bank-holiday list (published UK JSON shape)", body: "BankHolidayDocument"),
        .init(method: "get", path: "/teams", id: "listTeams", summary: "Teams"),
        .init(method: "get", path: "/teams/{teamID}", id: "getTeam", summary: "One team"),
        .init(method: "get", path: "/agencies", id: "listAgencies", summary: "Agencies"),
        .init(
            method: "post", path: "/agencies", id: "createAgency", summary: "Create an agency", body: "AgencyInput", status: 201),
        .init(method: "get", path: "/agencies/{agencyID}", id: "getAgency", summary: "One agency"),
        .init(
            method: "get", path: "/professionals", id: "listProfessionals", summary: "Professionals",
            query: [("role", Schema.choice(ProfessionalRole.self)), ("teamId", Schema.uuid)]),
        .init(
            method: "post", path: "/professionals", id: "createProfessional", summary: "Create a professional",
            body: "ProfessionalInput", status: 201),
        .init(method: "get", path: "/professionals/{professionalID}", id: "getProfessional", summary: "One professional"),
        .init(
            method: "get", path: "/cases", id: "listCases",
            summary:
                "The cases you have a role in, newest first, a page at a time: X-Total-Count says how many match, Link gives the next and previous pages",
            query: [("teamId", Schema.uuid)] + Schema.paging),
        .init(method: "post", path: "/cases", id: "createCase", summary: "Create a case", body: "CaseInput", status: 201),
        .init(
            method: "post", path: "/cases/search", id: "searchCases",
            summary:
                "The cases you may see that match a reference or a name (any part) or a date of birth (2017-05-14 or 14/05/2017), newest first, a page at a time; the search travels in the body so that no name is in an address",
            body: "CaseSearchInput", query: Schema.paging),
        .init(method: "get", path: "/cases/{caseID}", id: "getCase", summary: "A case with its people, discussions and clocks"),
        .init(method: "get", path: "/cases/{caseID}/people", id: "listPeople", summary: "The people on a case"),
        .init(
            method: "post", path: "/cases/{caseID}/people", id: "addPerson",
            summary: "Add a child, parent or carer, or other relevant person", body: "PersonInput", status: 201),
        .init(
            method: "get", path: "/cases/{caseID}/people/{personID}", id: "getPerson",
            summary: "One person on a case, with its version as the ETag"),
        .init(
            method: "put", path: "/cases/{caseID}/people/{personID}", id: "updatePerson",
            summary:
                "Replace a person's details while every request of the case is a draft (409 after submission); send If-Match with the ETag from GET",
            body: "PersonInput", ifMatch: .required),
        .init(
            method: "delete", path: "/cases/{caseID}/people/{personID}", id: "removePerson",
            summary:
                "Remove a person added in error while every request of the case is a draft (409 after submission); send If-Match with the ETag from GET",
            status: 204, ifMatch: .required),
        .init(
            method: "put", path: "/cases/{caseID}/milestones", id: "recordMilestones",
            summary:
                "Record assessment, S47 or ICPC milestones (the others stay); send If-Match with the case's ETag from GET /cases/{caseID}",
            body: "MilestonesInput", ifMatch: .required),
        .init(method: "get", path: "/cases/{caseID}/clocks", id: "listCaseClocks", summary: "Every clock of a case"),
        .init(
            method: "post", path: "/cases/{caseID}/requests", id: "draftRequest", summary: "Draft a strategy meeting request",
            body: "RequestForm", status: 201),
        .init(
            method: "get", path: "/requests", id: "listRequests",
            summary:
                "Requests of your cases, and approved ones of cases you may book, oldest first, a page at a time: X-Total-Count says how many match, Link gives the next and previous pages",
            query: [("status", Schema.choice(RequestStatus.self))] + Schema.paging),
        .init(method: "get", path: "/requests/{requestID}", id: "getRequest", summary: "One request"),
        .init(
            method: "put", path: "/requests/{requestID}", id: "updateRequest",
            summary:
                "Replace every field of a draft request (a field left out is emptied); send If-Match with the ETag from GET (428 without it, 409 with the current request when it changed since)",
            body: "RequestForm", ifMatch: .required),
        .init(
            method: "patch", path: "/requests/{requestID}", id: "patchRequest",
            summary:
                "Change only the fields named (null empties one) of a draft request; send If-Match with the ETag from GET",
            body: "RequestForm", ifMatch: .required),
        .init(
            method: "post", path: "/requests/{requestID}/submit", id: "submitRequest",
            summary: "Submit the request to the team manager"),
        .init(
            method: "post", path: "/requests/{requestID}/approve", id: "approveRequest", summary: "Approve a submitted request",
            body: "Approval"),
        .init(
            method: "post", path: "/requests/{requestID}/return", id: "returnRequest",
            summary: "Send a submitted request back with a reason", body: "Return"),
        .init(
            method: "post", path: "/meetings", id: "bookMeeting", summary: "Book a strategy discussion for an approved request",
            body: "BookingInput", status: 201),
        .init(
            method: "get", path: "/meetings", id: "listMeetings",
            summary:
                "The logistics of the meetings you may see in a time range (read each record by its id): from and to, or the four weeks from `from` or up to `to`, or from a week ago",
            query: [("from", Schema.dateTime), ("to", Schema.dateTime), ("professionalId", Schema.uuid)]),
        .init(
            method: "get", path: "/meetings/{meetingID}", id: "getMeeting",
            summary:
                "The discussion as your audience sees it: the whole record with its quorum check for the meeting team (audience meetingTeam); the logistics, released family details and quorum for invitees (audience invitee)"
        ),
        .init(
            method: "post", path: "/meetings/{meetingID}/move", id: "moveMeeting",
            summary:
                "Move a booking with the case's service manager's agreement: a service manager signed in agrees as themselves; anyone else asks them (agreement requested; the change waits for them) or records their telephone agreement (agreement byTelephone; they are told)",
            body: "RebookingInput"),
        .init(
            method: "post", path: "/meetings/{meetingID}/cancel", id: "cancelMeeting",
            summary: "Cancel a booking with a service manager's agreement", body: "RebookingInput"),
        .init(
            method: "post", path: "/meetings/{meetingID}/changes/{changeID}/approve", id: "approveMeetingChange",
            summary:
                "The case's service manager, signed in, agrees to a move or cancellation they were asked to agree; it is made now (409 if it is not waiting for you)"
        ),
        .init(
            method: "post", path: "/meetings/{meetingID}/changes/{changeID}/decline", id: "declineMeetingChange",
            summary: "The case's service manager declines a move or cancellation they were asked to agree, with a reason",
            body: "AgreementDecision"),
        .init(
            method: "post", path: "/meetings/{meetingID}/changes/{changeID}/acknowledge", id: "acknowledgeMeetingChange",
            summary: "The case's service manager acknowledges the telephone agreement someone recorded for them"),
        .init(
            method: "put", path: "/meetings/{meetingID}/released-people", id: "releasePeople",
            summary:
                "The chair sets which family members' details the invitees see (all others are withheld); answers the released ids",
            body: "ReleaseInput"),
        .init(
            method: "get", path: "/meetings/{meetingID}/quorum", id: "getQuorum", summary: "Which minimum attendees are missing"),
        .init(
            method: "post", path: "/meetings/{meetingID}/invitations", id: "invite", summary: "Invite a professional",
            body: "InvitationInput", status: 201),
        .init(
            method: "delete", path: "/meetings/{meetingID}/invitations/{inviteeID}", id: "withdrawInvitation",
            summary:
                "Withdraw a professional's invitation before the discussion starts; they are sent a cancellation (the case's social worker and team manager, the chair and the minute taker stay)",
            status: 204),
        .init(
            method: "put", path: "/meetings/{meetingID}/attendance/{professionalID}", id: "recordAttendance",
            summary: "Record an invitee's attendance", body: "AttendanceInput"),
        .init(
            method: "patch", path: "/meetings/{meetingID}/record", id: "updateRecord",
            summary:
                "Change sections of the record; send If-Match with the meeting's ETag, or expectedVersion, or sectionVersions for every section changed (428 without any)",
            body: "RecordUpdate", ifMatch: .optional),
        .init(
            method: "post", path: "/meetings/{meetingID}/contributions", id: "addContribution",
            summary: "Record an agency's contribution", body: "ContributionInput", status: 201),
        .init(
            method: "put", path: "/meetings/{meetingID}/decisions/{kind}", id: "recordDecision",
            summary:
                "Record a decision, or replace one with If-Match set to its version as the record shows it (428 without it once recorded)",
            body: "DecisionInput", ifMatch: .optional),
        .init(
            method: "post", path: "/decisions/{decisionID}/review", id: "reviewDecision",
            summary: "Record the review of a decision not to inform parents", body: "Review"),
        .init(
            method: "post", path: "/meetings/{meetingID}/dissents", id: "addDissent", summary: "Record a different view",
            body: "DissentInput", status: 201),
        .init(
            method: "patch", path: "/dissents/{dissentID}", id: "updateDissent",
            summary: "Resolve or escalate a different view; send If-Match with its version as the record shows it",
            body: "DissentUpdate", ifMatch: .required),
        .init(
            method: "post", path: "/meetings/{meetingID}/actions", id: "addAction", summary: "Agree a SMART action",
            body: "ActionInput", status: 201),
        .init(
            method: "get", path: "/actions", id: "listActions",
            summary:
                "SMART actions: yours and those of meetings you may see, soonest due first, a page at a time: X-Total-Count says how many match, Link gives the next and previous pages",
            query: [("ownerId", Schema.uuid), ("status", Schema.choice(ActionStatus.self))] + Schema.paging),
        .init(
            method: "post", path: "/meetings/{meetingID}/escalations", id: "escalate",
            summary:
                "Escalate a statutory partner's non-attendance (professionalId) or a disagreement (dissentId) to the case's service manager, with a reason; at any time, after the minutes are final too",
            body: "EscalationInput", status: 201),
        .init(
            method: "post", path: "/meetings/{meetingID}/escalations/{escalationID}/resolve", id: "resolveEscalation",
            summary: "Record how an escalation was resolved (once; 409 if it already is)", body: "EscalationResolution"),
        .init(method: "get", path: "/actions/{actionID}", id: "getAction", summary: "One SMART action"),
        .init(
            method: "get", path: "/actions/{actionID}/history", id: "listActionChanges",
            summary:
                "What happened to an action after it was agreed, oldest first: completed, cancelled, reopened, reassigned or re-dated, by whom, when and why"
        ),
        .init(
            method: "patch", path: "/actions/{actionID}", id: "updateAction",
            summary:
                "Complete, cancel or reopen an action, or reassign it (ownerId) or re-date it (dueAt); cancelling, reassigning and re-dating need a reason and are for the meeting team; send If-Match with the ETag from GET /actions/{actionID}",
            body: "ActionUpdate", ifMatch: .required),
        .init(
            method: "get", path: "/meetings/{meetingID}/minutes", id: "getMinutes",
            summary: "Every version of the minutes, circulation and corrections"),
        .init(
            method: "post", path: "/meetings/{meetingID}/minutes/finalise", id: "finaliseMinutes",
            summary: "The chair finalises the minutes", body: "MinutesActor"),
        .init(
            method: "post", path: "/meetings/{meetingID}/minutes/circulate", id: "circulateMinutes",
            summary: "Record circulation to every invitee", body: "MinutesActor"),
        .init(
            method: "post", path: "/meetings/{meetingID}/minutes/corrections", id: "addCorrection",
            summary: "Record a correction from an invitee", body: "CorrectionInput", status: 201),
        .init(
            method: "post", path: "/meetings/{meetingID}/minutes/amendments", id: "amendMinutes",
            summary: "Amend the minutes as a new version", body: "MinutesAmendment"),
        .init(
            method: "get", path: "/meetings/{meetingID}/minutes/shares", id: "listMinutesShares",
            summary: "Permissions to share the minutes beyond the invitees"),
        .init(
            method: "post", path: "/meetings/{meetingID}/minutes/shares", id: "shareMinutes",
            summary: "The chair gives permission to share the minutes (logged as a disclosure)", body: "MinutesShareInput",
            status: 201),
        .init(
            method: "post", path: "/meetings/{meetingID}/minutes/shares/{shareID}/revoke", id: "revokeMinutesShare",
            summary: "The chair revokes a permission to share"),
        .init(
            method: "get", path: "/meetings/{meetingID}/minutes/disclosures", id: "listDisclosures",
            summary: "The disclosure log: who shared the minutes with whom, what and why"),
        .init(
            method: "get", path: "/tokens", id: "listTokens", summary: "Your personal API tokens (never the tokens themselves)"),
        .init(method: "delete", path: "/tokens/{tokenID}", id: "revokeToken", summary: "Revoke one of your tokens"),
        .init(
            method: "get", path: "/clocks", id: "listClocks",
            summary:
                "Clocks across cases, most urgent first, a page at a time: X-Total-Count says how many match, Link gives the next and previous pages",
            query: [
                ("teamId", Schema.uuid), ("ownerId", Schema.uuid), ("overdue", Schema.bool),
                (
                    "dueWithin",
                    [
                        "type": "string",
                        "pattern": "^([1-9][0-9]{0,4}m|[1-9][0-9]{0,2}h|[1-9][0-9]?d|[1-9]w|[1-4][0-9]w|5[0-2]w)$",
                    ]
                ), ("includeStopped", Schema.bool), ("kind", Schema.choice(ClockKind.self)), ("dueSoon", Schema.bool),
            ] + Schema.paging),
    ]

    static let json: Data = {
        var paths: [(String, [(String, JSONValue)])] = []
        for operation in operations {
            let full = "/api/v1" + operation.path
            let entry = (operation.method, describe(operation))
            if let index = paths.firstIndex(where: { $0.0 == full }) {
                paths[index].1.append(entry)
            } else {
                paths.append((full, [entry]))
            }
        }
        let document: JSONValue = [
            "openapi": "3.1.0",
            "info": [
                "title": "Convene API",
                "version": "1.0.0",
                "description":
                    "Multi-agency strategy discussions in English child protection. Errors are application/problem+json.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearerAuth": []]],
            "paths": .object(paths.map { ($0.0, .object($0.1)) }),
            "components": [
                "schemas": .object(Schema.components),
                "securitySchemes": [
                    "bearerAuth": [
                        "type": "http", "scheme": "bearer",
                        "description": "A personal API token from your account page or `convene token create`.",
                    ]
                ],
            ],
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail.
        return try! encoder.encode(document)
    }()

    private static func describe(_ operation: APIOperation) -> JSONValue {
        let problem: JSONValue = ["application/problem+json": ["schema": Schema.ref("Problem")]]
        var parameters: [JSONValue] = operation.path.split(separator: "/")
            .filter { $0.hasPrefix("{") }
            .map { part in
                let name = String(part.dropFirst().dropLast())
                let schema = name == "kind" ? Schema.choice(DecisionKind.self) : Schema.uuid
                return ["name": .string(name), "in": "path", "required": true, "schema": schema]
            }
        parameters += operation.query.map { ["name": .string($0.0), "in": "query", "required": false, "schema": $0.1] }
        // A search is a read sent as POST (to keep names out of addresses): nothing to repeat safely.
        if operation.method != "get" && !operation.id.hasPrefix("search") {
            parameters.append([
                "name": "Idempotency-Key", "in": "header", "required": false,
                "description":
                    "Names this change: a repeat with the same key gets the first answer (with Idempotent-Replayed: true) instead of making a second record; the same key with another request is refused (422). Kept for 24 hours.",
                "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"],
            ])
        }
        if operation.ifMatch != .none {
            parameters.append([
                "name": "If-Match", "in": "header", "required": .bool(operation.ifMatch == .required),
                "description": "The ETag of the record as read (GET), such as \"3\"",
                "schema": ["type": "string", "pattern": "^\"[1-9][0-9]{0,8}\"$"],
            ])
        }
        // Every `list…` and `search…` operation answers a JSON array; every other one an object.
        let answersList = operation.id.hasPrefix("list") || operation.id.hasPrefix("search")
        let success = answersList ? Schema.array(Schema.anyObject) : Schema.anyObject
        var responses: [(String, JSONValue)] = [
            operation.status == 204
                ? ("204", ["description": "Done; no content"])
                : (String(operation.status), ["description": "Success", "content": ["application/json": ["schema": success]]])
        ]
        if operation.body != nil {
            responses.append(("400", ["description": "The body is not JSON", "content": problem]))
            responses.append(("415", ["description": "The body is not sent as application/json", "content": problem]))
        }
        responses.append(("401", ["description": "No valid, unrevoked bearer token", "content": problem]))
        responses.append(("404", ["description": "No such record, or none you may see", "content": problem]))
        responses.append(("409", ["description": "Not allowed in the current state", "content": problem]))
        responses.append(("422", ["description": "Invalid input, by field", "content": problem]))
        if operation.ifMatch != .none {
            responses.append(("412", ["description": "If-Match is not an ETag of this API", "content": problem]))
            responses.append(("428", ["description": "If-Match is missing", "content": problem]))
        }
        var pairs: [(String, JSONValue)] = [
            ("operationId", .string(operation.id)), ("summary", .string(operation.summary)),
            ("parameters", .array(parameters)), ("responses", .object(responses)),
        ]
        if let body = operation.body {
            pairs.append(("requestBody", ["required": true, "content": ["application/json": ["schema": Schema.ref(body)]]]))
        }
        return .object(pairs)
    }
}
