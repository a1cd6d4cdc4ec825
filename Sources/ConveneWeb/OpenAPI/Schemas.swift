import ConveneCore
import OpenAPIKit

/// JSON Schema fragments for the OpenAPI document, as OpenAPIKit's `JSONSchema`. A property is
/// optional unless its object names it in `required`.
enum Schema {
    static let string = JSONSchema.string(required: false)
    static let uuid = JSONSchema.string(format: .other("uuid"), required: false)
    static let date = JSONSchema.string(format: .date, required: false)
    static let dateTime = JSONSchema.string(format: .dateTime, required: false)
    static let bool = JSONSchema.boolean(required: false)
    /// The query parameters of a list answered a page at a time (`ListPage`).
    static let paging: [(String, JSONSchema)] = [
        (
            "limit",
            .integer(
                required: false, maximum: (ListPage.largest, exclusive: false), minimum: (1, exclusive: false),
                defaultValue: .init(ListPage.size))
        ),
        (
            "offset",
            .integer(
                required: false, maximum: (ListPage.furthestOffset, exclusive: false), minimum: (0, exclusive: false),
                defaultValue: 0)
        ),
    ]
    static let int = JSONSchema.integer(required: false)
    static let anyObject = JSONSchema.object(required: false)

    static func text(max: Int) -> JSONSchema { .string(required: false, maxLength: max) }
    /// Text the server requires: at least one character that is not a space.
    static func filled(max: Int) -> JSONSchema { .string(required: false, maxLength: max, pattern: "\\S") }
    static func pattern(_ pattern: String, description: String? = nil) -> JSONSchema {
        .string(required: false, description: description, pattern: pattern)
    }
    static func choice<C: Choice>(_ type: C.Type) -> JSONSchema {
        .string(required: false, allowedValues: C.allCases.map { .init($0.rawValue) })
    }
    static func array(_ items: JSONSchema) -> JSONSchema { .array(required: false, items: items) }
    static func ref(_ name: String) -> JSONSchema { .reference(.component(named: name), required: false) }
    /// An object of these properties, in this order; those named in `required` must be sent.
    static func object(_ properties: [(String, JSONSchema)], required: [String] = []) -> JSONSchema {
        .object(
            required: false,
            properties: OrderedDictionary(
                properties.map { name, schema in
                    (name, required.contains(name) ? schema.requiredSchemaObject() : schema.optionalSchemaObject())
                }, uniquingKeysWith: { first, _ in first }))
    }
    /// An object whose keys are free and whose values all follow `values`.
    static func map(of values: JSONSchema) -> JSONSchema {
        .object(required: false, additionalProperties: .init(values))
    }

