import ConveneCore
import Foundation
import SQLKit

/// One standard slot and who, if anyone, has it.
public struct SlotAvailability: Sendable, Codable, Equatable {
    public var start: Date
    public var end: Date
    /// How many of the organisation's meetings are booked in this slot.
    public var bookedCount: Int
    /// Those meetings, for people of the organisation only (`withoutMeetingIds` for anyone else).
    public var bookedMeetingIds: [UUID]

    /// The slot as people of other organisations see it: how busy, not which meetings.
    public var withoutMeetingIds: SlotAvailability {
        SlotAvailability(start: start, end: end, bookedCount: bookedCount, bookedMeetingIds: [])
    }
}

extension ConveneStore {
    /// Standard slots between two dates for an organisation, with the meetings booked in each.
    public func slots(organisationId: UUID, from: LocalDate, through: LocalDate) async throws -> [SlotAvailability] {
        guard from <= through else { throw DomainError.invalid("to", "must not be before from") }
        guard through.dayNumber - from.dayNumber <= 31 else {
            throw DomainError.invalid("to", "the range must be 31 days or fewer")
        }
        let organisation = try await organisation(organisationId)
        let scheduling = Scheduling(policy: organisation.policy, calendar: try await calendar(of: organisationId))
        let zone = organisation.policy.zone
        let booked = try await meetings(between: zone.instant(on: from), and: zone.instant(on: through.adding(days: 1)))
        // Only this organisation's meetings fill its slots; another authority's are none of its business.
        let own: Set<UUID> =
            booked.isEmpty
            ? []
            : try await ids(
                """
                SELECT id FROM meetings WHERE id IN (\(binds: booked.map(\.id)))
                AND team_id IN (SELECT id FROM teams WHERE organisation_id = \(bind: organisationId))
                """)
        var result: [SlotAvailability] = []
        var day = from
        while day <= through {
            for start in scheduling.slots(on: day) {
                let end = scheduling.end(of: start)
                let ids = booked.filter { own.contains($0.id) && $0.scheduledStart < end && start < $0.scheduledEnd }.map(\.id)
                result.append(SlotAvailability(start: start, end: end, bookedCount: ids.count, bookedMeetingIds: ids))
            }
            day = day.adding(days: 1)
        }
        return result
    }

    /// Booked and held meetings overlapping a time range. None lasts longer than the longest slot, so the
    /// search starts that long before the range: the start index then reads a few rows, not every
    /// meeting of ten years that started before the range ended.
    func meetings(between start: Date, and end: Date) async throws -> [Meeting] {
        // A discussion held (or being held) occupies its chair and minute taker as a booked one does.
        try await sql.select().column("*").from("meetings")
            .where("status", .in, [MeetingStatus.booked.rawValue, MeetingStatus.held.rawValue])
            .where("scheduled_start", .greaterThan, start.addingTimeInterval(-TimeInterval(LocalPolicy.longestSlotMinutes * 60)))
            .where("scheduled_start", .lessThan, end)
            .where("scheduled_end", .greaterThan, start)
            .all(decoding: Meeting.self, with: rowDecoder)
    }

