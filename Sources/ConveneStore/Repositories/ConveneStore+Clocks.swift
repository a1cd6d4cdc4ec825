import ConveneCore
import Foundation
import SQLKit

/// Which clocks to list.
public struct ClockFilter: Sendable {
    public var teamId: UUID?
    public var caseId: UUID?
    public var ownerId: UUID?
    /// Only the clocks this professional may see (DOMAIN §6), checked in the query.
    public var visibleTo: Professional?
    /// Only clocks that are overdue.
    public var overdueOnly: Bool
    /// Only running clocks that are due soon (not yet overdue).
    public var dueSoonOnly: Bool = false
    /// Only clocks of this kind.
    public var kind: ClockKind?
    /// Only running clocks due within this many seconds (overdue ones included).
    public var dueWithin: TimeInterval?
    /// Include clocks that have stopped (met or met late).
    public var includeStopped: Bool
    /// One page of the list, in due order: at most `limit` clocks after the first `offset`; all
    /// of them when `limit` is nil.
    public var limit: Int?
    public var offset: Int

    public init(
        teamId: UUID? = nil, caseId: UUID? = nil, ownerId: UUID? = nil, overdueOnly: Bool = false,
        dueWithin: TimeInterval? = nil, includeStopped: Bool = false, visibleTo: Professional? = nil,
        limit: Int? = nil, offset: Int = 0
    ) {
        self.visibleTo = visibleTo
        self.teamId = teamId
        self.caseId = caseId
        self.ownerId = ownerId
        self.overdueOnly = overdueOnly
        self.dueWithin = dueWithin
        self.includeStopped = includeStopped
        self.limit = limit
        self.offset = offset
    }

    /// The rows of `case_clocks` the filter keeps at `now`, as conditions on the table, the
    /// person's visibility aside. They say exactly what the state worked out at `now` says
    /// (`StoredClock.clock(at:)`), so that a page and a count hold the same clocks as the whole list.
    func conditions(at now: Date) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let caseId { conditions.append("case_id = \(bind: caseId)") }
        if let teamId { conditions.append("team_id = \(bind: teamId)") }
        if let ownerId { conditions.append("owner_id = \(bind: ownerId)") }
        if let kind { conditions.append("kind = \(bind: kind.rawValue)") }
        if overdueOnly || dueWithin != nil || !includeStopped { conditions.append(ClockTally.running(at: now)) }
        if dueSoonOnly { conditions.append(ClockTally.dueSoon(at: now)) }
        if overdueOnly {
            conditions.append("due_at < \(bind: now)")
        } else if let dueWithin {
            conditions.append("due_at <= \(bind: now.addingTimeInterval(dueWithin))")
        }
        return conditions
    }

    /// Whether a case, team or owner narrows the clocks to a few hundred at most.
    var isNarrowed: Bool { caseId != nil || teamId != nil || ownerId != nil }
}

/// How many clocks a filter keeps, and how many of them are overdue and due soon now: counted
/// in the database, for the dashboard's figures and the API's `X-Total-Count`. Its conditions
/// are the SQL twin of `ClockState.at`, which
/// `ClockReadModelTests.theDatabaseCountsStatesAsClockStateAtSaysAtEveryBoundary` holds them to.
public struct ClockTally: Sendable, Equatable {
    public var total: Int
    public var overdue: Int
    public var dueSoon: Int

    /// A stored clock that is running at `now`: not completed, and not a window that has closed
    /// itself (its `running_until` is its due time).
    static func running(at now: Date) -> SQLQueryString {
        "(completed_at IS NULL AND running_until > \(bind: now))"
    }

    /// A running clock past its due time (`ClockState.at`: overdue when now is after due).
    static func overdue(at now: Date) -> SQLQueryString {
        "(\(running(at: now)) AND due_at < \(bind: now))"
    }

    /// A running clock not yet due whose due-soon time has come.
    static func dueSoon(at now: Date) -> SQLQueryString {
        "(\(running(at: now)) AND due_at >= \(bind: now) AND due_soon_from <= \(bind: now))"
    }
}

