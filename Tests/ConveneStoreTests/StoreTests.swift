import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Store")
struct StoreTests {
    @Test func fingerprintsAreTheStandardSHA256InLowerCaseHex() {
        // Stored session and token fingerprints and the audit chain's links depend on these exact
        // digits (FIPS 180-2 test vectors).
        #expect(Fingerprint.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Fingerprint.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(arguments: TestBackend.available.filter { $0 == .postgres })
    func postgresConnectionsBoundTheirWaitsAndCompileNoQueries(backend: TestBackend) async throws {
        try await StoreFixture.with(now: london("2026-11-23", "09:00"), backend: backend) { f in
            let sql = f.runtime.database as! any SQLDatabase
            var settings: [String: String] = [:]
            for name in ["jit", "lock_timeout", "statement_timeout"] {
                settings[name] = try await sql.raw("SHOW \(unsafeRaw: name)").first()?.decode(column: name, as: String.self)
            }
            // JIT compiling took 160 ms for a 5 ms dashboard query at 100,000 cases.
            #expect(settings["jit"] == "off")
            #expect(settings["lock_timeout"] != nil && settings["lock_timeout"] != "0")
            #expect(settings["statement_timeout"] != nil && settings["statement_timeout"] != "0")
        }
    }

    @Test(arguments: TestBackend.available) func recordsRoundTripWithDatesEnumsAndOptionals(backend: TestBackend) async throws {
        try await StoreFixture.with(now: london("2026-11-23", "10:00"), backend: backend) { f in
            let org = try await f.store.createOrganisation(name: "Test Trust", policy: .sameDayThreeWorkingDays)
            #expect(try await f.store.organisation(org.id).policy == .sameDayThreeWorkingDays)
            let team = try await f.store.createTeam(in: org.id, TeamInput(name: "Team A", locality: "North"))
            let csc = try await f.store.createAgency(AgencyInput(name: "CSC", kind: .childrensSocialCare))
            let worker = try await f.store.createProfessional(
                ProfessionalInput(
                    name: "Sam Worker", role: .socialWorker, jobTitle: "Social Worker", agencyId: csc.id, teamId: team.id,
                    email: "sam@csc.example"))
            #expect(try await f.store.professional(worker.id) == worker)
            #expect(try await f.store.professionals(role: .socialWorker).map(\.id) == [worker.id])
            #expect(try await f.store.professionals(role: .teamManager).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available) func demoDataObeysTheRulesAndHasEveryKindOfClock(backend: TestBackend) async throws {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: backend) { f in
            let summary = try await DemoData(database: f.runtime.database, now: now).load()
            #expect(summary.cases == 30)
            let clocks = try await f.store.clocks(ClockFilter(includeStopped: true))
            let kinds = Set(clocks.map(\.kind))
            for kind in [
                ClockKind.meeting, .minutesCirculation, .correctionsWindow, .s47Enquiry, .icpc, .assessment, .action,
                .parentsNotInformedReview, .followUpDiscussion,
            ] {
                #expect(kinds.contains(kind), "demo has no \(kind) clock")
            }
            let states = Set(clocks.map(\.state))
            #expect(states.isSuperset(of: [.open, .dueSoon, .overdue, .met]))
            let overdue = try await f.store.clocks(ClockFilter(overdueOnly: true))
            #expect(!overdue.isEmpty && overdue.allSatisfy { $0.state == .overdue })
            // Every request stage is present.
            for status in RequestStatus.allCases { #expect(try await !f.store.requests(status: status).isEmpty) }
            // No chair or minute taker is in two discussions at once, as booking refuses it.
            let live = try await f.store.meetings(from: .distantPast, to: .distantFuture).filter { $0.status != .cancelled }
            for (i, a) in live.enumerated() {
                for b in live[(i + 1)...] where a.scheduledStart < b.scheduledEnd && b.scheduledStart < a.scheduledEnd {
                    let clash = !Set([a.chairId, a.minuteTakerId]).isDisjoint(with: [b.chairId, b.minuteTakerId])
                    #expect(
                        !clash,
                        "\(a.scheduledStart) \(a.status) \(a.isImmediate) \(a.chairId) \(a.minuteTakerId) / \(b.scheduledStart) \(b.status) \(b.isImmediate) \(b.chairId) \(b.minuteTakerId)"
                    )
                }
            }
            // A second load is refused rather than duplicating data.
            await #expect(throws: DomainError.self) { try await DemoData(database: f.runtime.database, now: now).load() }
        }
    }

    @Test(arguments: TestBackend.available) func importedHolidaysReplaceTheBundledListAndMoveDeadlines(backend: TestBackend)
        async throws
    {
        try await StoreFixture.with(now: london("2026-11-23", "10:00"), backend: backend) { f in
            #expect(try await f.store.bankHolidays() == .bundledEnglandAndWales)
            // Given an imported list that adds a (fictional) holiday on Monday 11 January 2027
            let list = BankHolidayList(
                division: "england-and-wales",
                holidays: BankHolidayList.bundledEnglandAndWales.holidays + [
                    .init(date: LocalDate("2027-01-11")!, title: "Extra")
                ])
            try await f.store.importBankHolidays(list)
            // When working days are counted for an organisation
            let org = try await f.store.createOrganisation(name: "T", policy: .twoHourTwentyFourHour)
            let calendar = try await f.store.calendar(of: org.id)
            // Then the new holiday is skipped
            #expect(calendar.addingWorkingDays(15, to: LocalDate("2026-12-18")!).date == LocalDate("2027-01-14"))
            // And a closure day is skipped too
            _ = try await f.store.addClosureDay(to: org.id, date: LocalDate("2026-12-24"), reason: "Office closed")
            #expect(
                try await f.store.calendar(of: org.id).addingWorkingDays(15, to: LocalDate("2026-12-18")!).date
                    == LocalDate("2027-01-15"))
            await #expect(throws: DomainError.conflict("2026-12-24 is already a closure day")) {
                try await f.store.addClosureDay(to: org.id, date: LocalDate("2026-12-24"), reason: "again")
            }
        }
    }

    @Test(arguments: TestBackend.available) func staleVersionIsRefusedNotOverwritten(backend: TestBackend) async throws {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let draftMeeting = try await f.store.meetings(
                from: now.addingTimeInterval(-40 * 86_400), to: now.addingTimeInterval(10 * 86_400)
            )
            .first { $0.minutesStatus == .draft && $0.status != .cancelled }!
            // Given two people read version v
            let version = draftMeeting.version
            // When the first saves the safety plan
            _ = try await f.store.updateRecord(draftMeeting.id, RecordUpdate(expectedVersion: version, safetyPlan: "Plan A"))
            // Then the second, still at v, gets a stale-version error and Plan A is kept
            await #expect(throws: DomainError.staleVersion(entity: "meeting record", expected: version, actual: version + 1)) {
                try await f.store.updateRecord(draftMeeting.id, RecordUpdate(expectedVersion: version, safetyPlan: "Plan B"))
            }
            #expect(try await f.store.meetingRecord(draftMeeting.id).meeting.safetyPlan == "Plan A")
        }
    }

    @Test(arguments: TestBackend.available) func sectionsHaveTheirOwnVersionsSoOnlySameSectionEditsConflict(
        backend: TestBackend
    ) async throws {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let meeting = try await f.store.meetings(
                from: now.addingTimeInterval(-40 * 86_400), to: now.addingTimeInterval(10 * 86_400)
            )
            .first { $0.minutesStatus == .draft && $0.status != .cancelled }!
            // Given two people open the record at the same section versions
            let opened = try await f.store.sectionVersions(meeting.id)
            let risk = opened["risk"]!
            let plan = opened["plan"]!
            // When one saves the risk analysis and the other the safety plan, both are kept
            _ = try await f.store.updateRecord(
                meeting.id, RecordUpdate(sectionVersions: ["risk": opened["risk"]!], riskFactors: "Risk by A"))
            _ = try await f.store.updateRecord(
                meeting.id, RecordUpdate(sectionVersions: ["plan": opened["plan"]!], safetyPlan: "Plan by B"))
            // And when the second then saves the risk analysis from the version they opened, it is refused
            await #expect(throws: DomainError.staleVersion(entity: "Risk analysis section", expected: risk, actual: risk + 1)) {
                try await f.store.updateRecord(
                    meeting.id, RecordUpdate(sectionVersions: ["risk": opened["risk"]!], riskFactors: "Risk by B"))
            }
            let saved = try await f.store.meetingRecord(meeting.id).meeting
            #expect(saved.riskFactors == "Risk by A" && saved.safetyPlan == "Plan by B")
            let after = try await f.store.sectionVersions(meeting.id)
            #expect(after["risk"] == risk + 1 && after["plan"] == plan + 1 && after["opening"] == opened["opening"])
            await #expect(throws: DomainError.self) {
                try await f.store.updateRecord(meeting.id, RecordUpdate(sectionVersions: ["astrology": 0], safetyPlan: "x"))
            }
            if backend == .postgres {
                // Truly at once, on separate connections: different sections both land.
                let store = f.store
                async let a = store.updateRecord(meeting.id, RecordUpdate(voiceOfChild: "Voice at once"))
                async let b = store.updateRecord(meeting.id, RecordUpdate(cscInformation: "CSC at once"))
                _ = try await (a, b)
                let both = try await f.store.meetingRecord(meeting.id).meeting
                #expect(both.voiceOfChild == "Voice at once" && both.cscInformation == "CSC at once")
            }
        }
    }

    @Test(arguments: TestBackend.available) func finalisedMinutesFreezeTheRecord(backend: TestBackend) async throws {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let finalised = try await f.store.meetings(from: now.addingTimeInterval(-40 * 86_400), to: now)
                .first { $0.minutesStatus != .draft }!
            await #expect(throws: DomainError.self) {
                try await f.store.updateRecord(finalised.id, RecordUpdate(safetyPlan: "changed after finalising"))
            }
            #expect(try await f.store.meetingRecord(finalised.id).meeting.safetyPlan != "changed after finalising")
        }
    }

    /// The dashboard checks the quorum of many meetings from one query of their invitees
    /// (`quorumFailures`); it must name the meetings, and what each is missing, that each
    /// meeting's own record names, for every team and for all teams.
    @Test(arguments: TestBackend.available) func theQuorumListAgreesWithEachMeetingsOwnCheck(backend: TestBackend)
        async throws
    {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let (from, to) = (now.addingTimeInterval(-400 * 86_400), now.addingTimeInterval(400 * 86_400))
            let meetings = try await f.store.meetings(from: from, to: to).filter { $0.status != .cancelled }
            // At one meeting still open, attendance is taken and the police officer is absent, so
            // that both kinds of check (invited, and present) are made.
            let record = try await f.store.meetingRecord(try #require(meetings.first { $0.minutesStatus == .draft }).id)
            for invitation in record.invitations {
                let absent = record.professionals.first { $0.id == invitation.professionalId }.map { person in
                    record.agencies.first { $0.id == person.agencyId }?.kind == .police
                }
                _ = try await f.store.recordAttendance(
                    record.meeting.id, professionalId: invitation.professionalId,
                    AttendanceInput(attendance: absent == true ? .absent : .present))
            }
            var expected: [UUID: [String]] = [:]
            var quorate = 0
            for meeting in meetings {
                let quorum = try await f.store.meetingRecord(meeting.id).quorum
                if quorum.isQuorate { quorate += 1 } else { expected[meeting.id] = quorum.missing }
            }
            #expect(expected[record.meeting.id] == ["police"])
            #expect(quorate > 0 && expected.count < meetings.count)

            let all = try await f.store.quorumFailures(teamId: nil, from: from, to: to)
            #expect(Dictionary(uniqueKeysWithValues: all.map { ($0.meetingId, $0.quorum.missing) }) == expected)
            var byTeam: [UUID: [String]] = [:]
            for team in try await f.store.teams() {
                for failure in try await f.store.quorumFailures(teamId: team.id, from: from, to: to) {
                    #expect(try await f.store.caseRecord(failure.caseId).teamId == team.id)
                    byTeam[failure.meetingId] = failure.quorum.missing
                }
            }
            #expect(byTeam == expected)

            // A role the store does not know is an error, not an invitee who counts for nobody.
            let sql = f.runtime.database as! any SQLDatabase
            let invitee = try #require(record.invitations.first).professionalId
            try await sql.raw("UPDATE professionals SET role = 'someOtherRole' WHERE id = \(bind: invitee)").run()
            await #expect(throws: (any Error).self) { try await f.store.quorumFailures(teamId: nil, from: from, to: to) }
        }
    }
}
