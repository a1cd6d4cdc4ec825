import Foundation

/// Booking a slot for an approved request.
public struct BookingInput: Sendable, Codable {
    public var requestId: UUID?
    public var start: Date?
    public var chairId: UUID?
    /// Optional for a discussion recorded after it was held (the person recording it writes it up).
    public var minuteTakerId: UUID?
    /// True to record an immediate discussion that has already taken place, at its real `start`.
    public var alreadyHeld: Bool?
    /// How it was held (required when `alreadyHeld`).
    public var format: MeetingFormat?
    /// Why it is recorded afterwards (required when `alreadyHeld`).
    public var reason: String?
    /// Why it is booked after the request's timescale (required when the start is after the due time).
    public var lateReason: String?

    public init(
        requestId: UUID? = nil, start: Date? = nil, chairId: UUID? = nil, minuteTakerId: UUID? = nil,
        alreadyHeld: Bool? = nil, format: MeetingFormat? = nil, reason: String? = nil, lateReason: String? = nil
    ) {
        self.lateReason = lateReason
        self.requestId = requestId
        self.start = start
        self.chairId = chairId
        self.minuteTakerId = minuteTakerId
        self.alreadyHeld = alreadyHeld
        self.format = format
        self.reason = reason
    }

    public var isAfterTheEvent: Bool { alreadyHeld == true }

    public func validate() throws {
        var v = Validator()
        v.check(requestId != nil, "requestId", "is required")
        v.check(start != nil, "start", "is required")
        v.check(chairId != nil, "chairId", "is required")
        if isAfterTheEvent {
            v.check(format != nil, "format", "say how the discussion was held: in person, by telephone, video or hybrid")
            v.check(
                !reason.isBlank, "reason",
                "say why it is recorded afterwards, for example \"held by the emergency duty team at 02:10 by telephone\"")
            v.limit(reason, TextFields.Booking.reason)
        } else {
            v.check(minuteTakerId != nil, "minuteTakerId", "is required")
            v.check(format == nil && reason == nil, "alreadyHeld", "format and reason are for a discussion already held")
            v.limit(lateReason, TextFields.Booking.lateReason)
        }
        try v.throwIfInvalid()
    }
}

/// A service manager's agreement to move or cancel a booked meeting. A service manager signed in
/// agrees themselves; anyone else asks them (`requested`) or records their telephone agreement.
public struct RebookingInput: Sendable, Codable {
    /// The new start; required to move, absent to cancel.
    public var newStart: Date?
    /// The service manager who agreed or is asked; a service manager signed in may leave it out.
    public var agreedBy: UUID?
    /// How they agreed; a service manager signed in may leave it out (`signedIn`).
    public var agreement: Agreement?
    public var reason: String?
    /// Why a move goes past the request's timescale; required when it does.
    public var lateReason: String?

    public init(
        newStart: Date? = nil, agreedBy: UUID? = nil, agreement: Agreement? = nil, reason: String? = nil,
        lateReason: String? = nil
    ) {
        self.newStart = newStart
        self.agreedBy = agreedBy
        self.agreement = agreement
        self.reason = reason
        self.lateReason = lateReason
    }

    /// Checks the whole input at once for `actorId`, who agrees signed in only as a service
    /// manager; the service manager named is checked against the case by the store.
    public func validate(moving: Bool, actorId: UUID, actorIsServiceManager: Bool) throws {
        var v = Validator()
        if moving { v.check(newStart != nil, "newStart", "is required") }
        switch agreement ?? (actorIsServiceManager ? .signedIn : nil) {
        case nil:
            v.check(
                false, "agreement",
                "choose how the service manager agrees: ask them to agree in Convene, or record the agreement they gave by telephone"
            )
            v.check(agreedBy != nil, "agreedBy", "name the case's service manager")
        case .signedIn:
            v.check(
                actorIsServiceManager, "agreement",
                "only a service manager agrees signed in; ask the service manager to agree in Convene, or record the agreement they gave by telephone"
            )
            v.check(
                agreedBy == nil || agreedBy == actorId, "agreedBy",
                "a service manager signed in agrees as themselves; leave it out")
        case .requested, .byTelephone:
            v.check(agreedBy != nil, "agreedBy", "name the case's service manager")
            v.check(
                !actorIsServiceManager || agreedBy != actorId, "agreement",
                "you are the service manager: agree to the change yourself, signed in")
        }
        v.require(reason, "reason")
        v.limit(reason, TextFields.Booking.reason)
        v.limit(lateReason, TextFields.Booking.lateReason)
        try v.throwIfInvalid()
    }
}

