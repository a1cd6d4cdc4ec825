import ConveneCore
import Vapor

/// The JSON API's endpoints: address, who may use each, and its OpenAPI operation.
extension Endpoint {
    static let listCases = Endpoint(
        .GET, .api(.cases), .roles(.caseWorkers, audit: .read),
        api: APIOperation(
            id: "listCases",
            summary:
                "The cases you have a role in, newest first, a page at a time: X-Total-Count says how many match, Link gives the next and previous pages",
            query: [("teamId", Schema.uuid)] + Schema.paging, response: CaseResponse.self))
    static let createCase = Endpoint(
        .POST, .api(.cases), .roles(.caseCreators, audit: .change),
        api: APIOperation(id: "createCase", summary: "Create a case", body: "CaseInput", status: 201, response: CaseResponse.self)
    )
    static let searchCases = Endpoint(
        .POST, .api(.casesSearch), .roles(.csc, audit: .read),
        api: APIOperation(
            id: "searchCases",
            summary:
                "The cases you may see that match a reference or a name (any part) or a date of birth (2017-05-14 or 14/05/2017), newest first, a page at a time; the search travels in the body so that no name is in an address",
            body: "CaseSearchInput", query: Schema.paging, response: CaseResponse.self))
    static let getCase = Endpoint(
        .GET, .api(.caseRecord(.key)), .record(.viewCase, .caseRecord),
        api: APIOperation(
            id: "getCase", summary: "A case with its people, discussions and clocks", response: CaseDetailResponse.self))
    static let listPeople = Endpoint(
        .GET, .api(.casePeople(.key)), .record(.viewCase, .caseRecord),
        api: APIOperation(id: "listPeople", summary: "The people on a case", response: CasePersonResponse.self))
    static let addPerson = Endpoint(
        .POST, .api(.casePeople(.key)), .record(.editCase, .caseRecord),
        api: APIOperation(
            id: "addPerson", summary: "Add a child, parent or carer, or other relevant person", body: "PersonInput", status: 201,
            response: CasePersonResponse.self))
    static let getPerson = Endpoint(
        .GET, .api(.casePerson(.key, person: .key)), .record(.viewCase, .caseRecord),
        api: APIOperation(
            id: "getPerson", summary: "One person on a case, with its version as the ETag", response: CasePersonResponse.self))
    static let updatePerson = Endpoint(
        .PUT, .api(.casePerson(.key, person: .key)), .record(.editCase, .caseRecord),
        api: APIOperation(
            id: "updatePerson",
            summary:
                "Replace a person's details while every request of the case is a draft (409 after submission); send If-Match with the ETag from GET",
            body: "PersonInput", ifMatch: .required, response: CasePersonResponse.self))
    static let removePerson = Endpoint(
        .DELETE, .api(.casePerson(.key, person: .key)), .record(.editCase, .caseRecord),
        api: APIOperation(
            id: "removePerson",
            summary:
                "Remove a person added in error while every request of the case is a draft (409 after submission); send If-Match with the ETag from GET",
            status: 204, ifMatch: .required))
    static let recordMilestones = Endpoint(
        .PUT, .api(.caseMilestones(.key)), .record(.editCase, .caseRecord),
        api: APIOperation(
            id: "recordMilestones",
            summary:
                "Record assessment, S47 or ICPC milestones (the others stay); send If-Match with the case's ETag from GET /cases/{caseID}",
            body: "MilestonesInput", ifMatch: .required, response: CaseResponse.self))
    static let listClocks = Endpoint(
        .GET, .api(.clocks), .roles(.caseWorkers, audit: .read),
        api: APIOperation(
            id: "listClocks",
            summary:
                "Clocks across cases, most urgent first, a page at a time: X-Total-Count says how many match, Link gives the next and previous pages",
            query: [
                ("teamId", Schema.uuid), ("ownerId", Schema.uuid), ("overdue", Schema.bool),
                (
                    "dueWithin",
                    Schema.pattern("^([1-9][0-9]{0,4}m|[1-9][0-9]{0,2}h|[1-9][0-9]?d|[1-9]w|[1-4][0-9]w|5[0-2]w)$")
                ), ("includeStopped", Schema.bool), ("kind", Schema.choice(ClockKind.self)), ("dueSoon", Schema.bool),
            ] + Schema.paging, response: TimedClockResponse.self))
    static let listCaseClocks = Endpoint(
        .GET, .api(.caseClocks(.key)), .record(.viewCase, .caseRecord),
        api: APIOperation(id: "listCaseClocks", summary: "Every clock of a case", response: TimedClockResponse.self))
    static let getPolicyPresets = Endpoint(
        .GET, .api(.policiesPresets), .roles(.directoryReaders),
        api: APIOperation(id: "getPolicyPresets", summary: "The local-policy presets from the practice guidance"))
    static let listOrganisations = Endpoint(
        .GET, .api(.organisations), .roles(.directoryReaders),
        api: APIOperation(id: "listOrganisations", summary: "Organisations", response: OrganisationResponse.self))
    static let createOrganisation = Endpoint(
        .POST, .api(.organisations), .roles(.admin, audit: .account),
        api: APIOperation(
            id: "createOrganisation", summary: "Create an organisation with a policy preset or a full policy",
            body: "OrganisationInput", status: 201, response: OrganisationResponse.self))
    static let getOrganisation = Endpoint(
        .GET, .api(.organisation(.key)), .roles(.directoryReaders),
        api: APIOperation(id: "getOrganisation", summary: "One organisation with its policy", response: OrganisationResponse.self)
    )
    static let updatePolicy = Endpoint(
        .PUT, .api(.organisationPolicy(.key)), .roles(.admin, audit: .account),
        api: APIOperation(
            id: "updatePolicy",
            summary: "Replace the local policy; send If-Match with the ETag from GET /organisations/{organisationID}",
            body: "LocalPolicy", ifMatch: .required, response: OrganisationResponse.self))
    static let listClosureDays = Endpoint(
        .GET, .api(.organisationClosureDays(.key)), .roles(.directoryReaders),
        api: APIOperation(id: "listClosureDays", summary: "The organisation's closure days", response: ClosureDayResponse.self))
    static let addClosureDay = Endpoint(
        .POST, .api(.organisationClosureDays(.key)), .roles(.admin, audit: .account),
        api: APIOperation(
            id: "addClosureDay", summary: "Add a closure day", body: "ClosureDayInput", status: 201,
            response: ClosureDayResponse.self))
    static let listSlots = Endpoint(
        .GET, .api(.organisationSlots(.key)), .roles(.directoryReaders),
        api: APIOperation(
            id: "listSlots", summary: "Standard slots and bookings in a date range",
            query: [("from", Schema.date), ("to", Schema.date)], response: SlotResponse.self))
    static let createTeam = Endpoint(
        .POST, .api(.organisationTeams(.key)), .roles(.admin, audit: .account),
        api: APIOperation(id: "createTeam", summary: "Create a team", body: "TeamInput", status: 201, response: TeamResponse.self)
    )
    static let getHolidays = Endpoint(
        .GET, .api(.holidays), .roles(.directoryReaders),
        api: APIOperation(
            id: "getHolidays", summary: "The bank-holiday list in use", response: DirectoryController.HolidayListResponse.self))
    static let importHolidays = Endpoint(
        .PUT, .api(.holidays), .roles(.admin, audit: .account),
        api: APIOperation(
            id: "importHolidays", summary: "Replace the bank-holiday list (published UK JSON shape)", body: "BankHolidayDocument",
            response: DirectoryController.HolidayListResponse.self)
    )
    static let listTeams = Endpoint(
        .GET, .api(.teams), .roles(.directoryReaders),
        api: APIOperation(id: "listTeams", summary: "Teams", response: TeamResponse.self))
    static let getTeam = Endpoint(
        .GET, .api(.team(.key)), .roles(.directoryReaders),
        api: APIOperation(id: "getTeam", summary: "One team", response: TeamResponse.self))
    static let listAgencies = Endpoint(
        .GET, .api(.agencies), .roles(.directoryReaders),
        api: APIOperation(id: "listAgencies", summary: "Agencies", response: AgencyResponse.self))
    static let createAgency = Endpoint(
        .POST, .api(.agencies), .roles(.admin, audit: .account),
        api: APIOperation(
            id: "createAgency", summary: "Create an agency", body: "AgencyInput", status: 201, response: AgencyResponse.self))
    static let getAgency = Endpoint(
        .GET, .api(.agency(.key)), .roles(.directoryReaders),
        api: APIOperation(id: "getAgency", summary: "One agency", response: AgencyResponse.self))
    static let listProfessionals = Endpoint(
        .GET, .api(.professionals), .roles(.directoryReaders),
        api: APIOperation(
            id: "listProfessionals", summary: "Professionals",
            query: [("role", Schema.choice(ProfessionalRole.self)), ("teamId", Schema.uuid)], response: ProfessionalResponse.self)
    )
    static let createProfessional = Endpoint(
        .POST, .api(.professionals), .roles(.admin, audit: .account),
        api: APIOperation(
            id: "createProfessional", summary: "Create a professional", body: "ProfessionalInput", status: 201,
            response: ProfessionalResponse.self))
    static let getProfessional = Endpoint(
        .GET, .api(.professional(.key)), .roles(.directoryReaders),
        api: APIOperation(id: "getProfessional", summary: "One professional", response: ProfessionalResponse.self))
    static let bookMeeting = Endpoint(
        .POST, .api(.meetings), .roles(.booking, audit: .change),
        api: APIOperation(
            id: "bookMeeting", summary: "Book a strategy discussion for an approved request", body: "BookingInput", status: 201,
            response: MeetingResponse.self))
    static let listMeetings = Endpoint(
        .GET, .api(.meetings), .roles(.caseWorkers, audit: .read),
        api: APIOperation(
            id: "listMeetings",
            summary:
                "The logistics of the meetings you may see in a time range (read each record by its id): from and to, or the four weeks from `from` or up to `to`, or from a week ago",
            query: [("from", Schema.dateTime), ("to", Schema.dateTime), ("professionalId", Schema.uuid)],
            response: MeetingLogisticsResponse.self))
    static let getMeeting = Endpoint(
        .GET, .api(.meeting(.key)), .record(.viewMeeting, .meeting),
        api: APIOperation(
            id: "getMeeting",
            summary:
                "The discussion as your audience sees it: the whole record with its quorum check for the meeting team (audience meetingTeam); the logistics, released family details and quorum for invitees (audience invitee)",
            response: MeetingResponse.self, otherwise: InviteeMeetingResponse.self))
    static let moveMeeting = Endpoint(
        .POST, .api(.meetingMove(.key)), .record(.rearrangeMeeting, .meeting),
        api: APIOperation(
            id: "moveMeeting",
            summary:
                "Move a booking with the case's service manager's agreement: a service manager signed in agrees as themselves; anyone else asks them (agreement requested; the change waits for them) or records their telephone agreement (agreement byTelephone; they are told)",
            body: "RebookingInput", response: MeetingResponse.self))
    static let approveMeetingChange = Endpoint(
        .POST, .api(.meetingChangeApprove(.key, change: .key)), .record(.rearrangeMeeting, .meeting),
        api: APIOperation(
            id: "approveMeetingChange",
            summary:
                "The case's service manager, signed in, agrees to a move or cancellation they were asked to agree; it is made now (409 if it is not waiting for you)",
            response: MeetingResponse.self))
    static let declineMeetingChange = Endpoint(
        .POST, .api(.meetingChangeDecline(.key, change: .key)), .record(.rearrangeMeeting, .meeting),
        api: APIOperation(
            id: "declineMeetingChange",
            summary: "The case's service manager declines a move or cancellation they were asked to agree, with a reason",
            body: "AgreementDecision", response: MeetingResponse.self))
    static let acknowledgeMeetingChange = Endpoint(
        .POST, .api(.meetingChangeAcknowledge(.key, change: .key)), .record(.rearrangeMeeting, .meeting),
        api: APIOperation(
            id: "acknowledgeMeetingChange",
            summary: "The case's service manager acknowledges the telephone agreement someone recorded for them",
            response: MeetingResponse.self))
    static let cancelMeeting = Endpoint(
        .POST, .api(.meetingCancel(.key)), .record(.rearrangeMeeting, .meeting),
        api: APIOperation(
            id: "cancelMeeting", summary: "Cancel a booking with a service manager's agreement", body: "RebookingInput",
            response: MeetingResponse.self))
    static let getQuorum = Endpoint(
        .GET, .api(.meetingQuorum(.key)), .record(.viewMeeting, .meeting),
        api: APIOperation(id: "getQuorum", summary: "Which minimum attendees are missing", response: QuorumResponse.self))
    static let invite = Endpoint(
        .POST, .api(.meetingInvitations(.key)), .record(.editRecord, .meeting),
        api: APIOperation(
            id: "invite", summary: "Invite a professional", body: "InvitationInput", status: 201,
            response: InvitationResponse.self))
    static let withdrawInvitation = Endpoint(
        .DELETE, .api(.meetingInvitation(.key, invitee: .key)), .record(.editRecord, .meeting),
        api: APIOperation(
            id: "withdrawInvitation",
            summary:
                "Withdraw a professional's invitation before the discussion starts; they are sent a cancellation (the case's social worker and team manager, the chair and the minute taker stay)",
            status: 204))
    static let recordAttendance = Endpoint(
        .PUT, .api(.meetingAttendance(.key, professional: .key)), .record(.editRecord, .meeting),
        api: APIOperation(
            id: "recordAttendance", summary: "Record an invitee's attendance", body: "AttendanceInput",
            response: InvitationResponse.self))
    static let releasePeople = Endpoint(
        .PUT, .api(.meetingReleasedPeople(.key)), .record(.releaseFamilyDetails, .meeting),
        api: APIOperation(
            id: "releasePeople",
            summary:
                "The chair sets which family members' details the invitees see (all others are withheld); answers the released ids",
            body: "ReleaseInput", response: ReleasedPeopleResponse.self))
    static let getMinutes = Endpoint(
        .GET, .api(.meetingMinutes(.key)), .record(.viewMinutes, .meeting),
        api: APIOperation(
            id: "getMinutes", summary: "Every version of the minutes, circulation and corrections",
            response: MinutesDetailResponse.self))
    static let finaliseMinutes = Endpoint(
        .POST, .api(.meetingMinutesFinalise(.key)), .record(.finaliseMinutes, .meeting),
        api: APIOperation(
            id: "finaliseMinutes", summary: "The chair finalises the minutes", body: "MinutesActor",
            response: MinutesDetailResponse.self))
    static let circulateMinutes = Endpoint(
        .POST, .api(.meetingMinutesCirculate(.key)), .record(.circulateMinutes, .meeting),
        api: APIOperation(
            id: "circulateMinutes", summary: "Record circulation to every invitee", body: "MinutesActor",
            response: MinutesDetailResponse.self))
    static let addCorrection = Endpoint(
        .POST, .api(.meetingMinutesCorrections(.key)), .record(.correctMinutes, .meeting),
        api: APIOperation(
            id: "addCorrection", summary: "Record a correction from an invitee", body: "CorrectionInput", status: 201,
            response: CorrectionResponse.self))
    static let amendMinutes = Endpoint(
        .POST, .api(.meetingMinutesAmendments(.key)), .record(.amendMinutes, .meeting),
        api: APIOperation(
            id: "amendMinutes", summary: "Amend the minutes as a new version", body: "MinutesAmendment",
            response: MinutesDetailResponse.self))
    static let listMinutesShares = Endpoint(
        .GET, .api(.meetingMinutesShares(.key)), .record(.viewDisclosures, .meeting),
        api: APIOperation(
            id: "listMinutesShares", summary: "Permissions to share the minutes beyond the invitees",
            response: MinutesShareResponse.self))
    static let shareMinutes = Endpoint(
        .POST, .api(.meetingMinutesShares(.key)), .record(.shareMinutes, .meeting),
        api: APIOperation(
            id: "shareMinutes", summary: "The chair gives permission to share the minutes (logged as a disclosure)",
            body: "MinutesShareInput", status: 201, response: MinutesShareResponse.self))
    static let revokeMinutesShare = Endpoint(
        .POST, .api(.meetingMinutesShareRevoke(.key, share: .key)), .record(.shareMinutes, .meeting),
        api: APIOperation(
            id: "revokeMinutesShare", summary: "The chair revokes a permission to share", response: MinutesShareResponse.self))
    static let listDisclosures = Endpoint(
        .GET, .api(.meetingMinutesDisclosures(.key)), .record(.viewDisclosures, .meeting),
        api: APIOperation(
            id: "listDisclosures", summary: "The disclosure log: who shared the minutes with whom, what and why",
            response: DisclosureResponse.self))
    static let updateRecord = Endpoint(
        .PATCH, .api(.meetingRecord(.key)), .record(.editRecord, .meeting),
        api: APIOperation(
            id: "updateRecord",
            summary:
                "Change sections of the record; send If-Match with the meeting's ETag, or expectedVersion, or sectionVersions for every section changed (428 without any)",
            body: "RecordUpdate", ifMatch: .optional, response: MeetingResponse.self))
    static let addContribution = Endpoint(
        .POST, .api(.meetingContributions(.key)), .record(.editRecord, .meeting),
        api: APIOperation(
            id: "addContribution", summary: "Record an agency's contribution", body: "ContributionInput", status: 201,
            response: ContributionResponse.self))
    static let recordDecision = Endpoint(
        .PUT, .api(.meetingDecision(.key, kind: .key)), .record(.editRecord, .meeting),
        api: APIOperation(
            id: "recordDecision",
            summary:
                "Record a decision, or replace one with If-Match set to its version as the record shows it (428 without it once recorded)",
            body: "DecisionInput", ifMatch: .optional, response: DecisionResponse.self))
    static let reviewDecision = Endpoint(
        .POST, .api(.decisionReview(.key)), .record(.reviewDecision, .decision),
        api: APIOperation(
            id: "reviewDecision", summary: "Record the review of a decision not to inform parents", body: "Review",
            response: DecisionResponse.self))
    static let addDissent = Endpoint(
        .POST, .api(.meetingDissents(.key)), .record(.editRecord, .meeting),
        api: APIOperation(
            id: "addDissent", summary: "Record a different view", body: "DissentInput", status: 201,
            response: DissentResponse.self))
    static let updateDissent = Endpoint(
        .PATCH, .api(.dissent(.key)), .record(.resolveDissent, .dissent),
        api: APIOperation(
            id: "updateDissent",
            summary: "Resolve or escalate a different view; send If-Match with its version as the record shows it",
            body: "DissentUpdate", ifMatch: .required, response: DissentResponse.self))
    static let escalate = Endpoint(
        .POST, .api(.meetingEscalations(.key)), .record(.escalate, .meeting),
        api: APIOperation(
            id: "escalate",
            summary:
                "Escalate a statutory partner's non-attendance (professionalId) or a disagreement (dissentId) to the case's service manager, with a reason; at any time, after the minutes are final too",
            body: "EscalationInput", status: 201, response: EscalationResponse.self))
    static let resolveEscalation = Endpoint(
        .POST, .api(.meetingEscalationResolve(.key, escalation: .key)), .record(.resolveEscalation, .meeting),
        api: APIOperation(
            id: "resolveEscalation", summary: "Record how an escalation was resolved (once; 409 if it already is)",
            body: "EscalationResolution", response: EscalationResponse.self))
    static let addAction = Endpoint(
        .POST, .api(.meetingActions(.key)), .record(.editRecord, .meeting),
        api: APIOperation(
            id: "addAction", summary: "Agree a SMART action", body: "ActionInput", status: 201, response: SmartActionResponse.self
        ))
    static let listActions = Endpoint(
        .GET, .api(.actions), .roles(.caseWorkers, audit: .read),
        api: APIOperation(
            id: "listActions",
            summary:
                "SMART actions: yours and those of meetings you may see, soonest due first, a page at a time: X-Total-Count says how many match, Link gives the next and previous pages",
            query: [("ownerId", Schema.uuid), ("status", Schema.choice(ActionStatus.self))] + Schema.paging,
            response: SmartActionResponse.self))
    static let getAction = Endpoint(
        .GET, .api(.action(.key)), .record(.viewAction, .action),
        api: APIOperation(id: "getAction", summary: "One SMART action", response: SmartActionResponse.self))
    static let listActionChanges = Endpoint(
        .GET, .api(.actionHistory(.key)), .record(.viewAction, .action),
        api: APIOperation(
            id: "listActionChanges",
            summary:
                "What happened to an action after it was agreed, oldest first: completed, cancelled, reopened, reassigned or re-dated, by whom, when and why",
            response: ActionChangeResponse.self))
    static let updateAction = Endpoint(
        .PATCH, .api(.action(.key)), .record(.updateAction, .action),
        api: APIOperation(
            id: "updateAction",
            summary:
                "Complete, cancel or reopen an action, or reassign it (ownerId) or re-date it (dueAt); cancelling, reassigning and re-dating need a reason and are for the meeting team; send If-Match with the ETag from GET /actions/{actionID}",
            body: "ActionUpdate", ifMatch: .required, response: SmartActionResponse.self))
    static let draftRequest = Endpoint(
        .POST, .api(.caseRequests(.key)), .record(.draftRequest, .caseRecord),
        api: APIOperation(
            id: "draftRequest", summary: "Draft a strategy meeting request", body: "RequestForm", status: 201,
            response: RequestDetailResponse.self))
    static let listRequests = Endpoint(
        .GET, .api(.requests), .roles(.caseWorkers, audit: .read),
        api: APIOperation(
            id: "listRequests",
            summary:
                "Requests of your cases, and approved ones of cases you may book, oldest first, a page at a time: X-Total-Count says how many match, Link gives the next and previous pages",
            query: [("status", Schema.choice(RequestStatus.self))] + Schema.paging, response: StrategyRequestResponse.self))
    static let getRequest = Endpoint(
        .GET, .api(.request(.key)), .record(.viewRequest, .request),
        api: APIOperation(id: "getRequest", summary: "One request", response: RequestDetailResponse.self))
    static let updateRequest = Endpoint(
        .PUT, .api(.request(.key)), .record(.editRequest, .request),
        api: APIOperation(
            id: "updateRequest",
            summary:
                "Replace every field of a draft request (a field left out is emptied); send If-Match with the ETag from GET (428 without it, 409 with the current request when it changed since)",
            body: "RequestForm", ifMatch: .required, response: RequestDetailResponse.self))
    static let patchRequest = Endpoint(
        .PATCH, .api(.request(.key)), .record(.editRequest, .request),
        api: APIOperation(
            id: "patchRequest",
            summary: "Change only the fields named (null empties one) of a draft request; send If-Match with the ETag from GET",
            body: "RequestForm", ifMatch: .required, response: RequestDetailResponse.self))
    static let submitRequest = Endpoint(
        .POST, .api(.requestSubmit(.key)), .record(.submitRequest, .request),
        api: APIOperation(
            id: "submitRequest", summary: "Submit the request to the team manager", response: RequestDetailResponse.self))
    static let approveRequest = Endpoint(
        .POST, .api(.requestApprove(.key)), .record(.decideRequest, .request),
        api: APIOperation(
            id: "approveRequest", summary: "Approve a submitted request", body: "Approval", response: RequestDetailResponse.self))
    static let returnRequest = Endpoint(
        .POST, .api(.requestReturn(.key)), .record(.decideRequest, .request),
        api: APIOperation(
            id: "returnRequest", summary: "Send a submitted request back with a reason", body: "Return",
            response: RequestDetailResponse.self))
    static let listTokens = Endpoint(
        .GET, .api(.tokens), .roles(.everyone),
        api: APIOperation(
            id: "listTokens", summary: "Your personal API tokens (never the tokens themselves)",
            response: TokensController.TokenResponse.self))
    static let revokeToken = Endpoint(
        .DELETE, .api(.token(.key)), .roles(.everyone, audit: .account),
        api: APIOperation(id: "revokeToken", summary: "Revoke one of your tokens", response: TokensController.TokenResponse.self))
}
