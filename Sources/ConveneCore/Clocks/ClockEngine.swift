import Foundation

/// Computes every clock of a case from its record and the local policy.
///
/// Pure: the same history, policy, calendar and `now` always give the same clocks.
public struct ClockEngine: Sendable {
    public let policy: LocalPolicy
    public let calendar: WorkingDayCalendar
    private let zone: LocalTimeZone

    public init(policy: LocalPolicy, calendar: WorkingDayCalendar) {
        self.policy = policy
        self.calendar = calendar
        self.zone = policy.zone
    }

    /// Every clock of the case, in due order.
    public func clocks(for history: CaseHistory, at now: Date) -> [Clock] {
        var clocks: [Clock] = []
        let c = history.caseRecord
        let live = history.meetings.filter { $0.status != .cancelled }
        let meetingsById = Dictionary(uniqueKeysWithValues: history.meetings.map { ($0.id, $0) })

        func add(
            _ kind: ClockKind, _ subject: UUID, _ label: String, start: Date, due: (Date, Bool),
            completed: Date?, owner: UUID?
        ) {
            clocks.append(
                Clock(
                    kind: kind, caseId: c.id, caseReference: c.reference, subjectId: subject, label: label,
                    startedAt: start, dueAt: due.0, completedAt: completed, ownerId: owner, state: .open,
                    warning: due.1 ? nil : coverageWarning
                ).at(now, dueSoonFrom: dueSoonFrom(kind: kind, start: start, due: due.0)))
        }
        func meetingDay(_ m: Meeting) -> Date { m.startedAt ?? m.scheduledStart }

        // MARK: Meeting held within the urgency's timescale, from a submitted request
        for request in history.requests {
            // A draft starts no clock: its dates are not yet anyone's word. Once submitted (even if
            // later returned) the clock counts from the concern time the request gives.
            guard let urgency = request.urgency, let submitted = request.submittedAt else { continue }
            let start = request.concernIdentifiedAt ?? submitted
            guard let due = meetingDue(urgency: urgency, from: start, otherDueDate: request.otherDueDate) else { continue }
            let booked = live.filter { $0.requestId == request.id }
            let held = booked.compactMap(\.startedAt).min()
            var label = "Strategy discussion (\(urgency.rawValue))"
            if booked.isEmpty, history.meetings.contains(where: { $0.requestId == request.id }) {
                // Every booking was cancelled: the request's own due time stands, and it needs booking again.
                label += ": awaiting a new booking"
            }
            add(.meeting, request.id, label, start: start, due: due, completed: held, owner: c.teamManagerId)
        }

        // MARK: Minutes circulated, then the corrections window
        for m in live {
            guard let ended = m.endedAt else { continue }
            add(
                .minutesCirculation, m.id, "Minutes circulated", start: ended,
                due: policy.minutesCirculation.due(from: ended, calendar: calendar, zone: zone),
                completed: m.circulatedAt, owner: m.minuteTakerId)
            if let circulated = m.circulatedAt {
                let due = policy.correctionsWindow.due(from: circulated, calendar: calendar, zone: zone)
                // A window is not an obligation: once it closes, the clock is met (Clock.at).
                add(.correctionsWindow, m.id, "Corrections window", start: circulated, due: due, completed: nil, owner: m.chairId)
            }
        }

        // MARK: S47 and ICPC, from the first discussion that started S47
        let s47Starts = history.decisions.filter(\.startsS47).compactMap { d in meetingsById[d.meetingId] }
            .filter { $0.status != .cancelled }
            .sorted { meetingDay($0) < meetingDay($1) }
        if let first = s47Starts.first {
            let start = meetingDay(first)
            add(
                .s47Enquiry, first.id, "Section 47 enquiry", start: start,
                due: policy.s47Enquiry.due(from: start, calendar: calendar, zone: zone),
                completed: c.s47CompletedOn.map(zone.endOfDay), owner: c.socialWorkerId)
        }
        if let icpcDecision = history.decisions.filter({ $0.kind == .icpc && $0.answer == "yes" }).first,
            let from = s47Starts.first ?? meetingsById[icpcDecision.meetingId]
        {
            let start = meetingDay(from)
            add(
                .icpc, icpcDecision.id, "Initial child protection conference", start: start,
                due: policy.icpc.due(from: start, calendar: calendar, zone: zone),
                completed: c.icpcHeldOn.map(zone.endOfDay), owner: c.teamManagerId)
        }

        // MARK: Assessment, from the referral
        if let referral = c.referralDate {
            let start = zone.instant(on: referral)
            add(
                .assessment, c.id, "Assessment decision", start: start,
                due: policy.assessment.due(from: start, calendar: calendar, zone: zone),
                completed: c.assessmentCompletedOn.map(zone.endOfDay), owner: c.socialWorkerId)
        }

        // MARK: SMART actions
        for action in history.actions where action.status != .cancelled {
            add(
                .action, action.id, action.description, start: action.createdAt, due: (action.dueAt, true),
                completed: action.completedAt, owner: action.ownerId)
        }

        // MARK: Reviews and follow-ups set at a meeting
        for d in history.decisions {
            guard let date = d.byDate, let m = meetingsById[d.meetingId], m.status != .cancelled else { continue }
            if d.withholdsFromParents {
                add(
                    .parentsNotInformedReview, d.id, "Review: parents not informed", start: d.recordedAt,
                    due: (zone.endOfDay(date), true), completed: d.reviewedAt, owner: m.chairId)
            } else if d.asksForFollowUp {
                let later = live.filter { $0.id != m.id && meetingDay($0) > meetingDay(m) }.compactMap(\.startedAt).min()
                add(
                    .followUpDiscussion, d.id, "Further strategy discussion", start: d.recordedAt,
                    due: (zone.endOfDay(date), true), completed: later, owner: c.teamManagerId)
            }
        }
        return clocks.sorted { ($0.dueAt, $0.kind.rawValue) < ($1.dueAt, $1.kind.rawValue) }
    }