    /// The minute taker books an approved request into a slot, inviting the request's
    /// professionals and the case's social worker and team manager.
    /// Books a strategy discussion of an approved request, or records an immediate one already
    /// held (`alreadyHeld`, up to 7 days back, by `recordedBy`, at its real start time).
    public func book(_ input: BookingInput, recordedBy: Professional? = nil) async throws -> MeetingRecord {
        try input.validate()
        let request = try await fetch(StrategyRequest.self, from: "strategy_requests", id: input.requestId!)
        guard let request else { throw DomainError.invalid("requestId", "no request has id \(input.requestId!)") }
        guard request.status == .approved else {
            throw DomainError.conflict("the request is \(request.status.rawValue); only an approved request can be booked")
        }
        let existing = try await fetchAll(Meeting.self, from: "meetings", where: "request_id", equals: request.id)
        if existing.contains(where: { $0.status != .cancelled }) {
            throw DomainError.conflict("this request already has a strategy discussion booked")
        }
        let record = try await caseRecord(request.caseId)
        let organisation = try await organisation(ofTeam: record.teamId)
        let chair = try await professional(
            input.chairId, field: "chairId", roles: [.teamManager, .serviceManager], of: organisation.id)
        let scheduling = Scheduling(policy: organisation.policy, calendar: try await calendar(of: organisation.id))
        let start = input.start!
        let isImmediate = request.urgency == .immediate
        var minuteTakerId: UUID
        var late = false
        if input.isAfterTheEvent {
            guard let recordedBy else { throw DomainError.invalid("alreadyHeld", "sign in to record a discussion afterwards") }
            var v = Validator()
            v.check(
                isImmediate, "alreadyHeld",
                "only an immediate discussion can be recorded after it was held; book a standard one in a future slot")
            v.check(start <= now().addingTimeInterval(300), "start", "must not be in the future for a discussion already held")
            v.check(
                start >= now().addingTimeInterval(-7 * 86_400), "start",
                "must be within the last 7 days; an older discussion is recorded on the case file")
            if let concern = request.concernIdentifiedAt {
                v.check(start >= concern.addingTimeInterval(-300), "start", "must not be before the concern was identified")
            }
            try v.throwIfInvalid()
            minuteTakerId = recordedBy.id
            if let given = input.minuteTakerId {
                minuteTakerId = try await professional(given, field: "minuteTakerId", roles: [.minuteTaker], of: organisation.id)
                    .id
            }
        } else {
            minuteTakerId = try await professional(
                input.minuteTakerId, field: "minuteTakerId", roles: [.minuteTaker], of: organisation.id
            ).id
            let checked = try await timeProblems(
                start: start, request: request, organisation: organisation, scheduling: scheduling, chairId: chair.id,
                minuteTakerId: minuteTakerId, lateReason: input.lateReason)
            late = checked.late
            let problems = checked.problems
            if !problems.isEmpty { throw DomainError.invalid(problems) }
        }

        var meeting = Meeting(
            id: newID(), caseId: record.id, requestId: request.id, scheduledStart: start,
            scheduledEnd: scheduling.end(of: start), isImmediate: isImmediate && !scheduling.isStandardSlot(start),
            chairId: chair.id, minuteTakerId: minuteTakerId, createdAt: now())
        if input.isAfterTheEvent, let recordedBy {
            // Held already: every clock counts from the real start.
            meeting.status = .held
            meeting.startedAt = start
            meeting.format = input.format
            meeting.recordedAfterEventAt = now()
            meeting.recordedAfterEventBy = recordedBy.id
            meeting.afterEventReason = input.reason
        }
        if late { meeting.lateReason = input.lateReason }
        let booked = meeting
        var invitees = [record.socialWorkerId, record.teamManagerId, chair.id]
        for id in try await inviteeIds(of: request.id) where !invitees.contains(id) { invitees.append(id) }
        let uniqueInvitees = invitees.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        try await changingHistory(of: record.id) { store in
            try await store.insert(booked, into: "meetings")
            try await store.sql.raw(M013_IndexMeetingsByTeam.fillTeam(where: "id = \(bind: booked.id)")).run()
            for id in uniqueInvitees {
                try await store.insert(
                    Invitation(id: store.newID(), meetingId: booked.id, professionalId: id, invitedAt: store.now()),
                    into: "invitations")
            }
            // A discussion recorded after it was held needs no invitation.
            if booked.status == .booked {
                try await store.notifyMeeting(.meetingBooked, booked)
                if try await store.quorumAtRisk(booked.id) { try await store.notifyQuorumAtRisk(booked) }
            }
        }
        return try await meetingRecord(meeting.id)
    }

    /// Moves a booked meeting with a service manager's agreement: made at once when they agree
    /// signed in or by telephone, or waiting for them when they are asked (seed 003).
    public func move(_ meetingId: UUID, _ input: RebookingInput, by actor: Professional) async throws -> MeetingRecord {
        let meeting = try await rebookable(meetingId, verb: "moved")
        let (agreedBy, how) = try await agreement(input, of: meeting, by: actor, moving: true)
        if input.newStart == meeting.scheduledStart {
            throw DomainError.invalid(
                "newStart", "is the time the discussion is booked for already: choose another time, or leave it as it is")
        }
        let change = MeetingChange(
            id: newID(), meetingId: meetingId, kind: .moved, previousStart: meeting.scheduledStart,
            newStart: input.newStart!, agreedBy: agreedBy, reason: input.reason!, recordedAt: now(), recordedBy: actor.id,
            agreement: how, status: how == .requested ? .pending : .agreed, lateReason: input.lateReason)
        return try await apply(change, to: meeting)
    }

