import ConveneCore
import Foundation
import SQLKit

extension ConveneStore {
    /// One meeting's own row: the cheap way to check a meeting exists.
    public func meeting(_ id: UUID) async throws -> Meeting {
        try await load(Meeting.self, from: "meetings", id: id, entity: "meeting")
    }

    /// Everything recorded about one discussion.
    public func meetingRecord(_ id: UUID) async throws -> MeetingRecord {
        let meeting = try await load(Meeting.self, from: "meetings", id: id, entity: "meeting")
        return try await meetingRecord(of: meeting, in: try await caseRecord(meeting.caseId))
    }

    /// Everything recorded about a discussion whose meeting and case are already loaded (the
    /// access check of a request loads them).
    public func meetingRecord(of meeting: Meeting, in record: Case) async throws -> MeetingRecord {
        let id = meeting.id
        let request = try await load(StrategyRequest.self, from: "strategy_requests", id: meeting.requestId, entity: "request")
        let invitations = try await fetchAll(
            Invitation.self, from: "invitations", where: "meeting_id", equals: id, orderBy: "invited_at")
        let contributions = try await fetchAll(
            Contribution.self, from: "contributions", where: "meeting_id", equals: id, orderBy: "recorded_at")
        let decisions = try await fetchAll(
            Decision.self, from: "decisions", where: "meeting_id", equals: id, orderBy: "recorded_at")
        let dissents = try await fetchAll(Dissent.self, from: "dissents", where: "meeting_id", equals: id, orderBy: "recorded_at")
        let actions = try await fetchAll(
            SmartAction.self, from: "smart_actions", where: "meeting_id", equals: id, orderBy: "due_at")
        let changes = try await fetchAll(
            MeetingChange.self, from: "meeting_changes", where: "meeting_id", equals: id, orderBy: "recorded_at")
        let escalations = try await fetchAll(
            Escalation.self, from: "escalations", where: "meeting_id", equals: id, orderBy: "escalated_at")
        var peopleIds = Set(invitations.map(\.professionalId))
        peopleIds.formUnion([meeting.chairId, meeting.minuteTakerId, record.socialWorkerId, record.teamManagerId])
        peopleIds.formUnion(actions.map(\.ownerId))
        peopleIds.formUnion(decisions.map(\.decidedBy))
        peopleIds.formUnion(dissents.map(\.raisedBy))
        peopleIds.formUnion(changes.map(\.agreedBy))
        peopleIds.formUnion(escalations.flatMap { [$0.escalatedTo, $0.escalatedBy] + [$0.resolvedBy].compactMap { $0 } })
        // Who recorded each for another: "recorded by Jo Pemberton for DS Brightwater".
        peopleIds.formUnion(contributions.compactMap(\.recordedBy) + decisions.compactMap(\.recordedBy))
        peopleIds.formUnion(dissents.compactMap(\.recordedBy) + changes.compactMap(\.recordedBy))
        let professionals = try await fetchAll(
            Professional.self, from: "professionals", where: "id", in: Array(peopleIds), orderBy: "name")
        let agencyIds = Set(professionals.map(\.agencyId)).union(contributions.map(\.agencyId))
        let agencies = try await fetchAll(Agency.self, from: "agencies", where: "id", in: Array(agencyIds), orderBy: "name")
        return MeetingRecord(
            meeting: meeting, caseRecord: record, request: request, people: try await people(of: record.id),
            invitations: invitations, professionals: professionals, agencies: agencies, contributions: contributions,
            decisions: decisions, dissents: dissents, actions: actions, changes: changes, escalations: escalations)
    }

    /// Loads a meeting whose record may still change.
    private func editableMeeting(_ id: UUID) async throws -> Meeting {
        let meeting = try await load(Meeting.self, from: "meetings", id: id, entity: "meeting")
        if meeting.status == .cancelled { throw DomainError.conflict("the meeting was cancelled") }
        if meeting.minutesStatus != .draft {
            throw DomainError.conflict(
                "the minutes are \(meeting.minutesStatus.rawValue); amend them instead of editing the record")
        }
        return meeting
    }

    /// Bumps the meeting's version, failing if another change landed first.
    private func touch(_ meeting: Meeting) async throws {
        let rows = try await sql.update("meetings").set("version", to: meeting.version + 1)
            .where("id", .equal, meeting.id).where("version", .equal, meeting.version)
            .returning("id").all()
        if rows.isEmpty {
            let current = try await load(Meeting.self, from: "meetings", id: meeting.id, entity: "meeting")
            throw DomainError.staleVersion(entity: "meeting record", expected: meeting.version, actual: current.version)
        }
    }

