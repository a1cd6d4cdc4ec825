import ConveneCore
import ConveneTestSupport
import Foundation
import SQLKit
import Testing

@testable import ConveneStore

/// Records are read by Convene's own `RecordDecoder`; it must read every stored record exactly
/// as SQLKit's `SQLRowDecoder` (the decoder it replaced) does, on both databases.
struct RecordDecoderTests {
    @Test(arguments: TestBackend.available) func everyStoredRecordReadsAsSQLKitReadsIt(backend: TestBackend) async throws {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let someCase = try #require(try await f.store.cases().first)
            let outsider = try #require(
                try await f.store.professionals(role: .teamManager).first { $0.teamId != someCase.teamId })
            _ = try await f.store.breakGlass(
                caseReference: someCase.reference, professionalId: outsider.id, reason: "Checking that a record reads back")
            let sql = f.store.sql
            let sqlKit = SQLRowDecoder(keyDecodingStrategy: .custom { ColumnNames.key(for: $0.last!) })
            let json = JSONEncoder()
            json.outputFormatting = .sortedKeys

            /// Reads the table both ways and says how many rows were alike.
            func alike<T: Codable>(_ type: T.Type, _ table: String) async throws -> Int {
                let rows = try await sql.raw("SELECT * FROM \(ident: table)").all()
                var same = 0
                for row in rows {
                    let ours = try RecordDecoder().decode(T.self, from: row)
                    let theirs = try sqlKit.decode(T.self, from: row)
                    let (read, expected) = (try json.encode(ours), try json.encode(theirs))
                    let match = read == expected
                    #expect(match, "\(table): \(String(decoding: read, as: UTF8.self))")
                    same += match ? 1 : 0
                }
                return same
            }
            // Enums, optional enums, local dates, optional dates, booleans, UUIDs, and JSON
            // lists are all among these.
            #expect(try await alike(Case.self, "cases") > 0)
            #expect(try await alike(CasePerson.self, "case_people") > 0)
            #expect(try await alike(StrategyRequest.self, "strategy_requests") > 0)
            #expect(try await alike(Meeting.self, "meetings") > 0)
            #expect(try await alike(Invitation.self, "invitations") > 0)
            #expect(try await alike(Decision.self, "decisions") > 0)
            #expect(try await alike(SmartAction.self, "smart_actions") > 0)
            #expect(try await alike(Professional.self, "professionals") > 0)
            #expect(try await alike(Agency.self, "agencies") > 0)
            #expect(try await alike(Team.self, "teams") > 0)
            #expect(try await alike(Dissent.self, "dissents") > 0)
            #expect(try await alike(BreakGlassGrant.self, "break_glass_grants") > 0)

            // A record selected under a prefix, as the sign-in lookup reads accounts.
            let columns = try #require(try await sql.raw("SELECT * FROM professionals LIMIT 1").first()).allColumns
            let renamed = columns.map { "\($0) AS p_\($0)" }.joined(separator: ", ")
            let prefixed = try #require(
                try await sql.raw("SELECT id, \(unsafeRaw: renamed) FROM professionals LIMIT 1").first())
            let ours = try RecordDecoder(prefix: "p_").decode(Professional.self, from: prefixed)
            let theirs = try SQLRowDecoder(prefix: "p_", keyDecodingStrategy: .custom { ColumnNames.key(for: $0.last!) })
                .decode(Professional.self, from: prefixed)
            #expect(try json.encode(ours) == json.encode(theirs))
        }
    }

    /// Stored clocks are read by column position on SQLite (`StoredClock.read`); every row must
    /// read as it does by name, and a row that cannot be read is an error, not a clock.
    @Test(arguments: TestBackend.available) func everyStoredClockReadsByPositionAsByName(backend: TestBackend)
        async throws
    {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let sql = f.store.sql
            // The demo's clocks all have owners and no warnings: one row without the one, with the other.
            let some = try #require(try await f.store.clocks(ClockFilter()).first)
            try await sql.update("case_clocks").set("owner_id", to: SQLLiteral.null)
                .set("warning", to: "Past the bank-holiday list")
                .where("case_id", .equal, some.caseId).where("subject_id", .equal, some.subjectId).run()
            // Columns in another order than the table's, as a join or a later migration might give.
            let rows = try await sql.raw("SELECT warning, owner_id, c.* FROM case_clocks c ORDER BY case_id, subject_id").all()
            let read = try StoredClock.read(rows)
            let byName = try rows.map { try StoredClock(row: $0) }
            #expect(read.count == byName.count && read.count > 100)
            for (a, b) in zip(read, byName) {
                #expect(a.matches(b) && a.teamId == b.teamId && a.kind == b.kind, "\(a.key)")
            }
            // Each optional column is read both present and absent.
            #expect(read.contains { $0.completedAt != nil } && read.contains { $0.completedAt == nil })
            #expect(read.contains { $0.ownerId != nil } && read.contains { $0.ownerId == nil })
            #expect(read.contains { $0.warning != nil } && read.contains { $0.warning == nil })

            let first = try #require(read.first)
            try await sql.update("case_clocks").set("kind", to: "someOtherKind")
                .where("case_id", .equal, first.caseId).where("subject_id", .equal, first.subjectId).run()
            await #expect(throws: DomainError.conflict("case_clocks holds an unknown clock kind")) {
                try StoredClock.read(try await sql.raw("SELECT * FROM case_clocks").all())
            }
        }
    }
}
