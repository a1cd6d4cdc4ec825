import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import SQLKit
import Testing

/// The stored clocks (`case_clocks`) must always equal the clocks each case's record gives now.
@Suite("Clock read model")
struct ClockReadModelTests {
    let now = london("2026-11-23", "19:00")

    @Test(arguments: TestBackend.available) func storedClocksMatchTheRecordAfterChangesAndAsTimePasses(backend: TestBackend)
        async throws
    {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let first = try await f.store.verifyClocks()
            #expect(first.isConsistent, "\(first.problems)")
            #expect(first.casesChecked == 30 && first.clocksChecked > 100)

            // Changes through the use cases rewrite the case's clocks in the same transaction.
            let action = try #require(try await f.store.actions(status: .open).first)
            let before = try await f.store.clocks(ClockFilter(caseId: action.caseId, includeStopped: true))
            #expect(before.first { $0.subjectId == action.id }?.state.isRunning == true)
            _ = try await f.store.updateAction(
                action.id, ActionUpdate(status: .completed, completionEvidence: "Seen alone."), expectedVersion: action.version,
                by: try await f.store.professional(action.ownerId), mayRearrange: false)
            let after = try await f.store.clocks(ClockFilter(caseId: action.caseId, includeStopped: true))
            let stopped = try #require(after.first { $0.subjectId == action.id })
            #expect(stopped.state == (action.dueAt >= now ? .met : .metLate))
            let running = try await f.store.clocks(ClockFilter(caseId: action.caseId))
            #expect(!running.contains { $0.subjectId == action.id })

            let s47 = try #require(
                try await f.store.clocks(ClockFilter()).first { $0.kind == .s47Enquiry && $0.state.isRunning })
            _ = try await f.store.recordMilestones(
                of: s47.caseId, MilestonesInput(s47CompletedOn: LocalTimeZone.london.localDate(of: now)), expectedVersion: nil)
            #expect(try await f.store.clocks(ClockFilter()).contains { $0.subjectId == s47.subjectId } == false)
            #expect(try await f.store.verifyClocks().isConsistent)