/// A service manager's answer to a change they were asked to agree.
public struct AgreementDecision: Sendable, Codable {
    /// Why not; required to decline.
    public var reason: String?

    public init(reason: String? = nil) { self.reason = reason }
}

/// Inviting one professional.
public struct InvitationInput: Sendable, Codable {
    public var professionalId: UUID?

    public init(professionalId: UUID? = nil) {
        self.professionalId = professionalId
    }
}

/// Recording one invitee's attendance.
public struct AttendanceInput: Sendable, Codable {
    public var attendance: Attendance?

    public init(attendance: Attendance? = nil) {
        self.attendance = attendance
    }
}

/// A change to the meeting record. Absent fields stay as they are; an empty
/// string clears a text. `expectedVersion` (the whole record) and `sectionVersions`
/// (by section, as read before editing), when given, must match.
public struct RecordUpdate: Sendable, Codable {
    public var expectedVersion: Int?
    /// The version of each section the editor started from (`opening`, `reason`, `csc`, `risk`, `plan`).
    public var sectionVersions: [String: Int]?
    public var format: MeetingFormat?
    public var startedAt: Date?
    public var endedAt: Date?
    public var familyDetailsConfirmed: Bool?
    public var confidentialityStatementGiven: Bool?
    public var reasonForMeeting: String?
    public var cscInformation: String?
    public var riskFactors: String?
    public var protectiveFactors: String?
    public var safeAtHome: Answer?
    public var otherChildrenAtRisk: Answer?
    public var otherChildrenDetail: String?
    public var voiceOfChild: String?
    public var cultureAndIdentity: String?
    public var interpreterNeeded: Answer?
    public var interpreterLanguage: String?
    public var disabilityAdjustments: String?
    public var safetyPlan: String?
    public var nextDiscussionDate: LocalDate?

    public init(
        expectedVersion: Int? = nil, sectionVersions: [String: Int]? = nil, format: MeetingFormat? = nil, startedAt: Date? = nil,
        endedAt: Date? = nil,
        familyDetailsConfirmed: Bool? = nil, confidentialityStatementGiven: Bool? = nil, reasonForMeeting: String? = nil,
        cscInformation: String? = nil, riskFactors: String? = nil, protectiveFactors: String? = nil, safeAtHome: Answer? = nil,
        otherChildrenAtRisk: Answer? = nil, otherChildrenDetail: String? = nil, voiceOfChild: String? = nil,
        cultureAndIdentity: String? = nil, interpreterNeeded: Answer? = nil, interpreterLanguage: String? = nil,
        disabilityAdjustments: String? = nil, safetyPlan: String? = nil, nextDiscussionDate: LocalDate? = nil
    ) {
        self.expectedVersion = expectedVersion
        self.sectionVersions = sectionVersions
        self.format = format
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.familyDetailsConfirmed = familyDetailsConfirmed
        self.confidentialityStatementGiven = confidentialityStatementGiven
        self.reasonForMeeting = reasonForMeeting
        self.cscInformation = cscInformation
        self.riskFactors = riskFactors
        self.protectiveFactors = protectiveFactors
        self.safeAtHome = safeAtHome
        self.otherChildrenAtRisk = otherChildrenAtRisk
        self.otherChildrenDetail = otherChildrenDetail
        self.voiceOfChild = voiceOfChild
        self.cultureAndIdentity = cultureAndIdentity
        self.interpreterNeeded = interpreterNeeded
        self.interpreterLanguage = interpreterLanguage
        self.disabilityAdjustments = disabilityAdjustments
        self.safetyPlan = safetyPlan
        self.nextDiscussionDate = nextDiscussionDate
    }

