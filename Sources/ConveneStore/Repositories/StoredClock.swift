import ConveneCore
import Foundation
import SQLKit

/// One row of `case_clocks`: a clock as the record sets it, without its state.
struct StoredClock: Encodable, Sendable {
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

    /// Reads the rows of one result. SQLite's rows are read by position, the positions found once
    /// for the whole result: a dashboard reads 100 clocks of 13 columns, and reading each column
    /// by name through `decode(column:as:)` took a tenth of its time. A row that does not read
    /// that way (PostgreSQL's, or a value of an unexpected type) is read by name, whose errors
    /// say what is wrong.
    static func read(_ rows: [any SQLRow]) throws -> [StoredClock] {
        var layout: (columns: ResultColumns, positions: Positions)?
        return try rows.map { row in
            if let row = row as? ResultRow {
                if layout?.columns !== row.columns { layout = Positions(row.columns).map { (row.columns, $0) } }
                if let positions = layout?.positions, let clock = StoredClock(row, at: positions) { return clock }
            }
            return try StoredClock(row: row)
        }
    }

    /// Where each column of `case_clocks` is in one result.
    private struct Positions {
        let caseId, kind, subjectId, caseReference, teamId, label, startedAt, dueAt, dueSoonFrom, completedAt,
            runningUntil, ownerId, warning: Int

        init?(_ columns: ResultColumns) {
            struct Missing: Error {}
            func find(_ name: String) throws -> Int {
                guard let offset = columns.offset(of: name) else { throw Missing() }
                return offset
            }
            do {
                caseId = try find("case_id")
                kind = try find("kind")
                subjectId = try find("subject_id")
                caseReference = try find("case_reference")
                teamId = try find("team_id")
                label = try find("label")
                startedAt = try find("started_at")
                dueAt = try find("due_at")
                dueSoonFrom = try find("due_soon_from")
                completedAt = try find("completed_at")
                runningUntil = try find("running_until")
                ownerId = try find("owner_id")
                warning = try find("warning")
            } catch { return nil }
        }
    }

    /// Reads an SQLite row by position; nil when a value is not of the type its column holds.
    private init?(_ row: ResultRow, at column: Positions) {
        guard let caseId = row.uuid(at: column.caseId), let kind = row.text(at: column.kind).flatMap(ClockKind.init),
            let subjectId = row.uuid(at: column.subjectId), let caseReference = row.text(at: column.caseReference),
            let teamId = row.uuid(at: column.teamId), let label = row.text(at: column.label),
            let startedAt = row.date(at: column.startedAt), let dueAt = row.date(at: column.dueAt),
            let dueSoonFrom = row.date(at: column.dueSoonFrom), let runningUntil = row.date(at: column.runningUntil)
        else { return nil }
        let completedAt = row.date(at: column.completedAt)
        let ownerId = row.uuid(at: column.ownerId)
        let warning = row.text(at: column.warning)
        // A value present but of another type (not NULL, not read) goes the long way.
        guard completedAt != nil || row.isNull(at: column.completedAt), ownerId != nil || row.isNull(at: column.ownerId),
            warning != nil || row.isNull(at: column.warning)
        else { return nil }
        (self.caseId, self.kind, self.subjectId, self.caseReference, self.teamId, self.label) =
            (caseId, kind, subjectId, caseReference, teamId, label)
        (self.startedAt, self.dueAt, self.dueSoonFrom, self.completedAt, self.runningUntil) =
            (startedAt, dueAt, dueSoonFrom, completedAt, runningUntil)
        (self.ownerId, self.warning) = (ownerId, warning)
    }

    /// Reads a row column by column, by name (SQLKit's snake-case key decoding costs more than
    /// the query).
    init(row: any SQLRow) throws {
        func column<T: Decodable>(_ name: String, _ type: T.Type = T.self) throws -> T {
            try row.decode(column: name, as: T.self)
        }
        caseId = try column("case_id")
        guard let kind = ClockKind(rawValue: try column("kind")) else {
            throw DomainError.conflict("case_clocks holds an unknown clock kind")
        }
        self.kind = kind
        subjectId = try column("subject_id")
        caseReference = try column("case_reference")
        teamId = try column("team_id")
        label = try column("label")
        startedAt = try column("started_at")
        dueAt = try column("due_at")
        dueSoonFrom = try column("due_soon_from")
        completedAt = try column("completed_at")
        runningUntil = try column("running_until")
        ownerId = try column("owner_id")
        warning = try column("warning")
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