    // MARK: - Invitations and attendance

    public func invite(_ meetingId: UUID, professionalId: UUID?) async throws -> Invitation {
        let meeting = try await editableMeeting(meetingId)
        let person = try await professional(professionalId, field: "professionalId")
        let existing = try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meetingId)
        if existing.contains(where: { $0.professionalId == person.id }) {
            throw DomainError.conflict("\(person.name) is already invited")
        }
        let invitation = Invitation(id: newID(), meetingId: meetingId, professionalId: person.id, invitedAt: now())
        try await transaction { store in
            try await store.touch(meeting)
            try await store.insert(invitation, into: "invitations")
            if meeting.status == .booked, meeting.startedAt == nil {
                try await store.notifyMeeting(.invitationAdded, meeting, to: [person.id])
            }
        }
        return invitation
    }

    /// Takes a professional off a booked meeting's invitations before it starts; they are sent a
    /// cancellation of their calendar invitation. The case's social worker and team manager, the
    /// chair and the minute taker stay: the discussion needs them.
    public func withdrawInvitation(_ meetingId: UUID, professionalId: UUID) async throws {
        let meeting = try await editableMeeting(meetingId)
        guard meeting.status == .booked, meeting.startedAt == nil else {
            throw DomainError.conflict("an invitation can be withdrawn only before the discussion starts")
        }
        let invitations = try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meetingId)
        guard let invitation = invitations.first(where: { $0.professionalId == professionalId }) else {
            throw DomainError.notFound(entity: "invitation", id: professionalId.uuidString)
        }
        guard !meeting.staysInvited(try await caseRecord(meeting.caseId)).contains(professionalId) else {
            throw DomainError.conflict(
                "the case's social worker and team manager, the chair and the minute taker stay invited")
        }
        try await transaction { store in
            try await store.touch(meeting)
            let wasAtRisk = try await store.quorumAtRisk(meetingId)
            try await store.sql.delete(from: "invitations").where("id", .equal, invitation.id).run()
            try await store.notifyMeeting(.invitationWithdrawn, meeting, to: [professionalId])
            // Police or health taken off: the chair and the service manager are told.
            if !wasAtRisk, try await store.quorumAtRisk(meetingId) { try await store.notifyQuorumAtRisk(meeting) }
        }
    }

    public func recordAttendance(_ meetingId: UUID, professionalId: UUID, _ input: AttendanceInput) async throws -> Invitation {
        let meeting = try await editableMeeting(meetingId)
        guard let attendance = input.attendance else {
            throw DomainError.invalid("attendance", "is required: present, absent, apologies or sentWrittenInformation")
        }
        let invitations = try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meetingId)
        guard var invitation = invitations.first(where: { $0.professionalId == professionalId }) else {
            throw DomainError.notFound(entity: "invitation", id: professionalId.uuidString)
        }
        invitation.attendance = attendance
        let saved = invitation
        let before = meeting.status == .booked && meeting.startedAt == nil && meeting.scheduledStart > now()
        try await transaction { store in
            try await store.touch(meeting)
            let wasAtRisk = before ? try await store.quorumAtRisk(meetingId) : true
            try await store.update(saved, in: "invitations", id: saved.id)
            // Apologies from police or health before the discussion: tell the chair and the service manager.
            if !wasAtRisk, try await store.quorumAtRisk(meetingId) { try await store.notifyQuorumAtRisk(meeting) }
        }
        return saved
    }

    // MARK: - The record

    /// Changes sections of the record. Edits of one record queue on its row; each then reads the
    /// record as the one before left it, so an edit of another section is kept, and an edit that
    /// started from an older version of the same section is refused (409), never silently lost.
    public func updateRecord(_ meetingId: UUID, _ update: RecordUpdate) async throws -> MeetingRecord {
        let first = try await editableMeeting(meetingId)
        if let unknown = update.sectionVersions?.keys.first(where: { RecordSection(rawValue: $0) == nil }) {
            throw DomainError.invalid("sectionVersions", "\(unknown) is not a section; use one of: \(RecordSection.choices)")
        }
        let zone = try await organisation(ofTeam: try await caseRecord(first.caseId).teamId).policy.zone
        try await changingHistory(of: first.caseId) { store in
            // Lock the record's row first (on SQLite this takes the write lock before any read).
            try await store.sql.update("meetings").set(SQLIdentifier("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, meetingId).run()
            var meeting = try await store.editableMeeting(meetingId)
            if let expected = update.expectedVersion, expected != meeting.version - 1 {
                throw DomainError.staleVersion(entity: "meeting record", expected: expected, actual: meeting.version - 1)
            }
            let current = try await store.sectionVersions(meetingId)
            for section in update.sections {
                let now = current[section.rawValue] ?? 0
                if let expected = update.sectionVersions?[section.rawValue], expected != now {
                    throw DomainError.staleVersion(entity: "\(section.label) section", expected: expected, actual: now)
                }
                try await store.sql.insert(into: "record_section_versions").columns("meeting_id", "section", "version")
                    .values(SQLBind(meetingId), SQLBind(section.rawValue), SQLBind(now + 1))
                    .onConflict(with: ["meeting_id", "section"]) { $0.set(excludedValueOf: "version") }.run()
            }
            try update.apply(to: &meeting, now: store.now(), zone: zone)
            try await store.update(meeting, in: "meetings", id: meetingId)
        }
        return try await meetingRecord(meetingId)
    }

    /// Each section's version (0 for a section never saved).
    public func sectionVersions(_ meetingId: UUID) async throws -> [String: Int] {
        struct Row: Decodable {
            var section: String
            var version: Int
        }
        let rows = try await sql.select().column("section").column("version").from("record_section_versions")
            .where("meeting_id", .equal, meetingId).all(decoding: Row.self)
        var versions = Dictionary(uniqueKeysWithValues: RecordSection.allCases.map { ($0.rawValue, 0) })
        for row in rows { versions[row.section] = row.version }
        return versions
    }

    /// Records an agency's contribution. `recordedBy` is the signed-in person; the professional it is
    /// from, when named, must be invited to this discussion and work for the agency.
    public func addContribution(to meetingId: UUID, _ input: ContributionInput, recordedBy: UUID? = nil) async throws
        -> Contribution
    {
        let meeting = try await editableMeeting(meetingId)
        try input.validate()
        guard let agency = try await fetch(Agency.self, from: "agencies", id: input.agencyId!) else {
            throw DomainError.invalid("agencyId", "no agency has id \(input.agencyId!)")
        }
        // An agency speaks at the discussion through someone invited (or the chair).
        let invited = try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meetingId)
        let present = try await fetchAll(
            Professional.self, from: "professionals", where: "id", in: invited.map(\.professionalId) + [meeting.chairId])
        guard present.contains(where: { $0.agencyId == agency.id }) else {
            throw DomainError.invalid("agencyId", "nobody from \(agency.name) is invited to this strategy discussion")
        }
        if let id = input.professionalId {
            let person = try await professional(id, field: "professionalId")
            if person.agencyId != input.agencyId {
                throw DomainError.invalid("professionalId", "\(person.name) does not work for this agency")
            }
            try await requireInvitee(id, of: meeting, field: "professionalId")
        }
        let contribution = Contribution(
            id: newID(), meetingId: meetingId, agencyId: input.agencyId!, professionalId: input.professionalId,
            summary: input.summary!, recordedAt: now(), recordedBy: recordedBy)
        try await transaction { store in
            try await store.touch(meeting)
            try await store.insert(contribution, into: "contributions")
        }
        return contribution
    }

    /// Records (or replaces) the decision of one kind, decided by the chair or an invitee and
    /// recorded by `recordedBy`, the signed-in person. Replacing one needs the version it was read
    /// at (`expectedVersion`: 409 when someone else recorded it since; `DecisionPrecondition`).
    public func recordDecision(
        _ meetingId: UUID, kind: DecisionKind, _ input: DecisionInput, recordedBy: UUID? = nil,
        expectedVersion: DecisionPrecondition = .any
    ) async throws -> Decision {
        let meeting = try await editableMeeting(meetingId)
        let zone = try await organisation(ofTeam: try await caseRecord(meeting.caseId).teamId).policy.zone
        try input.validate(kind: kind, meetingDate: zone.localDate(of: meeting.startedAt ?? meeting.scheduledStart))
        try await requireInvitee(input.decidedBy!, of: meeting, field: "decidedBy")
        let input = input
        return try await changingHistory(of: meeting.caseId) { store in
            try await store.touch(meeting)
            let existing = try await store.fetchAll(Decision.self, from: "decisions", where: "meeting_id", equals: meetingId)
                .first { $0.kind == kind }
            let entity = "\(kind.label) decision"
            switch (existing, expectedVersion) {
            case (nil, .version(let expected)):
                throw DomainError.staleVersion(entity: entity, expected: expected, actual: 0)
            case (nil, _):
                return try await store.saveDecision(store.newID(), meetingId, kind, input, recordedBy, 1, replacing: false)
            case (let recorded?, .new):
                // Someone recorded it while this person was writing theirs.
                throw DomainError.staleVersion(entity: entity, expected: 0, actual: recorded.version)
            case (let recorded?, _):
                let expected: Int? = if case .version(let version) = expectedVersion { version } else { nil }
                let version = try await store.advanceVersion(
                    of: "decisions", id: recorded.id, expected: expected, entity: entity)
                return try await store.saveDecision(recorded.id, meetingId, kind, input, recordedBy, version, replacing: true)
            }
        }
    }

    /// The decision of one kind recorded at a meeting, if any.
    public func decision(of meetingId: UUID, kind: DecisionKind) async throws -> Decision? {
        try await fetchAll(Decision.self, from: "decisions", where: "meeting_id", equals: meetingId).first { $0.kind == kind }
    }

    public func dissent(_ id: UUID) async throws -> Dissent {
        try await load(Dissent.self, from: "dissents", id: id, entity: "different view")
    }

    /// Writes a decision's row: a new one, or the one of its kind under the version just taken.
    private func saveDecision(
        _ id: UUID, _ meetingId: UUID, _ kind: DecisionKind, _ input: DecisionInput, _ recordedBy: UUID?, _ version: Int,
        replacing: Bool
    ) async throws -> Decision {
        let decision = Decision(
            id: id, meetingId: meetingId, kind: kind, answer: input.answer!, rationale: input.rationale!,
            decidedBy: input.decidedBy!, detail: input.detail.isBlank ? nil : input.detail,
            parentsNotInformedReason: input.parentsNotInformedReason, byDate: input.byDate, recordedAt: now(),
            recordedBy: recordedBy, version: version)
        if replacing {
            try await update(decision, in: "decisions", id: id)
        } else {
            try await insert(decision, into: "decisions")
        }
        return decision
    }

    /// Records that a decision not to inform parents was reviewed, which stops its clock.
    public func reviewDecision(_ decisionId: UUID, reviewedAt: Date?) async throws -> Decision {
        var decision = try await load(Decision.self, from: "decisions", id: decisionId, entity: "decision")
        guard decision.withholdsFromParents else {
            throw DomainError.conflict("only a decision not to inform parents is reviewed")
        }
        let at = reviewedAt ?? now()
        if at > now().addingTimeInterval(300) { throw DomainError.invalid("reviewedAt", "must not be in the future") }
        decision.reviewedAt = at
        let read = decision
        // From the version read: a decision replaced meanwhile is not overwritten by the review.
        return try await changingHistory(of: try await meeting(decision.meetingId).caseId) { store in
            try await store.saveAsRead(read, in: "decisions", entity: "decision")
        }
    }

    /// Records a disagreement raised by the chair or an invitee, recorded by `recordedBy`, the signed-in person.
    public func addDissent(to meetingId: UUID, _ input: DissentInput, recordedBy: UUID? = nil) async throws -> Dissent {
        let meeting = try await editableMeeting(meetingId)
        try input.validate()
        try await requireInvitee(input.raisedBy!, of: meeting, field: "raisedBy")
        let dissent = Dissent(
            id: newID(), meetingId: meetingId, decisionKind: input.decisionKind, raisedBy: input.raisedBy!,
            view: input.view!, resolution: input.resolution.isBlank ? nil : input.resolution,
            status: input.status ?? .open, recordedAt: now(), recordedBy: recordedBy)
        try await transaction { store in
            try await store.touch(meeting)
            try await store.insert(dissent, into: "dissents")
        }
        return dissent
    }

    /// Records how a disagreement was resolved or escalated, if it is still at `expectedVersion`
    /// (409 when someone else changed it since; the API always sends it). Allowed after the
    /// minutes are final, because escalation often happens later (seed 004).
    public func updateDissent(_ dissentId: UUID, status: DissentStatus?, resolution: String?, expectedVersion: Int?)
        async throws -> Dissent
    {
        _ = try await load(Dissent.self, from: "dissents", id: dissentId, entity: "dissent")
        var v = Validator()
        v.check(status != nil, "status", "is required: open, resolved or escalated")
        if status == .resolved || status == .escalated { v.require(resolution, "resolution") }
        v.limit(resolution, TextFields.Dissent.resolution)
        try v.throwIfInvalid()
        return try await changeVersioned(
            Dissent.self, in: "dissents", id: dissentId, expected: expectedVersion, entity: "different view"
        ) { dissent in
            dissent.status = status!
            if !resolution.isBlank { dissent.resolution = resolution }
        }
    }

    // MARK: - SMART actions

    public func addAction(to meetingId: UUID, _ input: ActionInput) async throws -> SmartAction {
        let meeting = try await editableMeeting(meetingId)
        let policy = try await organisation(ofTeam: try await caseRecord(meeting.caseId).teamId).policy
        try input.validate(now: now(), zone: policy.zone, limits: policy.limits)
        let owner = try await professional(input.ownerId, field: "ownerId")
        // Its owner opens it from the meeting page, which only those invited may see.
        try await requireInvitee(owner.id, of: meeting, field: "ownerId")
        let action = SmartAction(
            id: newID(), meetingId: meetingId, caseId: meeting.caseId, description: input.description!,
            ownerId: owner.id, agencyId: owner.agencyId, dueAt: input.dueAt!, isContingency: input.isContingency ?? false,
            createdAt: now())
        try await changingAction(action) { store in
            try await store.touch(meeting)
            try await store.insert(action, into: "smart_actions")
            try await store.notifyAbout(meeting, .actionAgreed, to: [action.ownerId], due: action.dueAt)
        }
        return action
    }

    /// Completes, cancels or reopens an action, or gives it to another owner or due time, if it is
    /// still at `expectedVersion` (409 when someone else changed it since; the API and the pages
    /// always send it). Allowed at any time after the meeting. Cancelling, reassigning and
    /// re-dating are for the meeting team (`mayRearrange`); the owner completes or reopens their
    /// own. Each change is kept in the action's history, under `by`.
    public func updateAction(
        _ actionId: UUID, _ input: ActionUpdate, expectedVersion: Int?, by person: Professional, mayRearrange: Bool
    ) async throws -> SmartAction {
        let first = try await action(actionId)
        if input.rearranges(first) && !mayRearrange {
            throw DomainError.conflict(
                "only the chair, the minute taker or a manager of the case can cancel, reassign or re-date an action; "
                    + "ask the chair, or mark it done when it is")
        }
        var newOwner: Professional?
        if let ownerId = input.ownerId, ownerId != first.ownerId {
            newOwner = try await professional(ownerId, field: "ownerId")
            // As when it was agreed: the new owner must be able to open the meeting it came from.
            let meeting = try await load(Meeting.self, from: "meetings", id: first.meetingId, entity: "meeting")
            try await requireInvitee(ownerId, of: meeting, field: "ownerId")
        }
        let owner = newOwner
        let policy = try await organisation(ofTeam: try await caseRecord(first.caseId).teamId).policy
        return try await transaction { store in
            var changes: [ActionChange] = []
            let saved = try await store.changeVersioned(
                SmartAction.self, in: "smart_actions", id: actionId, expected: expectedVersion, entity: "action"
            ) { action in
                changes = try input.apply(to: &action, now: store.now(), zone: policy.zone, limits: policy.limits)
                if let owner { action.agencyId = owner.agencyId }
            }
            for var change in changes {
                change.id = store.newID()
                change.changedBy = person.id
                try await store.insert(change, into: "action_changes")
            }
            // Its clock, rewritten from the action as saved.
            try await store.changingAction(saved) { _ in }
            // Given to someone else: the new owner is told, as when it was agreed, and the previous
            // owner that it has left their list, so neither does it twice nor thinks it still theirs.
            // Cancelled: its owner is told it is no longer theirs to do.
            let reassigned = saved.ownerId != first.ownerId
            let cancelled = saved.status == .cancelled && first.status != .cancelled
            if reassigned || cancelled {
                let meeting = try await store.load(Meeting.self, from: "meetings", id: saved.meetingId, entity: "meeting")
                if reassigned {
                    try await store.notifyAbout(meeting, .actionAgreed, to: [saved.ownerId], due: saved.dueAt)
                    try await store.notifyAbout(meeting, .actionReassigned, to: [first.ownerId])
                } else {
                    try await store.notifyAbout(meeting, .actionCancelled, to: [saved.ownerId])
                }
            }
            return saved
        }
    }

    /// An action's history, oldest first.
    public func actionHistory(_ actionId: UUID) async throws -> [ActionChange] {
        try await fetchAll(ActionChange.self, from: "action_changes", where: "action_id", equals: actionId, orderBy: "changed_at")
    }

    /// The histories of several actions, by action.
    public func actionHistories(_ actionIds: [UUID]) async throws -> [UUID: [ActionChange]] {
        Dictionary(
            grouping: try await fetchAll(ActionChange.self, from: "action_changes", where: "action_id", in: actionIds)
                .sorted { $0.changedAt < $1.changedAt }, by: \.actionId)
    }

    public func action(_ id: UUID) async throws -> SmartAction {
        try await load(SmartAction.self, from: "smart_actions", id: id, entity: "action")
    }

    /// Actions of one owner, or all, in one state or all, soonest due first (no one's visibility
    /// applied: for the owner's own work list and for tests).
    public func actions(ownerId: UUID? = nil, status: ActionStatus? = nil) async throws -> [SmartAction] {
        try await actions(ActionFilter(ownerId: ownerId, status: status))
    }

    /// The actions a filter keeps, soonest due first, a page at a time: chosen, ordered and cut in
    /// the database, so that a page holds what the whole list would.
    public func actions(_ filter: ActionFilter) async throws -> [SmartAction] {
        let (table, conditions) = actionSource(filter)
        var query = sql.select().column("*").from(table)
        for condition in conditions { query = query.where(condition) }
        // The id makes the order total, so that pages neither repeat nor skip an action.
        query = query.orderBy("due_at").orderBy("id")
        if let limit = filter.limit { query = query.limit(limit).offset(filter.offset) }
        return try await query.all(decoding: SmartAction.self, with: rowDecoder)
    }

    /// How many actions the filter keeps, whatever page it asks for.
    public func actionCount(_ filter: ActionFilter) async throws -> Int {
        let (table, conditions) = actionSource(filter)
        return try await count(from: table, where: conditions)
    }

    /// The table a list of actions reads (all of them, or those one professional may see) and
    /// the filter's conditions on it.
    private func actionSource(_ filter: ActionFilter) -> (SQLQueryString, [SQLQueryString]) {
        guard let person = filter.visibleTo else { return ("smart_actions", filter.conditions) }
        let visible = actionsVisible(to: person)
        return (visible.table, filter.conditions + (visible.condition.map { [$0] } ?? []))
    }

    private func requireInvitee(_ id: UUID, of meeting: Meeting, field: String) async throws {
        let invitations = try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meeting.id)
        guard invitations.contains(where: { $0.professionalId == id }) || meeting.chairId == id else {
            throw DomainError.invalid(field, "must be someone invited to this strategy discussion")
        }
    }
}

