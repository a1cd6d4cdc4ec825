import ConveneCore
import ConveneTestSupport
import Foundation
import SQLKit
import Testing

@testable import ConveneStore

/// Records are read with SQLKit's `SQLRowDecoder` and written with its `SQLQueryEncoder`, each
/// coding key as its snake_case column (`ColumnNames`, which remembers SQLKit's names). Every
/// stored record must read back, on both databases, exactly as SQLKit's own snake-case strategy
/// reads it, and every field it writes must be a column of its table: a property whose name does
/// not convert to its column fails here, not in a page.
struct StoredRecordsTests {
    @Test(arguments: TestBackend.available) func everyStoredRecordReadsBackAndWritesOnlyItsTablesColumns(
        backend: TestBackend
    ) async throws {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let someCase = try #require(try await f.store.cases().first)
            let outsider = try #require(
                try await f.store.professionals(role: .teamManager).first { $0.teamId != someCase.teamId })
            _ = try await f.store.breakGlass(
                caseReference: someCase.reference, professionalId: outsider.id, reason: "Checking that a record reads back")
            let sql = f.store.sql

            /// Reads every row of the table; how many read. Each record written again names only
            /// the table's columns.
            func readBack<T: Codable & Sendable>(_ type: T.Type, _ table: String) async throws -> Int {
                let rows = try await sql.raw("SELECT * FROM \(ident: table)").all()
                let columns = Set(try #require(rows.first).allColumns)
                let records = try rows.map { try $0.decode(model: T.self, with: rowDecoder) }
                // Read as SQLKit's own snake-case strategy reads them, the same.
                let stock = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)
                let json = JSONEncoder()
                json.outputFormatting = .sortedKeys
                for (row, record) in zip(rows, records) {
                    let expected = try json.encode(try row.decode(model: T.self, with: stock))
                    #expect(try json.encode(record) == expected, "\(table)")
                }
                for record in records.prefix(3) {
                    let written = Set(try rowEncoder.encode(record).map(\.0))
                    #expect(written.isSubset(of: columns), "\(table): \(written.subtracting(columns).sorted())")
                }
                return records.count
            }
            // Enums, optional enums, local dates, optional dates, booleans, UUIDs, and JSON
            // lists are all among these.
            #expect(try await readBack(Case.self, "cases") > 0)
            #expect(try await readBack(CasePerson.self, "case_people") > 0)
            #expect(try await readBack(StrategyRequest.self, "strategy_requests") > 0)
            #expect(try await readBack(Meeting.self, "meetings") > 0)
            #expect(try await readBack(Invitation.self, "invitations") > 0)
            #expect(try await readBack(Decision.self, "decisions") > 0)
            #expect(try await readBack(SmartAction.self, "smart_actions") > 0)
            #expect(try await readBack(Professional.self, "professionals") > 0)
            #expect(try await readBack(Agency.self, "agencies") > 0)
            #expect(try await readBack(Team.self, "teams") > 0)
            #expect(try await readBack(Dissent.self, "dissents") > 0)
            #expect(try await readBack(BreakGlassGrant.self, "break_glass_grants") > 0)
            #expect(try await readBack(StoredClock.self, "case_clocks") > 100)

            // A record selected under a prefix, as the sign-in lookup reads accounts.
            let columns = try #require(try await sql.raw("SELECT * FROM professionals LIMIT 1").first()).allColumns
            let renamed = columns.map { "\($0) AS p_\($0)" }.joined(separator: ", ")
            let prefixed = try #require(
                try await sql.raw("SELECT id, \(unsafeRaw: renamed) FROM professionals LIMIT 1").first())
            let professional = try prefixed.decode(
                model: Professional.self, with: SQLRowDecoder(prefix: "p_", keyDecodingStrategy: .convertFromSnakeCase))
            #expect(try await f.store.professional(professional.id) == professional)
            #expect(try prefixed.decode(model: Professional.self, with: rowDecoder(prefix: "p_")) == professional)

            // A clock of a kind Convene does not know is an error, not a clock.
            let first = try #require(try await f.store.clocks(ClockFilter()).first)
            try await sql.update("case_clocks").set("kind", to: "someOtherKind")
                .where("case_id", .equal, first.caseId).where("subject_id", .equal, first.subjectId).run()
            await #expect(throws: DecodingError.self) {
                try StoredClock.read(try await sql.raw("SELECT * FROM case_clocks").all())
            }
        }
    }
}