    /// Cancels a booked meeting with a service manager's agreement, as `move` does.
    /// The request stays approved, so it can be booked again.
    public func cancel(_ meetingId: UUID, _ input: RebookingInput, by actor: Professional) async throws -> MeetingRecord {
        let meeting = try await rebookable(meetingId, verb: "cancelled")
        let (agreedBy, how) = try await agreement(input, of: meeting, by: actor, moving: false)
        let change = MeetingChange(
            id: newID(), meetingId: meetingId, kind: .cancelled, previousStart: meeting.scheduledStart, newStart: nil,
            agreedBy: agreedBy, reason: input.reason!, recordedAt: now(), recordedBy: actor.id, agreement: how,
            status: how == .requested ? .pending : .agreed)
        return try await apply(change, to: meeting)
    }

    /// The service manager asked to agree a change approves it, signed in: it is made now, if the
    /// meeting can still be changed that way.
    public func approveChange(_ changeId: UUID, of meetingId: UUID, by actor: Professional) async throws -> MeetingRecord {
        var change = try await askedOf(actor, changeId, of: meetingId)
        let meeting = try await rebookable(meetingId, verb: change.kind == .moved ? "moved" : "cancelled")
        change.status = .agreed
        change.decidedAt = now()
        return try await apply(change, to: meeting, replacing: true)
    }

    /// The service manager asked to agree a change declines it, with a reason; the booking stands.
    public func declineChange(_ changeId: UUID, of meetingId: UUID, _ input: AgreementDecision, by actor: Professional)
        async throws -> MeetingRecord
    {
        var v = Validator()
        v.require(input.reason, "reason")
        v.limit(input.reason, TextFields.Booking.reason)
        try v.throwIfInvalid()
        var change = try await askedOf(actor, changeId, of: meetingId)
        change.status = .declined
        change.decidedAt = now()
        change.declinedReason = input.reason
        return try await save(change)
    }

    /// Saves a change whose booking stays as it is: declined, or acknowledged.
    private func save(_ change: MeetingChange) async throws -> MeetingRecord {
        let caseId = try await meeting(change.meetingId).caseId
        try await changingHistory(of: caseId) { store in
            try await store.update(change, in: "meeting_changes", id: change.id)
        }
        return try await meetingRecord(change.meetingId)
    }

    /// The service manager confirms they were told of an agreement recorded for them by telephone.
    public func acknowledgeChange(_ changeId: UUID, of meetingId: UUID, by actor: Professional) async throws -> MeetingRecord {
        var change = try await change(changeId, of: meetingId)
        guard change.agreement == .byTelephone, change.agreedBy == actor.id else {
            throw DomainError.conflict("only the service manager whose telephone agreement was recorded acknowledges it")
        }
        guard change.acknowledgedAt == nil else { throw DomainError.conflict("this agreement is already acknowledged") }
        change.acknowledgedAt = now()
        return try await save(change)
    }

    /// A change to this meeting's booking; 404 for one of another meeting.
    private func change(_ changeId: UUID, of meetingId: UUID) async throws -> MeetingChange {
        let change = try await load(MeetingChange.self, from: "meeting_changes", id: changeId, entity: "change")
        guard change.meetingId == meetingId else { throw DomainError.notFound(entity: "change", id: changeId.uuidString) }
        return change
    }

    /// A change waiting for `actor`, who is the service manager asked to agree it.
    private func askedOf(_ actor: Professional, _ changeId: UUID, of meetingId: UUID) async throws -> MeetingChange {
        let change = try await change(changeId, of: meetingId)
        guard change.status == .pending else {
            throw DomainError.conflict("this change is already \(change.status == .agreed ? "agreed" : "declined")")
        }
        guard change.agreedBy == actor.id else {
            throw DomainError.conflict("only the service manager asked to agree this change can approve or decline it")
        }
        return change
    }

