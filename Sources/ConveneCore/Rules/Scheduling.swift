import Foundation

/// Standard slots and clash rules for booking strategy discussions (seed 003).
public struct Scheduling: Sendable {
    public let policy: LocalPolicy
    public let calendar: WorkingDayCalendar

    public init(policy: LocalPolicy, calendar: WorkingDayCalendar) {
        self.policy = policy
        self.calendar = calendar
    }

    /// The standard slot start times on a date: none on weekends, bank holidays or closure days.
    public func slots(on date: LocalDate) -> [Date] {
        guard calendar.isWorkingDay(date) else { return [] }
        return policy.slotStartMinutes.sorted().map { policy.zone.instant(on: date, minuteOfDay: $0) }
    }

    /// Whether `start` is one of the standard slots.
    public func isStandardSlot(_ start: Date) -> Bool {
        let zone = policy.zone
        let date = zone.localDate(of: start)
        return slots(on: date).contains(start)
    }

    /// The end of a meeting that starts at `start`.
    public func end(of start: Date) -> Date { start.addingTimeInterval(TimeInterval(policy.slotMinutes) * 60) }

    /// Checks a booking: standard slot unless immediate, not in the past nor beyond the local
    /// policy's days ahead, and no clash
    /// for the chair or the minute taker with their other live meetings.
    public func problems(
        start: Date, isImmediate: Bool, chairId: UUID, minuteTakerId: UUID, others: [Meeting], now: Date
    ) -> [FieldProblem] {
        var v = Validator()
        if !isImmediate && !isStandardSlot(start) {
            let times = policy.slotStartMinutes.sorted().map(LocalTimeZone.clockTime)
            v.add("start", "is not a standard slot; slots are \(times.joined(separator: ", ")) on working days")
        }
        if start < now.addingTimeInterval(-300) {
            v.add("start", "must not be in the past")
        }
        // Nor years ahead: a slip of the year, as for any date something is due by.
        v.dueDate(policy.zone.localDate(of: start), "start", today: policy.zone.localDate(of: now), limits: policy.limits)
        let end = end(of: start)
        for other in others where other.status == .booked || other.status == .held {
            guard other.scheduledStart < end && start < other.scheduledEnd else { continue }
            let when = policy.zone.long(other.scheduledStart)
            if other.chairId == chairId || other.minuteTakerId == chairId {
                v.add("chairId", "the chair already has a strategy discussion at \(when)")
            }
            if other.minuteTakerId == minuteTakerId || other.chairId == minuteTakerId {
                v.add("minuteTakerId", "the minute taker already has a strategy discussion at \(when)")
            }
        }
        return v.problems
    }
}