    /// Applies the update to `meeting`, or throws every problem found.
    public func apply(to meeting: inout Meeting, now: Date, zone: LocalTimeZone) throws {
        var v = Validator()
        let texts: [(String, String?)] = [
            ("reasonForMeeting", reasonForMeeting), ("cscInformation", cscInformation),
            ("riskFactors", riskFactors), ("protectiveFactors", protectiveFactors),
            ("otherChildrenDetail", otherChildrenDetail), ("voiceOfChild", voiceOfChild),
            ("cultureAndIdentity", cultureAndIdentity), ("interpreterLanguage", interpreterLanguage),
            ("disabilityAdjustments", disabilityAdjustments), ("safetyPlan", safetyPlan),
        ]
        for (field, text) in texts { v.limit(text, TextFields.Record.section(field)) }
        let started = startedAt ?? meeting.startedAt
        let ended = endedAt ?? meeting.endedAt
        // A meeting is opened from 15 minutes before its start: its start time may be that far ahead.
        if let startedAt, startedAt > now.addingTimeInterval(15 * 60) {
            v.add("startedAt", "must not be more than 15 minutes ahead; a meeting is opened from 15 minutes before its start")
        }
        if let endedAt, endedAt > now.addingTimeInterval(300) { v.add("endedAt", "must not be in the future") }
        if endedAt != nil && started == nil { v.add("endedAt", "the start time must be recorded first") }
        if let started, let ended, ended <= started { v.add("endedAt", "must be after the start time") }
        if let started, let ended, ended.timeIntervalSince(started) > 12 * 3600 {
            v.add("endedAt", "a strategy discussion cannot last more than 12 hours")
        }
        if let next = nextDiscussionDate, let started, next < zone.localDate(of: started) {
            v.add("nextDiscussionDate", "must not be before the meeting")
        }
        try v.throwIfInvalid()

        func set(_ keyPath: WritableKeyPath<Meeting, String?>, _ value: String?) {
            guard let value else { return }
            meeting[keyPath: keyPath] = value.allSatisfy(\.isWhitespace) ? nil : value
        }
        if let format { meeting.format = format }
        if let startedAt { meeting.startedAt = startedAt }
        if let endedAt {
            meeting.endedAt = endedAt
            meeting.status = .held
        }
        if let familyDetailsConfirmed { meeting.familyDetailsConfirmed = familyDetailsConfirmed }
        if let confidentialityStatementGiven { meeting.confidentialityStatementGiven = confidentialityStatementGiven }
        set(\.reasonForMeeting, reasonForMeeting)
        set(\.cscInformation, cscInformation)
        set(\.riskFactors, riskFactors)
        set(\.protectiveFactors, protectiveFactors)
        if let safeAtHome { meeting.safeAtHome = safeAtHome }
        if let otherChildrenAtRisk { meeting.otherChildrenAtRisk = otherChildrenAtRisk }
        set(\.otherChildrenDetail, otherChildrenDetail)
        set(\.voiceOfChild, voiceOfChild)
        set(\.cultureAndIdentity, cultureAndIdentity)
        if let interpreterNeeded { meeting.interpreterNeeded = interpreterNeeded }
        set(\.interpreterLanguage, interpreterLanguage)
        set(\.disabilityAdjustments, disabilityAdjustments)
        set(\.safetyPlan, safetyPlan)
        if let nextDiscussionDate { meeting.nextDiscussionDate = nextDiscussionDate }
    }
}

/// One agency's contribution.
public struct ContributionInput: Sendable, Codable {
    public var agencyId: UUID?
    public var professionalId: UUID?
    public var summary: String?