extension ConveneStore {
    /// Clocks across cases as they stand now: read from `case_clocks` with an index, the state
    /// worked out from the stored times at this moment.
    public func clocks(_ filter: ClockFilter) async throws -> [Clock] {
        let at = now()
        let page: SQLQueryString = filter.limit.map { " LIMIT \(literal: $0) OFFSET \(literal: filter.offset)" } ?? ""
        // Case and subject make the order total, so that pages neither repeat nor skip a clock.
        let query: SQLQueryString = """
            SELECT * FROM case_clocks\(clocksWhere(filter, at: at))
            ORDER BY due_at, kind, case_id, subject_id\(page)
            """
        return try StoredClock.read(try await sql.raw(query).all()).map { $0.clock(at: at) }
    }

    /// How many clocks the filter keeps (its `limit` and `offset` aside), and how many of them are
    /// overdue and due soon, as they stand now: one counting query, no clock read.
    public func clockTally(_ filter: ClockFilter) async throws -> ClockTally {
        let at = now()
        let query: SQLQueryString = """
            SELECT COUNT(*) AS total,
            COALESCE(SUM(CASE WHEN \(ClockTally.overdue(at: at)) THEN 1 ELSE 0 END), 0) AS overdue,
            COALESCE(SUM(CASE WHEN \(ClockTally.dueSoon(at: at)) THEN 1 ELSE 0 END), 0) AS due_soon
            FROM case_clocks\(clocksWhere(filter, at: at))
            """
        guard let row = try await sql.raw(query).first() else { return ClockTally(total: 0, overdue: 0, dueSoon: 0) }
        return ClockTally(
            total: try row.decode(column: "total", as: Int.self), overdue: try row.decode(column: "overdue", as: Int.self),
            dueSoon: try row.decode(column: "due_soon", as: Int.self))
    }

    /// Who owns the clocks the filter keeps (its `limit` and `offset` aside), for a list's "owner" filter.
    public func clockOwners(_ filter: ClockFilter) async throws -> [UUID] {
        let query: SQLQueryString =
            "SELECT DISTINCT owner_id FROM case_clocks\(clocksWhere(filter, at: now()))"
        return try await sql.raw(query).all().compactMap {
            try $0.decodeNil(column: "owner_id") ? nil : $0.decode(column: "owner_id", as: UUID.self)
        }
    }

