import ConveneCore
import Foundation
import SQLKit

/// One row of `case_clocks`: a clock as the record sets it, without its state.
struct StoredClock: Codable, Sendable {
    var caseId: UUID
    var kind: ClockKind
    var subjectId: UUID
    var caseReference: String
    var teamId: UUID
    var label: String
    var startedAt: Date
    var dueAt: Date
    var dueSoonFrom: Date
    var completedAt: Date?
    /// When the clock stops running: its completion, the close of a window that closes itself,
    /// or never (`Date.distantFuture`). Lists of running clocks read `running_until > now`.
    var runningUntil: Date
    var ownerId: UUID?
    var warning: String?

    init(_ clock: Clock, teamId: UUID, dueSoonFrom: Date) {
        caseId = clock.caseId
        kind = clock.kind
        subjectId = clock.subjectId
        caseReference = clock.caseReference
        self.teamId = teamId
        label = clock.label
        startedAt = clock.startedAt
        dueAt = clock.dueAt
        self.dueSoonFrom = dueSoonFrom
        completedAt = clock.completedAt
        runningUntil = clock.completedAt ?? (clock.kind.closesItselfAtDue ? clock.dueAt : .distantFuture)
        ownerId = clock.ownerId
        warning = clock.warning
    }

    /// Reads the rows of one result.
    static func read(_ rows: [any SQLRow]) throws -> [StoredClock] {
        try rows.map { try $0.decode(model: StoredClock.self, with: rowDecoder) }
    }

    /// Identifies the clock within its case.
    var key: String { clockKey(kind, subjectId) }

    /// Whether two rows say the same (times to the millisecond, as the databases keep them).
    func matches(_ other: StoredClock) -> Bool {
        key == other.key && caseId == other.caseId && caseReference == other.caseReference && teamId == other.teamId
            && label == other.label && ownerId == other.ownerId && warning == other.warning
            && ms(startedAt) == ms(other.startedAt) && ms(dueAt) == ms(other.dueAt) && ms(dueSoonFrom) == ms(other.dueSoonFrom)
            && ms(completedAt) == ms(other.completedAt) && ms(runningUntil) == ms(other.runningUntil)
    }

    /// The clock as it stands at `now`.
    func clock(at now: Date) -> Clock {
        Clock(
            kind: kind, caseId: caseId, caseReference: caseReference, subjectId: subjectId, label: label,
            startedAt: startedAt, dueAt: dueAt, completedAt: completedAt, ownerId: ownerId, state: .open, warning: warning
        ).at(now, dueSoonFrom: dueSoonFrom)
    }

    /// The rows for a case's clocks, computed from its record by the engine.
    static func rows(of history: CaseHistory, engine: ClockEngine) -> [StoredClock] {
        engine.timings(for: history).map {
            StoredClock(
                $0, teamId: history.caseRecord.teamId,
                dueSoonFrom: engine.dueSoonFrom(kind: $0.kind, start: $0.startedAt, due: $0.dueAt))
        }
    }
}

/// A clock's identity within its case: its kind and the record it belongs to.
func clockKey(_ kind: ClockKind, _ subject: UUID) -> String { "\(kind.rawValue) \(subject)" }

/// A time to the millisecond: what both databases keep of a `Date`, so stored and computed
/// clocks compare equal when they are.
func ms(_ date: Date?) -> Int64? { date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } }
