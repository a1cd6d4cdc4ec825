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

    /// A text field, named and limited as `TextFields` says (and as validation enforces).
    static func text(_ field: TextField) -> (String, JSONSchema) {
        (field.name, .string(required: false, maxLength: field.max))
    }
    /// A text field the server requires: at least one character that is not a space.
    static func filled(_ field: TextField) -> (String, JSONSchema) {
        (field.name, .string(required: false, maxLength: field.max, pattern: "\\S"))
    }
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
                    text(TextFields.Policy.name), ("immediateMeeting", ref("Timescale")), ("standardMeeting", ref("Timescale")),
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
            object(
                [filled(TextFields.Organisation.name), ("preset", string), ("policy", ref("LocalPolicy"))], required: ["name"])
        ),
        ("ClosureDayInput", object([("date", date), text(TextFields.ClosureDay.reason)])),
        ("TeamInput", object([filled(TextFields.Team.name), filled(TextFields.Team.locality)], required: ["name", "locality"])),
        (
            "AgencyInput",
            object([filled(TextFields.Agency.name), ("kind", choice(AgencyKind.self))], required: ["name", "kind"])
        ),
        (
            "ProfessionalInput",
            object(
                [
                    filled(TextFields.Professional.name), ("role", choice(ProfessionalRole.self)),
                    filled(TextFields.Professional.jobTitle),
                    ("agencyId", uuid), ("teamId", uuid),
                    (
                        "email",
                        .string(
                            format: .email, required: false,
                            description:
                                "Required for children's social care staff; a partner professional with none gives a phone number and is invited by telephone.",
                            maxLength: TextFields.Professional.email.max)
                    ),
                    text(TextFields.Professional.phone),
                ], required: ["name", "role", "jobTitle", "agencyId"])
        ),
        (
            "CaseInput",
            object(
                [
                    ("teamId", uuid), filled(TextFields.Case.reference), ("caseType", choice(CaseType.self)),
                    ("referralDate", date),
                    ("socialWorkerId", uuid), ("teamManagerId", uuid), ("serviceManagerId", uuid),
                ], required: ["teamId", "reference", "caseType", "socialWorkerId", "teamManagerId", "serviceManagerId"])
        ),
        (
            "PersonInput",
            object(
                [
                    ("role", choice(PersonRole.self)), filled(TextFields.Person.fullName), ("dateOfBirth", date),
                    ("dateOfBirthUnknown", bool), ("expectedDeliveryDate", date),
                    text(TextFields.Person.ethnicity), text(TextFields.Person.disability), text(TextFields.Person.caseNumber),
                    text(TextFields.Person.address), text(TextFields.Person.relationship), text(TextFields.Person.checksRequired),
                ], required: ["role", "fullName"])
        ),
        ("MilestonesInput", object([("assessmentCompletedOn", date), ("s47CompletedOn", date), ("icpcHeldOn", date)])),
        (
            "RequestForm",
            object([
                ("draftedBy", uuid), ("urgency", choice(Urgency.self)), text(TextFields.Request.urgencyRationale),
                ("urgencyAgreedBy", uuid), ("otherDueDate", date), ("trigger", choice(ConcernTrigger.self)),
                ("concernIdentifiedAt", dateTime), text(TextFields.Request.presentingIssue), ("incidentDate", date),
                text(TextFields.Request.rationale), text(TextFields.Request.specificChecks), ("inviteeIds", array(uuid)),
            ])
        ),
        ("Approval", object([("teamManagerId", uuid)])),
        ("Return", object([("teamManagerId", uuid), filled(TextFields.Request.returnReason)], required: ["reason"])),
        (
            "BookingInput",
            object(
                [
                    ("requestId", uuid), ("start", dateTime), ("chairId", uuid), ("minuteTakerId", uuid), ("alreadyHeld", bool),
                    ("format", choice(MeetingFormat.self)), text(TextFields.Booking.reason), text(TextFields.Booking.lateReason),
                ],
                required: ["requestId", "start", "chairId"])
        ),
        (
            "RebookingInput",
            object(
                [
                    ("newStart", dateTime), ("agreedBy", uuid), ("agreement", choice(Agreement.self)),
                    filled(TextFields.Booking.reason), text(TextFields.Booking.lateReason),
                ], required: ["reason"])
        ),
        ("AgreementDecision", object([filled(TextFields.Booking.reason)], required: ["reason"])),
        ("CaseSearchInput", object([filled(TextFields.CaseSearch.q)], required: ["q"])),
        ("InvitationInput", object([("professionalId", uuid)], required: ["professionalId"])),
        ("ReleaseInput", object([("personIds", array(uuid))], required: ["personIds"])),
        ("AttendanceInput", object([("attendance", choice(Attendance.self))], required: ["attendance"])),
        (
            "RecordUpdate",
            object([
                ("expectedVersion", int), ("sectionVersions", map(of: int)),
                ("format", choice(MeetingFormat.self)), ("startedAt", dateTime), ("endedAt", dateTime),
                ("familyDetailsConfirmed", bool), ("confidentialityStatementGiven", bool),
                text(TextFields.Record.section("reasonForMeeting")), text(TextFields.Record.section("cscInformation")),
                text(TextFields.Record.section("riskFactors")), text(TextFields.Record.section("protectiveFactors")),
                ("safeAtHome", choice(Answer.self)), ("otherChildrenAtRisk", choice(Answer.self)),
                text(TextFields.Record.section("otherChildrenDetail")), text(TextFields.Record.section("voiceOfChild")),
                text(TextFields.Record.section("cultureAndIdentity")), ("interpreterNeeded", choice(Answer.self)),
                text(TextFields.Record.section("interpreterLanguage")), text(TextFields.Record.section("disabilityAdjustments")),
                text(TextFields.Record.section("safetyPlan")), ("nextDiscussionDate", date),
            ])
        ),
        (
            "ContributionInput",
            object(
                [("agencyId", uuid), ("professionalId", uuid), filled(TextFields.Record.contribution)],
                required: ["agencyId", "summary"])
        ),
        (
            "DecisionInput",
            object(
                [
                    ("answer", string), filled(TextFields.Decision.rationale), ("decidedBy", uuid),
                    text(TextFields.Decision.detail),
                    ("parentsNotInformedReason", choice(ParentsNotInformedReason.self)), ("byDate", date),
                ], required: ["answer", "rationale", "decidedBy"])
        ),
        ("Review", object([("reviewedAt", dateTime)])),
        (
            "DissentInput",
            object(
                [
                    ("decisionKind", choice(DecisionKind.self)), ("raisedBy", uuid), filled(TextFields.Dissent.view),
                    text(TextFields.Dissent.resolution), ("status", choice(DissentStatus.self)),
                ], required: ["raisedBy", "view"])
        ),
        (
            "DissentUpdate",
            object([("status", choice(DissentStatus.self)), text(TextFields.Dissent.resolution)], required: ["status"])
        ),
        (
            "ActionInput",
            object(
                [filled(TextFields.Action.description), ("ownerId", uuid), ("dueAt", dateTime), ("isContingency", bool)],
                required: ["description", "ownerId", "dueAt"])
        ),
        (
            "ActionUpdate",
            object(
                [
                    ("status", choice(ActionStatus.self)), text(TextFields.Action.completionEvidence), ("completedAt", dateTime),
                    ("ownerId", uuid), ("dueAt", dateTime), text(TextFields.Action.reason),
                ])
        ),
        (
            "EscalationInput",
            object(
                [
                    ("kind", choice(EscalationKind.self)), ("professionalId", uuid), ("dissentId", uuid),
                    filled(TextFields.Escalation.reason),
                ], required: ["kind", "reason"])
        ),
        ("EscalationResolution", object([filled(TextFields.Escalation.resolution)], required: ["resolution"])),
        ("MinutesActor", object([("by", uuid), text(TextFields.Minutes.quorumReason)])),
        (
            "MinutesShareInput",
            object([("professionalId", uuid), filled(TextFields.Minutes.shareReason)], required: ["professionalId", "reason"])
        ),
        (
            "CorrectionInput",
            object(
                [("professionalId", uuid), filled(TextFields.Minutes.correction), ("receivedAt", dateTime)], required: ["text"])
        ),
        (
            "MinutesAmendment",
            object([
                ("amendedBy", uuid), text(TextFields.Minutes.amendmentSummary),
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