    /// The `WHERE` clause of the `case_clocks` rows a filter keeps at `at`, with the person's
    /// visibility; empty when it keeps them all. The list and its count share it, so that they
    /// always hold the same clocks.
    private func clocksWhere(_ filter: ClockFilter, at: Date) -> SQLQueryString {
        var conditions = filter.conditions(at: at)
        if let person = filter.visibleTo {
            conditions.append(seesClock(person, amongClocksWhere: filter.isNarrowed ? conditions : nil))
        }
        return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// The engine for an organisation: its policy and working-day calendar.
    func clockEngine(of organisation: Organisation) async throws -> ClockEngine {
        ClockEngine(policy: organisation.policy, calendar: try await calendar(of: organisation.id))
    }

    /// Rewrites the stored clocks of one case, other than its actions', from its record. Every
    /// change to what those clocks read (the case, its requests, meetings and decisions) calls
    /// this in its own transaction, through `changingHistory`. An action's clock depends on the
    /// action alone and is rewritten with it (`changingAction`), so a case with hundreds of
    /// actions costs no more to change than one with ten.
    func refreshClocks(ofCase caseId: UUID) async throws {
        let record = try await caseRecord(caseId)
        let engine = try await clockEngine(of: try await organisation(ofTeam: record.teamId))
        let rows = StoredClock.rows(of: try await histories(of: [record], actions: false)[0], engine: engine)
        // Only the rows that changed are written: most changes touch one clock of the case.
        let stored = Dictionary(
            try StoredClock.read(
                try await sql.select().column("*").from("case_clocks").where("case_id", .equal, caseId)
                    .where("kind", .notEqual, ClockKind.action.rawValue).all()
            ).map { ($0.key, $0) },
            uniquingKeysWith: { a, _ in a })
        let wanted = Set(rows.map(\.key))
        let changed = rows.filter { row in stored[row.key].map { !$0.matches(row) } ?? true }
        for old in stored.values where !wanted.contains(old.key) || changed.contains(where: { $0.key == old.key }) {
            try await deleteClock(of: caseId, old.kind, subject: old.subjectId)
        }
        try await insertClocks(changed)
    }

    /// Saves a new or changed SMART action and rewrites its clock in the same transaction.
    func changingAction<T: Sendable>(
        _ action: SmartAction, _ body: @escaping @Sendable (ConveneStore) async throws -> T
    ) async throws -> T {
        try await transaction { store in
            let result = try await body(store)
            let record = try await store.caseRecord(action.caseId)
            // An action's clock needs the policy and the working days: it is due soon from the
            // working day before it is due.
            let engine = try await store.clockEngine(of: try await store.organisation(ofTeam: record.teamId))
            let history = CaseHistory(caseRecord: record, requests: [], meetings: [], decisions: [], actions: [action])
            try await store.deleteClock(of: action.caseId, .action, subject: action.id)
            try await store.insertClocks(StoredClock.rows(of: history, engine: engine).filter { $0.kind == .action })
            return result
        }
    }

    /// Saves a change to a case's record and rewrites the case's clocks in the same transaction.
    func changingHistory<T: Sendable>(
        of caseId: UUID, _ body: @escaping @Sendable (ConveneStore) async throws -> T
    ) async throws -> T {
        try await transaction { store in
            let result = try await body(store)
            try await store.refreshClocks(ofCase: caseId)
            return result
        }
    }

    /// Rewrites the stored clocks of every case (of one organisation, or all), in one transaction:
    /// after a change to an organisation's policy, when the table is first created, and by
    /// `convene clocks rebuild`.
    public func rebuildClocks(organisationId: UUID? = nil) async throws {
        try await rewriteClocks(organisationId: organisationId, among: nil)
    }

    /// Rewrites the stored clocks of the cases with a clock (an action's too: it is due soon from
    /// the working day before it is due) running over any of these days, with two days' margin each side for
    /// time zones: after a change to the working days (bank holidays, closure days). A deadline
    /// counted over none of the changed days does not move, so the other cases are left alone:
    /// next year's bank holidays touch the few hundred cases open across them, not ten years of
    /// history (which took over a minute at 100,000 cases, with other writers held off).
    func rebuildClocks(spanning days: [ClosedRange<LocalDate>], organisationId: UUID? = nil) async throws {
        guard !days.isEmpty else { return }
        let spans = days.map { range -> SQLQueryString in
            let from = LocalTimeZone.london.instant(on: range.lowerBound.adding(days: -2))
            let through = LocalTimeZone.london.instant(on: range.upperBound.adding(days: 3))
            return "(started_at < \(bind: through) AND due_at >= \(bind: from))"
        }
        let organisation: SQLQueryString =
            organisationId.map { " AND team_id IN (SELECT id FROM teams WHERE organisation_id = \(bind: $0))" } ?? ""
        let query: SQLQueryString = """
            SELECT DISTINCT case_id AS id FROM case_clocks WHERE (\(spans.joined(separator: " OR ")))\(organisation)
            """
        let caseIds = try await ids(query)
        guard !caseIds.isEmpty else { return }
        try await rewriteClocks(organisationId: organisationId, among: caseIds)
    }

    /// Deletes and writes again, in one transaction, the stored clocks of every case (of one
    /// organisation, or all), or only of the cases named.
    private func rewriteClocks(organisationId: UUID?, among caseIds: Set<UUID>?) async throws {
        try await transaction { store in
            try await store.forEachCaseBatch(organisationId: organisationId, among: caseIds) { engine, batch, histories in
                try await store.sql.delete(from: "case_clocks").where("case_id", .in, batch.map(\.id)).run()
                try await store.insertClocks(histories.flatMap { StoredClock.rows(of: $0, engine: engine) })
            }
        }
    }

    /// Removes one stored clock.
    private func deleteClock(of caseId: UUID, _ kind: ClockKind, subject: UUID) async throws {
        try await sql.delete(from: "case_clocks").where("case_id", .equal, caseId).where("kind", .equal, kind.rawValue)
            .where("subject_id", .equal, subject).run()
    }

    /// Every case (of one organisation, or all; or only those of `caseIds`) in batches of 500, each
    /// with its histories and its organisation's clock engine: what rebuilding and checking the
    /// stored clocks both walk.
    private func forEachCaseBatch(
        organisationId: UUID? = nil, among caseIds: Set<UUID>? = nil,
        _ body: (ClockEngine, [Case], [CaseHistory]) async throws -> Void
    ) async throws {
        var chosen: [UUID: [Case]]?
        if let caseIds { chosen = Dictionary(grouping: try await cases(ids: caseIds), by: \.teamId) }
        for organisation in try await organisations() where organisationId == nil || organisation.id == organisationId {
            let engine = try await clockEngine(of: organisation)
            for team in try await teams() where team.organisationId == organisation.id {
                let cases = if let chosen { chosen[team.id] ?? [] } else { try await cases(teamId: team.id) }
                for start in stride(from: 0, to: cases.count, by: 500) {
                    let batch = Array(cases[start..<min(start + 500, cases.count)])
                    try await body(engine, batch, try await histories(of: batch))
                }
            }
        }
    }

    /// Writes clock rows, many to a statement.
    func insertClocks(_ rows: [StoredClock]) async throws {
        for start in stride(from: 0, to: rows.count, by: 500) {
            try await sql.insert(into: "case_clocks").models(Array(rows[start..<min(start + 500, rows.count)]), with: rowEncoder)
                .run()
        }
    }
}

/// What `verifyClocks` found.
public struct ClockCheck: Sendable {
    public var casesChecked = 0
    public var clocksChecked = 0
    /// One line per case whose stored clocks differ from those its record gives now.
    public var problems: [String] = []
    public var isConsistent: Bool { problems.isEmpty }
}

extension ConveneStore {
    /// Checks every stored clock against the clocks computed now from each case's record by the
    /// engine: the read model must never differ from the record it comes from.
    public func verifyClocks() async throws -> ClockCheck {
        var check = ClockCheck()
        let at = now()
        try await forEachCaseBatch { engine, batch, histories in
            let stored = Dictionary(
                grouping: try StoredClock.read(
                    try await sql.select().column("*").from("case_clocks").where("case_id", .in, batch.map(\.id)).all()
                ).map { $0.clock(at: at) }, by: \.caseId)
            for history in histories {
                let expected = engine.clocks(for: history, at: at)
                let actual = stored[history.caseRecord.id] ?? []
                check.casesChecked += 1
                check.clocksChecked += actual.count
                if let difference = Self.difference(expected: expected, actual: actual) {
                    check.problems.append("case \(history.caseRecord.reference): \(difference)")
                }
            }
        }
        return check
    }