/// What a change to a decision started from: the decision replaced is still at that version.
public enum DecisionPrecondition: Sendable, Equatable {
    /// Whatever is recorded now (the demo data, which no one else is changing).
    case any
    /// Nothing is recorded yet: the decision is new.
    case new
    /// The decision was read at this version.
    case version(Int)
}

/// Which SMART actions a list holds: of one owner or all, in one state or all, as far as one
/// professional may see them, a page at a time.
public struct ActionFilter: Sendable {
    public var ownerId: UUID?
    public var status: ActionStatus?
    /// Only the actions this professional may see (`actionsVisible`), chosen in the query.
    public var visibleTo: Professional?
    /// At most `limit` actions after the first `offset`, soonest due first; all of them when nil.
    public var limit: Int?
    public var offset: Int

    public init(
        ownerId: UUID? = nil, status: ActionStatus? = nil, visibleTo: Professional? = nil, limit: Int? = nil, offset: Int = 0
    ) {
        self.ownerId = ownerId
        self.status = status
        self.visibleTo = visibleTo
        self.limit = limit
        self.offset = offset
    }

    var conditions: [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let ownerId { conditions.append("smart_actions.owner_id = \(bind: ownerId)") }
        if let status { conditions.append("smart_actions.status = \(bind: status.rawValue)") }
        return conditions
    }
}