    public init(agencyId: UUID? = nil, professionalId: UUID? = nil, summary: String? = nil) {
        self.agencyId = agencyId
        self.professionalId = professionalId
        self.summary = summary
    }

    public func validate() throws {
        var v = Validator()
        v.check(agencyId != nil, "agencyId", "is required")
        v.require(summary, "summary")
        v.limit(summary, TextFields.Record.contribution)
        try v.throwIfInvalid()
    }
}

/// A disagreement, or its resolution.
public struct DissentInput: Sendable, Codable {
    public var decisionKind: DecisionKind?
    public var raisedBy: UUID?
    public var view: String?
    public var resolution: String?
    public var status: DissentStatus?

    public init(
        decisionKind: DecisionKind? = nil, raisedBy: UUID? = nil, view: String? = nil, resolution: String? = nil,
        status: DissentStatus? = nil
    ) {
        self.decisionKind = decisionKind
        self.raisedBy = raisedBy
        self.view = view
        self.resolution = resolution
        self.status = status
    }

    public func validate() throws {
        var v = Validator()
        v.check(raisedBy != nil, "raisedBy", "is required")
        v.require(view, "view")
        v.limit(view, TextFields.Dissent.view)
        v.limit(resolution, TextFields.Dissent.resolution)
        if status == .resolved { v.require(resolution, "resolution") }
        try v.throwIfInvalid()
    }
}

/// A new SMART action.
public struct ActionInput: Sendable, Codable {
    public var description: String?
    public var ownerId: UUID?
    public var dueAt: Date?
    public var isContingency: Bool?

    public init(description: String? = nil, ownerId: UUID? = nil, dueAt: Date? = nil, isContingency: Bool? = nil) {
        self.description = description
        self.ownerId = ownerId
        self.dueAt = dueAt
        self.isContingency = isContingency
    }

    public func validate(now: Date, zone: LocalTimeZone, limits: DateLimits) throws {
        var v = Validator()
        v.require(description, "description")
        v.limit(description, TextFields.Action.description)
        v.check(ownerId != nil, "ownerId", "a named owner is required")
        v.check(dueAt != nil, "dueAt", "a due date and time is required")
        if let dueAt {
            v.check(dueAt > now.addingTimeInterval(-300), "dueAt", "must not be in the past")
            v.dueDate(zone.localDate(of: dueAt), "dueAt", today: zone.localDate(of: now), limits: limits)
        }
        try v.throwIfInvalid()
    }
}

/// Completing, cancelling or reopening a SMART action, or giving it to another owner or another
/// due time. Cancelling, reassigning and re-dating each need a reason, and are kept in the
/// action's history.
public struct ActionUpdate: Sendable, Codable {
    public var status: ActionStatus?
    public var completionEvidence: String?
    public var completedAt: Date?
    /// A new owner (reassigning).
    public var ownerId: UUID?
    /// A new due time (re-dating).
    public var dueAt: Date?
    /// Why the action is cancelled, reassigned or re-dated.
    public var reason: String?

    public init(
        status: ActionStatus? = nil, completionEvidence: String? = nil, completedAt: Date? = nil, ownerId: UUID? = nil,
        dueAt: Date? = nil, reason: String? = nil
    ) {
        self.status = status
        self.completionEvidence = completionEvidence
        self.completedAt = completedAt
        self.ownerId = ownerId
        self.dueAt = dueAt
        self.reason = reason
    }

    /// Whether the update gives the action to someone else or another time, or cancels it: what
    /// only the meeting team may do (the owner completes or reopens their own).
    public func rearranges(_ action: SmartAction) -> Bool {
        status == .cancelled || (ownerId != nil && ownerId != action.ownerId) || (dueAt != nil && dueAt != action.dueAt)
    }