    /// How two lists of one case's clocks differ (times to the millisecond), or nil.
    static func difference(expected: [Clock], actual: [Clock]) -> String? {
        let want = Dictionary(expected.map { (clockKey($0.kind, $0.subjectId), $0) }, uniquingKeysWith: { a, _ in a })
        let have = Dictionary(actual.map { (clockKey($0.kind, $0.subjectId), $0) }, uniquingKeysWith: { a, _ in a })
        if let missing = want.keys.sorted().first(where: { have[$0] == nil }) { return "no stored \(missing) clock" }
        if let extra = have.keys.sorted().first(where: { want[$0] == nil }) {
            return "a stored \(extra) clock the record does not give"
        }
        for (name, a) in want.sorted(by: { $0.key < $1.key }) {
            let b = have[name]!
            if ms(a.dueAt) != ms(b.dueAt) { return "\(name) is due \(b.dueAt) in the store, \(a.dueAt) by the record" }
            if ms(a.startedAt) != ms(b.startedAt) || ms(a.completedAt) != ms(b.completedAt) || a.state != b.state
                || a.ownerId != b.ownerId || a.label != b.label || a.warning != b.warning || a.caseReference != b.caseReference
            {
                return "\(name) differs: stored \(b.state.rawValue), owner \(b.ownerId?.uuidString ?? "none"); "
                    + "by the record \(a.state.rawValue), owner \(a.ownerId?.uuidString ?? "none")"
            }
        }
        return nil
    }
}