    /// Who agrees and how: a service manager signed in agrees as themselves; anyone else names a
    /// service manager of the case's organisation and asks them, or records their telephone agreement.
    private func agreement(_ input: RebookingInput, of meeting: Meeting, by actor: Professional, moving: Bool)
        async throws -> (UUID, Agreement)
    {
        let record = try await caseRecord(meeting.caseId)
        let caseOrganisation = try await organisation(ofTeam: record.teamId).id
        let actorOrganisation = try await organisationId(of: actor)
        let isServiceManager = actor.role == .serviceManager && actorOrganisation == caseOrganisation
        try input.validate(moving: moving, actorId: actor.id, actorIsServiceManager: isServiceManager)
        let how = input.agreement ?? .signedIn
        if how == .signedIn { return (actor.id, .signedIn) }
        let manager = try await professional(input.agreedBy, field: "agreedBy", roles: [.serviceManager], of: caseOrganisation)
        guard manager.id == record.serviceManagerId else {
            throw DomainError.invalid("agreedBy", "\(manager.name) is not this case's service manager, who agrees to the change")
        }
        return (manager.id, how)
    }

    /// A booked meeting that has not started (`apply` refuses a second change while one waits).
    private func rebookable(_ meetingId: UUID, verb: String) async throws -> Meeting {
        let meeting = try await load(Meeting.self, from: "meetings", id: meetingId, entity: "meeting")
        guard meeting.status == .booked, meeting.startedAt == nil else {
            throw DomainError.conflict("only a booked meeting that has not started can be \(verb)")
        }
        return meeting
    }

    /// Records the change; an agreed one changes the booking in the same transaction, after the
    /// slot is checked again. Only one change waits for agreement at a time.
    private func apply(_ change: MeetingChange, to meeting: Meeting, replacing: Bool = false) async throws -> MeetingRecord {
        if !replacing {
            let waiting = try await sql.select().column("id").from("meeting_changes")
                .where("meeting_id", .equal, meeting.id).where("status", .equal, MeetingChangeStatus.pending.rawValue)
                .first()
            if waiting != nil {
                throw DomainError.conflict(
                    "a change to this meeting is already waiting for the service manager's agreement; they approve or decline it first"
                )
            }
        }
        var changed = meeting
        if change.status == .agreed {
            if let start = change.newStart {
                let checked = try await checkMove(meeting, to: start, lateReason: change.lateReason)
                changed.scheduledStart = start
                changed.scheduledEnd = checked.end
                changed.lateReason = checked.late ? change.lateReason : nil
            } else {
                changed.status = .cancelled
            }
            changed.version += 1
        } else if let start = change.newStart {
            _ = try await checkMove(meeting, to: start, lateReason: change.lateReason)
        }
        let final = changed
        let moved = change.status == .agreed
        try await changingHistory(of: final.caseId) { store in
            if replacing {
                try await store.update(change, in: "meeting_changes", id: change.id)
            } else {
                try await store.insert(change, into: "meeting_changes")
                // The service manager is told what waits for them, or what was agreed in their name.
                if change.status == .pending {
                    try await store.notifyAbout(meeting, .changeToAgree, to: [change.agreedBy])
                } else if change.agreement == .byTelephone {
                    try await store.notifyAbout(meeting, .agreementToAcknowledge, to: [change.agreedBy])
                }
            }
            if moved {
                try await store.update(final, in: "meetings", id: final.id)
                if final.status == .cancelled {
                    try await store.notifyMeeting(.meetingCancelled, final)
                } else {
                    try await store.notifyMeeting(.meetingMoved, final, previousStart: meeting.scheduledStart)
                }
            }
        }
        return try await meetingRecord(final.id)
    }