    /// Applies the update, returning what changed for the action's history (without ids or who).
    public func apply(to action: inout SmartAction, now: Date, zone: LocalTimeZone, limits: DateLimits) throws
        -> [ActionChange]
    {
        var v = Validator()
        v.check(
            status != nil || ownerId != nil || dueAt != nil, "status",
            "give a new status (open, completed or cancelled), a new owner or a new due time")
        v.limit(completionEvidence, TextFields.Action.completionEvidence)
        v.limit(reason, TextFields.Action.reason)
        if status == .completed { v.require(completionEvidence, "completionEvidence") }
        if status == .cancelled {
            v.check(!reason.isBlank, "reason", "is required to cancel an action: say why it is no longer needed")
        }
        let reassigning = ownerId != nil && ownerId != action.ownerId
        let redating = dueAt != nil && dueAt != action.dueAt
        if reassigning || redating {
            v.check(!reason.isBlank, "reason", "is required to give the action to someone else or another due time")
            if (status ?? action.status) != .open {
                v.add(
                    "status",
                    action.status == .open
                        ? "give the action a new owner or due time, or a new status, not both at once"
                        : "only an open action can be reassigned or re-dated; reopen it first")
            }
        }
        if redating, let dueAt {
            v.check(dueAt > now.addingTimeInterval(-300), "dueAt", "must not be in the past")
            v.dueDate(zone.localDate(of: dueAt), "dueAt", today: zone.localDate(of: now), limits: limits)
        }
        if let completedAt {
            v.check(completedAt <= now.addingTimeInterval(300), "completedAt", "must not be in the future")
            v.check(completedAt >= action.createdAt, "completedAt", "must not be before the action was agreed")
        }
        try v.throwIfInvalid()
        var changes: [ActionChange] = []
        func change(_ kind: ActionChangeKind, reason: String?) -> ActionChange {
            ActionChange(id: action.id, actionId: action.id, kind: kind, reason: reason, changedBy: action.id, changedAt: now)
        }
        if reassigning, let ownerId {
            var c = change(.reassigned, reason: reason)
            c.previousOwnerId = action.ownerId
            c.newOwnerId = ownerId
            changes.append(c)
            action.ownerId = ownerId
        }
        if redating, let dueAt {
            var c = change(.redated, reason: reason)
            c.previousDueAt = action.dueAt
            c.newDueAt = dueAt
            changes.append(c)
            action.dueAt = dueAt
        }
        if let status, status != action.status {
            switch status {
            case .completed:
                changes.append(change(.completed, reason: completionEvidence))
                action.completedAt = completedAt ?? now
                action.completionEvidence = completionEvidence
            case .cancelled:
                changes.append(change(.cancelled, reason: reason))
                action.completedAt = nil
            case .open:
                changes.append(change(.reopened, reason: reason))
                action.completedAt = nil
            }
            action.status = status
        }
        return changes
    }
}

/// A correction sent back by an invitee.
public struct CorrectionInput: Sendable, Codable {
    public var professionalId: UUID?
    public var text: String?
    public var receivedAt: Date?

    public init(professionalId: UUID? = nil, text: String? = nil, receivedAt: Date? = nil) {
        self.professionalId = professionalId
        self.text = text
        self.receivedAt = receivedAt
    }

    public func validate(now: Date) throws {
        var v = Validator()
        v.check(professionalId != nil, "professionalId", "is required")
        v.require(text, "text")
        v.limit(text, TextFields.Minutes.correction)
        if let receivedAt { v.check(receivedAt <= now.addingTimeInterval(300), "receivedAt", "must not be in the future") }
        try v.throwIfInvalid()
    }
}

/// The chair finalising, or the minute taker circulating, the minutes.
public struct MinutesActorInput: Sendable, Codable {
    public var by: UUID?
    /// Finalising only: why the minutes are finalised although the discussion was not quorate.
    public var quorumReason: String?

    public init(by: UUID? = nil, quorumReason: String? = nil) {
        self.by = by
        self.quorumReason = quorumReason
    }
}