            // Time passing changes states with no write: an open clock becomes overdue.
            let open = try #require(try await f.store.clocks(ClockFilter()).first { $0.state == .open })
            f.time = open.dueAt.addingTimeInterval(60)
            let later = try await f.store.clocks(ClockFilter(overdueOnly: true))
            #expect(later.contains { $0.subjectId == open.subjectId && $0.kind == open.kind })
            let check = try await f.store.verifyClocks()
            #expect(check.isConsistent, "\(check.problems)")
        }
    }

    @Test(arguments: TestBackend.available) func holidaysClosureDaysAndPolicyMoveStoredDueDates(backend: TestBackend)
        async throws
    {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let zone = LocalTimeZone.london
            let s47 = try #require(try await f.store.clocks(ClockFilter()).first { $0.kind == .s47Enquiry })
            // A working day inside the enquiry's fifteen becomes a (fictional) bank holiday.
            let calendar = WorkingDayCalendar(bankHolidays: try await f.store.bankHolidays())
            let day = try #require(
                (1..<10).map { zone.localDate(of: s47.startedAt).adding(days: $0) }.first { calendar.isWorkingDay($0) })
            try await f.store.importBankHolidays(
                BankHolidayList(
                    division: "england-and-wales",
                    holidays: BankHolidayList.bundledEnglandAndWales.holidays + [.init(date: day, title: "Extra")]))
            let moved = try #require(try await f.store.clocks(ClockFilter()).first { $0.subjectId == s47.subjectId })
            #expect(zone.localDate(of: moved.dueAt) > zone.localDate(of: s47.dueAt))
            #expect(try await f.store.verifyClocks().isConsistent)

            // A closure day of the case's organisation moves it again.
            let caseRecord = try await f.store.caseRecord(s47.caseId)
            let organisation = try await f.store.organisation(ofTeam: caseRecord.teamId)
            let next = try #require(
                (1..<10).map { day.adding(days: $0) }.first {
                    $0 < zone.localDate(of: moved.dueAt)
                        && WorkingDayCalendar(bankHolidays: .bundledEnglandAndWales).isWorkingDay($0)
                })
            _ = try await f.store.addClosureDay(to: organisation.id, date: next, reason: "Office move")
            let closed = try #require(try await f.store.clocks(ClockFilter()).first { $0.subjectId == s47.subjectId })
            #expect(zone.localDate(of: closed.dueAt) > zone.localDate(of: moved.dueAt))

            // A shorter S47 timescale in the policy brings it forward.
            var policy = organisation.policy
            policy.s47Enquiry = .workingDays(10)
            _ = try await f.store.updatePolicy(of: organisation.id, to: policy, expectedVersion: organisation.version)
            // The policy was read (and decoded) before the change; the next read has the new one.
            #expect(try await f.store.organisation(ofTeam: caseRecord.teamId).policy == policy)
            #expect(organisation.policy != policy)
            let shorter = try #require(try await f.store.clocks(ClockFilter()).first { $0.subjectId == s47.subjectId })
            #expect(shorter.dueAt < closed.dueAt)
            let check = try await f.store.verifyClocks()
            #expect(check.isConsistent, "\(check.problems)")
        }
    }

    /// The cases with a stored clock still carrying the hand-made "marked" label.
    static func casesMarked(_ store: ConveneStore) async throws -> Set<UUID> {
        Set(try await store.clocks(ClockFilter(includeStopped: true)).filter { $0.label == "marked" }.map(\.caseId))
    }

    @Test(arguments: TestBackend.available) func aNewWorkingDayRewritesOnlyTheCasesCountingOverIt(backend: TestBackend)
        async throws
    {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let zone = LocalTimeZone.london
            let sql = f.runtime.database as! any SQLDatabase
            // Mark one clock of every case by hand, so a case that is rewritten shows it (the mark is
            // gone) and a case left alone keeps it.
            let all = try await f.store.clocks(ClockFilter(includeStopped: true)).filter { $0.kind != .action }
            var firstClockOfCase: [UUID: Clock] = [:]
            for clock in all where firstClockOfCase[clock.caseId] == nil { firstClockOfCase[clock.caseId] = clock }
            let everyCase = Set(firstClockOfCase.keys)
            for clock in firstClockOfCase.values {
                try await sql.update("case_clocks").set("label", to: "marked").where("case_id", .equal, clock.caseId)
                    .where("subject_id", .equal, clock.subjectId).where("kind", .equal, clock.kind.rawValue).run()
            }
            // The same list again changes no working day: nothing is rewritten.
            try await f.store.importBankHolidays(BankHolidayList.bundledEnglandAndWales)
            let afterSameList = try await Self.casesMarked(f.store)
            #expect(afterSameList == everyCase)

            // An extra holiday rewrites exactly the cases with a clock counting over it.
            let running = try #require(all.first { $0.kind == .s47Enquiry && $0.state.isRunning })
            let calendar = WorkingDayCalendar(bankHolidays: .bundledEnglandAndWales)
            let day = try #require(
                (1..<10).map { zone.localDate(of: running.startedAt).adding(days: $0) }.first { calendar.isWorkingDay($0) })
            let spanning = Set(
                all.filter {
                    zone.localDate(of: $0.startedAt).adding(days: -2) <= day
                        && day <= zone.localDate(of: $0.dueAt).adding(days: 2)
                }.map(\.caseId))
            try await f.store.importBankHolidays(
                BankHolidayList(
                    division: "england-and-wales",
                    holidays: BankHolidayList.bundledEnglandAndWales.holidays + [.init(date: day, title: "Extra")]))
            let untouched = try await Self.casesMarked(f.store)
            #expect(untouched.isDisjoint(with: spanning))
            #expect(untouched.union(spanning) == everyCase)
            #expect(!untouched.isEmpty, "the demo has cases whose clocks all ended long before")
            // Mend the marks left on purpose, then every stored clock matches its record.
            try await f.store.rebuildClocks()
            let check = try await f.store.verifyClocks()
            #expect(check.isConsistent, "\(check.problems)")
        }
    }

    @Test(arguments: TestBackend.available) func theLargeDataSetWritesTheClocksItsRecordsGive(backend: TestBackend)
        async throws
    {
        // The bulk generator works clocks out itself instead of through the use cases; they must agree.
        try await StoreFixture.with(now: now, backend: backend) { f in
            let summary = try await LargeDemo(database: f.runtime.database, now: now, fraction: 0.002).load()
            // Ten actions a discussion, and one more on each of the busy team's 80 latest (8,000 × 0.2%).
            #expect(summary.meetings == 200 && summary.actions == 2_080)
            let check = try await f.store.verifyClocks()
            #expect(check.isConsistent, "\(check.problems.prefix(3))")
            #expect(check.casesChecked == 200 && check.clocksChecked > 2_000)
            // Old cases have finished; the newest still have running clocks.
            let running = try await f.store.clocks(ClockFilter())
            #expect(!running.isEmpty && running.count < check.clocksChecked / 2)
        }
    }

    /// A clock's identity across lists.
    static func key(_ clock: Clock) -> String { "\(clock.caseId) \(clock.kind.rawValue) \(clock.subjectId)" }

    @Test(arguments: TestBackend.available) func pagesAndCountsHoldExactlyTheClocksTheWholeListDoes(backend: TestBackend)
        async throws
    {
        // The filters run in the database (a page cannot be filtered afterwards); what they keep
        // must be what the states worked out at this moment say.
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await LargeDemo(database: f.runtime.database, now: now, fraction: 0.002).load()
            // An hour before a running clock falls due, it is due soon, and older ones are overdue.
            let opens = try await f.store.clocks(ClockFilter()).filter { $0.state == .open }
            let open = try #require(opens.isEmpty ? nil : opens[opens.count / 2])
            f.time = open.dueAt.addingTimeInterval(-3_600)
            let at = f.time
            let everything = try await f.store.clocks(ClockFilter(includeStopped: true))
            let overdueCase = try #require(everything.first { $0.state == .overdue }).caseId
            let teamId = try await f.store.caseRecord(overdueCase).teamId
            let twoDays: TimeInterval = 2 * 86_400
            let cases: [(ClockFilter, (Clock) -> Bool)] = [
                (ClockFilter(), { $0.state.isRunning }),
                (ClockFilter(includeStopped: true), { _ in true }),
                (ClockFilter(overdueOnly: true), { $0.state == .overdue }),
                (ClockFilter(dueWithin: twoDays), { $0.state.isRunning && $0.dueAt.timeIntervalSince(at) <= twoDays }),
            ]
            for (filter, keeps) in cases {
                let expected = everything.filter(keeps)
                let whole = try await f.store.clocks(filter)
                #expect(Set(whole.map(Self.key)) == Set(expected.map(Self.key)))
                let paged = try await readInPages(of: 37, count: whole.count) {
                    var page = filter
                    page.limit = 37
                    page.offset = $0
                    return try await f.store.clocks(page)
                }
                #expect(paged.map(Self.key) == whole.map(Self.key), "pages in due order, none repeated or skipped")
                let tally = try await f.store.clockTally(filter)
                #expect(tally.total == whole.count)
                #expect(tally.overdue == whole.filter { $0.state == .overdue }.count)
                #expect(tally.dueSoon == whole.filter { $0.state == .dueSoon }.count)
            }
            let running = try await f.store.clockTally(ClockFilter())
            #expect(running.overdue > 0 && running.dueSoon > 0 && running.total > running.overdue + running.dueSoon, "\(running)")
            var ofTeam = ClockFilter(teamId: teamId)
            let teamClocks = try await f.store.clocks(ofTeam)
            #expect(try await f.store.clockTally(ofTeam).total == teamClocks.count && teamClocks.count > 5)
            ofTeam.limit = 5
            #expect(try await f.store.clocks(ofTeam).count == 5)
        }
    }

    @Test(arguments: TestBackend.available) func verifyNamesACaseWhoseStoredClockWasChangedAndRebuildMendsIt(
        backend: TestBackend
    ) async throws {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let clock = try #require(try await f.store.clocks(ClockFilter()).first { $0.kind == .meeting })
            let sql = f.runtime.database as! any SQLDatabase
            try await sql.update("case_clocks").set("due_at", to: clock.dueAt.addingTimeInterval(86_400))
                .where("subject_id", .equal, clock.subjectId).run()
            let check = try await f.store.verifyClocks()
            #expect(check.problems.count == 1)
            #expect(check.problems.first?.hasPrefix("case \(clock.caseReference): meeting \(clock.subjectId) is due") == true)
            try await f.store.rebuildClocks()
            #expect(try await f.store.verifyClocks().isConsistent)
        }
    }

    /// The database counts a clock's state by the SQL twin of `ClockState.at` (`ClockTally`): at
    /// each boundary (just before and at due soon, just before, at and just after due) it must
    /// count what the Swift rule says.
    @Test(arguments: TestBackend.available) func theDatabaseCountsStatesAsClockStateAtSaysAtEveryBoundary(
        backend: TestBackend
    ) async throws {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let row = try #require(
                try await (f.runtime.database as! any SQLDatabase).raw(
                    "SELECT case_id, due_at, due_soon_from FROM case_clocks WHERE completed_at IS NULL AND due_soon_from < due_at AND running_until > due_at ORDER BY due_at LIMIT 1"
                ).first())
            let caseId = try row.decode(column: "case_id", as: UUID.self)
            let due = try row.decode(column: "due_at", as: Date.self)
            let dueSoon = try row.decode(column: "due_soon_from", as: Date.self)
            var seen = Set<ClockState>()
            for moment in [dueSoon - 0.001, dueSoon, due - 0.001, due, due + 0.001] {
                let store = ConveneStore(database: f.runtime.database, now: { moment })
                let filter = ClockFilter(caseId: caseId)
                let clocks = try await store.clocks(filter)
                let tally = try await store.clockTally(filter)
                #expect(tally.total == clocks.count)
                #expect(tally.overdue == clocks.filter { $0.state == .overdue }.count, "at \(moment)")
                #expect(tally.dueSoon == clocks.filter { $0.state == .dueSoon }.count, "at \(moment)")
                seen.formUnion(clocks.filter { $0.dueAt == due }.map(\.state))
            }
            #expect(seen.isSuperset(of: [.open, .dueSoon, .overdue]), "\(seen)")
        }
    }
}