    /// The new start must be a time the meeting could be booked at, as booking checks it: in a
    /// slot unless the urgency allows any time, free for its chair and minute taker, and after the
    /// request's timescale only with a reason. Whether it is late, and when it would end.
    private func checkMove(_ meeting: Meeting, to start: Date, lateReason: String?) async throws -> (late: Bool, end: Date) {
        let record = try await caseRecord(meeting.caseId)
        let organisation = try await organisation(ofTeam: record.teamId)
        let scheduling = Scheduling(policy: organisation.policy, calendar: try await calendar(of: organisation.id))
        let request = try await load(StrategyRequest.self, from: "strategy_requests", id: meeting.requestId, entity: "request")
        let checked = try await timeProblems(
            start: start, request: request, organisation: organisation, scheduling: scheduling, chairId: meeting.chairId,
            minuteTakerId: meeting.minuteTakerId, lateReason: lateReason, moving: meeting.id)
        if !checked.problems.isEmpty {
            throw DomainError.invalid(
                checked.problems.map { $0.field == "start" ? FieldProblem(field: "newStart", reason: $0.reason) : $0 })
        }
        return (checked.late, scheduling.end(of: start))
    }

    /// What is wrong with holding a request's discussion at `start` (booked, or moved there): a
    /// standard slot unless the urgency allows any time (immediate, or no free slot meets the
    /// timescale), the chair and minute taker free, and a reason when it is after the timescale.
    private func timeProblems(
        start: Date, request: StrategyRequest, organisation: Organisation, scheduling: Scheduling, chairId: UUID,
        minuteTakerId: UUID, lateReason: String?, moving: UUID? = nil
    ) async throws -> (problems: [FieldProblem], late: Bool) {
        let clashes = try await meetings(between: start, and: scheduling.end(of: start)).filter { $0.id != moving }
        let isImmediate = request.urgency == .immediate
        let due = ClockEngine(policy: organisation.policy, calendar: scheduling.calendar).meetingDue(of: request)
        var outOfSlotAllowed = isImmediate
        if !isImmediate, let due, !scheduling.isStandardSlot(start) {
            outOfSlotAllowed = try await freeSlot(organisationId: organisation.id, before: due) == nil
        }
        var problems = scheduling.problems(
            start: start, isImmediate: outOfSlotAllowed, chairId: chairId, minuteTakerId: minuteTakerId, others: clashes,
            now: now())
        let late = due.map { start > $0 } ?? false
        if late, let due, lateReason.isBlank {
            let when = organisation.policy.zone.long(due)
            let choice: String
            if due <= now() {
                choice = "the timescale has passed (due \(when)), so "
            } else if let earliest = try await freeSlot(organisationId: organisation.id, before: due) {
                choice =
                    "this time is after the request's timescale (due \(when)): book the free slot at "
                    + "\(organisation.policy.zone.long(earliest)), or "
            } else {
                choice =
                    "this time is after the request's timescale (due \(when)): no standard slot meets it, so "
                    + "book any earlier time, or "
            }
            problems.append(FieldProblem(field: "lateReason", reason: choice + "give the reason for booking it late"))
        }
        return (problems, late)
    }

    /// Meetings of one chair or minute taker, or all, in a time range; only those one professional
    /// may see (`seesMeeting`) when `visibleTo` is given.
    public func meetings(from: Date, to: Date, professionalId: UUID? = nil, visibleTo: Professional? = nil) async throws
        -> [Meeting]
    {
        var query = sql.select().column("*").from("meetings")
            .where("scheduled_start", .greaterThanOrEqual, from).where("scheduled_start", .lessThan, to)
        if let visibleTo { query = query.where(seesMeeting(visibleTo)) }
        if let professionalId {
            query = query.where {
                $0.where("chair_id", .equal, professionalId).orWhere("minute_taker_id", .equal, professionalId)
            }
        }
        return try await query.orderBy("scheduled_start").orderBy("id").all(decoding: Meeting.self, with: rowDecoder)
    }
}

extension ConveneStore {
    /// The first free standard slot of the organisation from now until `due`, if any (none once
    /// `due` has passed, which may be days ago for a request booked late).
    public func freeSlot(organisationId: UUID, before due: Date) async throws -> Date? {
        guard due > now() else { return nil }
        let zone = try await organisation(organisationId).policy.zone
        let slots = try await self.slots(
            organisationId: organisationId, from: zone.localDate(of: now()), through: zone.localDate(of: due))
        return slots.first { $0.bookedMeetingIds.isEmpty && $0.start > now() && $0.start <= due }?.start
    }
}