    /// Request and response bodies, by name.
    static let components: [(String, JSONSchema)] = [
        (
            "Problem",
            object([
                ("type", string), ("title", string), ("status", int), ("detail", string), ("instance", string),
                ("errors", array(object([("field", string), ("reason", string)]))),
            ])
        ),
        ("Timescale", pattern("^([0-9]+h|[0-9]+wd|same-day)$")),
        (
            "LocalPolicy",
            object(
                [
                    ("name", text(max: 200)), ("immediateMeeting", ref("Timescale")), ("standardMeeting", ref("Timescale")),
                    ("minutesCirculation", ref("Timescale")), ("correctionsWindow", ref("Timescale")),
                    ("s47Enquiry", ref("Timescale")), ("icpc", ref("Timescale")), ("assessment", ref("Timescale")),
                    ("slotStartMinutes", array(int)), ("slotMinutes", int), ("dueSoonHours", int), ("timeZone", string),
                    (
                        "dateLimits",
                        object(
                            [
                                ("earliestYear", int), ("concernDaysBack", int), ("childAgeYears", int), ("daysAhead", int),
                            ], required: ["earliestYear", "concernDaysBack", "childAgeYears", "daysAhead"])
                    ),
                ],
                required: [
                    "name", "immediateMeeting", "standardMeeting", "minutesCirculation", "correctionsWindow",
                    "s47Enquiry", "icpc", "assessment", "slotStartMinutes", "slotMinutes", "dueSoonHours", "timeZone",
                ])
        ),
        (
            "OrganisationInput",
            object([("name", filled(max: 200)), ("preset", string), ("policy", ref("LocalPolicy"))], required: ["name"])
        ),
        ("ClosureDayInput", object([("date", date), ("reason", text(max: 500))])),
        ("TeamInput", object([("name", filled(max: 200)), ("locality", filled(max: 200))], required: ["name", "locality"])),
        ("AgencyInput", object([("name", filled(max: 200)), ("kind", choice(AgencyKind.self))], required: ["name", "kind"])),
        (
            "ProfessionalInput",
            object(
                [
                    ("name", filled(max: 200)), ("role", choice(ProfessionalRole.self)), ("jobTitle", filled(max: 200)),
                    ("agencyId", uuid), ("teamId", uuid),
                    (
                        "email",
                        .string(
                            format: .email, required: false,
                            description:
                                "Required for children's social care staff; a partner professional with none gives a phone number and is invited by telephone.",
                            maxLength: 254)
                    ),
                    ("phone", text(max: 30)),
                ], required: ["name", "role", "jobTitle", "agencyId"])
        ),
        (
            "CaseInput",
            object(
                [
                    ("teamId", uuid), ("reference", filled(max: 50)), ("caseType", choice(CaseType.self)), ("referralDate", date),
                    ("socialWorkerId", uuid), ("teamManagerId", uuid), ("serviceManagerId", uuid),
                ], required: ["teamId", "reference", "caseType", "socialWorkerId", "teamManagerId", "serviceManagerId"])
        ),
        (
            "PersonInput",
            object(
                [
                    ("role", choice(PersonRole.self)), ("fullName", filled(max: 200)), ("dateOfBirth", date),
                    ("dateOfBirthUnknown", bool), ("expectedDeliveryDate", date),
                    ("ethnicity", text(max: 200)), ("disability", text(max: 500)), ("caseNumber", text(max: 50)),
                    ("address", text(max: 1000)), ("relationship", text(max: 200)), ("checksRequired", text(max: 1000)),
                ], required: ["role", "fullName"])
        ),
        ("MilestonesInput", object([("assessmentCompletedOn", date), ("s47CompletedOn", date), ("icpcHeldOn", date)])),
        (
            "RequestForm",
            object([
                ("draftedBy", uuid), ("urgency", choice(Urgency.self)), ("urgencyRationale", text(max: 5000)),
                ("urgencyAgreedBy", uuid), ("otherDueDate", date), ("trigger", choice(ConcernTrigger.self)),
                ("concernIdentifiedAt", dateTime), ("presentingIssue", text(max: 10000)), ("incidentDate", date),
                ("rationale", text(max: 10000)), ("specificChecks", text(max: 5000)), ("inviteeIds", array(uuid)),
            ])
        ),
        ("Approval", object([("teamManagerId", uuid)])),
        ("Return", object([("teamManagerId", uuid), ("reason", filled(max: 2000))], required: ["reason"])),
        (
            "BookingInput",
            object(
                [
                    ("requestId", uuid), ("start", dateTime), ("chairId", uuid), ("minuteTakerId", uuid), ("alreadyHeld", bool),
                    ("format", choice(MeetingFormat.self)), ("reason", text(max: 2000)), ("lateReason", text(max: 2000)),
                ],
                required: ["requestId", "start", "chairId"])
        ),
        (
            "RebookingInput",
            object(
                [
                    ("newStart", dateTime), ("agreedBy", uuid), ("agreement", choice(Agreement.self)),
                    ("reason", filled(max: 2000)), ("lateReason", text(max: 2000)),
                ], required: ["reason"])
        ),
        ("AgreementDecision", object([("reason", filled(max: 2000))], required: ["reason"])),
        ("CaseSearchInput", object([("q", filled(max: 200))], required: ["q"])),
        ("InvitationInput", object([("professionalId", uuid)], required: ["professionalId"])),
        ("ReleaseInput", object([("personIds", array(uuid))], required: ["personIds"])),
        ("AttendanceInput", object([("attendance", choice(Attendance.self))], required: ["attendance"])),
        (
            "RecordUpdate",
            object([
                ("expectedVersion", int), ("sectionVersions", map(of: int)),
                ("format", choice(MeetingFormat.self)), ("startedAt", dateTime), ("endedAt", dateTime),
                ("familyDetailsConfirmed", bool), ("confidentialityStatementGiven", bool),
                ("reasonForMeeting", text(max: 20000)), ("cscInformation", text(max: 20000)),
                ("riskFactors", text(max: 20000)), ("protectiveFactors", text(max: 20000)),
                ("safeAtHome", choice(Answer.self)), ("otherChildrenAtRisk", choice(Answer.self)),
                ("otherChildrenDetail", text(max: 20000)), ("voiceOfChild", text(max: 20000)),
                ("cultureAndIdentity", text(max: 20000)), ("interpreterNeeded", choice(Answer.self)),
                ("interpreterLanguage", text(max: 20000)), ("disabilityAdjustments", text(max: 20000)),
                ("safetyPlan", text(max: 20000)), ("nextDiscussionDate", date),
            ])
        ),
        (
            "ContributionInput",
            object(
                [("agencyId", uuid), ("professionalId", uuid), ("summary", filled(max: 20000))],
                required: ["agencyId", "summary"])
        ),
        (
            "DecisionInput",
            object(
                [
                    ("answer", string), ("rationale", filled(max: 10000)), ("decidedBy", uuid), ("detail", text(max: 10000)),
                    ("parentsNotInformedReason", choice(ParentsNotInformedReason.self)), ("byDate", date),
                ], required: ["answer", "rationale", "decidedBy"])
        ),
        ("Review", object([("reviewedAt", dateTime)])),
        (
            "DissentInput",
            object(
                [
                    ("decisionKind", choice(DecisionKind.self)), ("raisedBy", uuid), ("view", filled(max: 10000)),
                    ("resolution", text(max: 10000)), ("status", choice(DissentStatus.self)),
                ], required: ["raisedBy", "view"])
        ),
        (
            "DissentUpdate",
            object([("status", choice(DissentStatus.self)), ("resolution", text(max: 10000))], required: ["status"])
        ),
        (
            "ActionInput",
            object(
                [("description", filled(max: 5000)), ("ownerId", uuid), ("dueAt", dateTime), ("isContingency", bool)],
                required: ["description", "ownerId", "dueAt"])
        ),
        (
            "ActionUpdate",
            object(
                [
                    ("status", choice(ActionStatus.self)), ("completionEvidence", text(max: 10000)), ("completedAt", dateTime),
                    ("ownerId", uuid), ("dueAt", dateTime), ("reason", text(max: 2000)),
                ])
        ),
        (
            "EscalationInput",
            object(
                [
                    ("kind", choice(EscalationKind.self)), ("professionalId", uuid), ("dissentId", uuid),
                    ("reason", filled(max: 2000)),
                ], required: ["kind", "reason"])
        ),
        ("EscalationResolution", object([("resolution", filled(max: 5000))], required: ["resolution"])),
        ("MinutesActor", object([("by", uuid), ("quorumReason", text(max: 2000))])),
        (
            "MinutesShareInput",
            object([("professionalId", uuid), ("reason", filled(max: 2000))], required: ["professionalId", "reason"])
        ),
        (
            "CorrectionInput",
            object([("professionalId", uuid), ("text", filled(max: 20000)), ("receivedAt", dateTime)], required: ["text"])
        ),
        (
            "MinutesAmendment",
            object([
                ("amendedBy", uuid), ("summary", text(max: 2000)),
                ("sections", map(of: string)), ("correctionIds", array(uuid)),
                ("emptySections", array(string)),
            ])
        ),
        (
            "BankHolidayDocument",
            .object(
                required: false,
                description:
                    "The published UK bank-holiday JSON: {\"england-and-wales\": {\"division\": ..., \"events\": [{\"title\", \"date\"}]}}"
            )
        ),
    ]
}
