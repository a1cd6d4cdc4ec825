import Foundation

/// The statutory and local clocks (DOMAIN §5).
public enum ClockKind: String, Sendable, Codable, CaseIterable {
    /// The meeting must be held within the urgency's timescale of the concern.
    case meeting
    /// Minutes go to every invitee within the circulation timescale of the meeting's end.
    case minutesCirculation
    /// Invitees may send corrections within this window of circulation.
    case correctionsWindow
    /// The S47 enquiry completes within 15 working days of the discussion that started it.
    case s47Enquiry
    /// The ICPC is held within 15 working days of the discussion that started S47.
    case icpc
    /// The assessment decides within 45 working days of the referral.
    case assessment
    /// A SMART action's own due time.
    case action
    /// A decision not to inform parents is reviewed by its review date.
    case parentsNotInformedReview
    /// A further strategy discussion is held by the date set.
    case followUpDiscussion
}

/// Where a clock stands at a moment.
public enum ClockState: String, Sendable, Codable, CaseIterable {
    case open, dueSoon, overdue, met, metLate

    /// Open clocks come before stopped ones, the most urgent first.
    public var isRunning: Bool { self == .open || self == .dueSoon || self == .overdue }
}

/// One clock on one case.
public struct Clock: Sendable, Equatable, Codable {
    public var kind: ClockKind
    public var caseId: UUID
    public var caseReference: String
    /// The request, meeting, decision or action the clock belongs to.
    public var subjectId: UUID
    public var label: String
    public var startedAt: Date
    public var dueAt: Date
    public var completedAt: Date?
    /// The professional who must make it happen.
    public var ownerId: UUID?
    public var state: ClockState
    /// Set when the due time may be wrong, such as a date past the bank-holiday list.
    public var warning: String?

    public init(
        kind: ClockKind, caseId: UUID, caseReference: String, subjectId: UUID, label: String,
        startedAt: Date, dueAt: Date, completedAt: Date?, ownerId: UUID?, state: ClockState, warning: String?
    ) {
        self.kind = kind
        self.caseId = caseId
        self.caseReference = caseReference
        self.subjectId = subjectId
        self.label = label
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.completedAt = completedAt
        self.ownerId = ownerId
        self.state = state
        self.warning = warning
    }

    /// Seconds until due (negative when overdue), for display.
    public func secondsLeft(at now: Date) -> TimeInterval { dueAt.timeIntervalSince(now) }
}

extension ClockKind {
    /// A window that is not an obligation (the corrections window): once it closes, the clock is met.
    public var closesItselfAtDue: Bool { self == .correctionsWindow }
}

extension ClockState {
    /// The state at `now` of a clock that runs from `start` to `due`.
    ///
    /// Clocks of a day or less are due soon in their last quarter; longer ones
    /// within `dueSoonHours` of the due time.
    public static func at(
        _ now: Date, start: Date, due: Date, completed: Date?, dueSoonHours: Int
    ) -> ClockState {
        at(now, due: due, dueSoonFrom: dueSoonFrom(start: start, due: due, dueSoonHours: dueSoonHours), completed: completed)
    }

    /// The moment a clock from `start` to `due` becomes due soon.
    public static func dueSoonFrom(start: Date, due: Date, dueSoonHours: Int) -> Date {
        let length = due.timeIntervalSince(start)
        return due.addingTimeInterval(-(length <= 86_400 ? length / 4 : TimeInterval(dueSoonHours) * 3600))
    }

    /// The state at `now`, given when the clock becomes due soon.
    public static func at(_ now: Date, due: Date, dueSoonFrom: Date, completed: Date?) -> ClockState {
        if let completed { return completed <= due ? .met : .metLate }
        if now > due { return .overdue }
        return now >= dueSoonFrom ? .dueSoon : .open
    }
}

extension Clock {
    /// The clock as it stands at `now`: a window that closes itself is met once due, and the
    /// state follows from the times. Computed at every read, so a stored clock is never stale.
    public func at(_ now: Date, dueSoonFrom: Date) -> Clock {
        var clock = self
        if clock.completedAt == nil, kind.closesItselfAtDue, now >= dueAt { clock.completedAt = dueAt }
        clock.state = ClockState.at(now, due: dueAt, dueSoonFrom: dueSoonFrom, completed: clock.completedAt)
        return clock
    }
}