    /// When the strategy discussion of a request is due, from the concern time, and whether the
    /// bank-holiday list covers the date; nil for "other" urgency with no agreed date.
    public func meetingDue(urgency: Urgency, from start: Date, otherDueDate: LocalDate?) -> (Date, Bool)? {
        switch urgency {
        case .immediate: return policy.immediateMeeting.due(from: start, calendar: calendar, zone: zone)
        case .standard: return policy.standardMeeting.due(from: start, calendar: calendar, zone: zone)
        case .other: return otherDueDate.map { (zone.endOfDay($0), true) }
        }
    }

    /// When the discussion of a request is due, as its clock will say (nil before it is complete).
    public func meetingDue(of request: StrategyRequest) -> Date? {
        guard let urgency = request.urgency, let start = request.concernIdentifiedAt ?? request.submittedAt else { return nil }
        return meetingDue(urgency: urgency, from: start, otherDueDate: request.otherDueDate)?.0
    }

    /// Every clock of the case as its record sets it, before any time has passed: what the
    /// store keeps. `Clock.at(_:dueSoonFrom:)` gives each one's state at a later moment.
    public func timings(for history: CaseHistory) -> [Clock] {
        clocks(for: history, at: .distantPast)
    }

    /// When a clock from `start` to `due` becomes due soon under this policy. A SMART action is
    /// due soon from the same time on the working day before it is due, if that comes first: an
    /// action due within a working day is never "on track".
    public func dueSoonFrom(kind: ClockKind, start: Date, due: Date) -> Date {
        let general = ClockState.dueSoonFrom(start: start, due: due, dueSoonHours: policy.dueSoonHours)
        guard kind == .action else { return general }
        let zone = policy.zone
        let (day, minute) = zone.wallClock(of: due)
        var previous = day.adding(days: -1)
        while !calendar.isWorkingDay(previous) { previous = previous.adding(days: -1) }
        return min(general, zone.instant(on: previous, minuteOfDay: minute))
    }

    private var coverageWarning: String {
        let through = calendar.bankHolidays.coveredThrough.map(String.init(describing:)) ?? "(empty)"
        return "The bank-holiday list covers dates only to \(through); this due date may be too early "
            + "if a later bank holiday is missing. Import the current list with `convene holidays import`."
    }
}
