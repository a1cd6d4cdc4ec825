import ConveneCore
import ConveneTestSupport
import FluentSQLiteDriver
import Foundation
import SQLKit
import Synchronization
import Testing

@testable import ConveneStore

/// On SQLite, Convene's statements run through the statements each connection keeps prepared:
/// the same answers as sqlite-nio gave, a failed statement does not spoil the next, waiting for
/// another process is still bounded and ends in contention, and shutting down closes the file
/// cleanly.
@Suite("Prepared statements (SQLite)")
struct PreparedStatementsTests {
    /// A migrated SQLite file in write-ahead-log mode, its runtime and a store on it.
    static func open(_ file: URL) async throws -> (StoreRuntime, ConveneStore) {
        let runtime = try StoreRuntime(location: .sqliteFile(file.path))
        try await runtime.prepareConnections()
        let store = ConveneStore(database: runtime.database)
        try await store.useWriteAheadLog()
        try await runtime.migrate()
        return (runtime, store)
    }

    /// `body` with the path of a new file in a directory of its own, removed afterwards.
    static func withNewFile(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convene-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory.appendingPathComponent("convene.sqlite"))
    }

    /// `body` with a file of its own (see `open`), shut down and removed afterwards.
    static func withFile(_ body: (URL, StoreRuntime, ConveneStore) async throws -> Void) async throws {
        try await withNewFile { file in
            let (runtime, store) = try await open(file)
            do {
                try await body(file, runtime, store)
            } catch {
                await runtime.shutdown()
                throw error
            }
            await runtime.shutdown()
        }
    }

    /// Takes `runtime`'s write lock (`BEGIN IMMEDIATE`) and keeps it until the returned function
    /// is called; that lets it go and returns once it is committed.
    private static func holdWriteLock(_ runtime: StoreRuntime) async throws -> @Sendable () async throws -> Void {
        let release = AsyncStream<Void>.makeStream()
        let holding = AsyncStream<Void>.makeStream()
        let holder = Task {
            // Ends the wait below even if the lock is never taken.
            defer { holding.continuation.finish() }
            try await (runtime.database as! any SQLiteDatabase).withConnection { connection in
                _ = try await connection.query("BEGIN IMMEDIATE")
                holding.continuation.yield()
                for await _ in release.stream { break }
                _ = try await connection.query("COMMIT")
            }
        }
        for await _ in holding.stream { break }
        return {
            release.continuation.yield()
            try await holder.value
        }
    }

    @Test func statementsRunOnTheConnectionsOwnHandle() async throws {
        try await Self.withFile { _, runtime, store in
            let reached = try await (runtime.database as! any SQLiteDatabase).withConnection {
                PreparedStatements.rawHandle(of: $0) != nil
            }
            // If sqlite-nio ever stores its handle differently, statements still run (through
            // sqlite-nio), but this fails so that the slower path is noticed.
            #expect(reached)
            #expect(store.sql is DirectSQLiteDatabase)
        }
    }

    @Test func aFailedStatementDoesNotSpoilTheNextRunOfTheSameText() async throws {
        try await Self.withFile { _, _, store in
            try await store.sql.raw("CREATE TABLE scratch (id TEXT PRIMARY KEY, n INTEGER NOT NULL)").run()
            let first = UUID()
            let second = UUID()
            func insert(_ id: UUID, _ n: Int) async throws {
                try await store.sql.raw("INSERT INTO scratch (id, n) VALUES (\(bind: id), \(bind: n))").run()
            }
            try await insert(first, 1)
            do {
                try await insert(first, 2)
                Issue.record("a duplicate key was accepted")
            } catch let failure as SQLiteFailure {
                #expect(failure.code & 0xff == 19)  // SQLITE_CONSTRAINT
                #expect(failure.message.contains("UNIQUE"))
                #expect(!StoreContention.isContention(failure))
            }
            try await insert(second, 3)
            let rows = try await store.sql.raw("SELECT id, n FROM scratch ORDER BY n").all()
            #expect(try rows.map { try $0.decode(column: "id", as: UUID.self) } == [first, second])
            #expect(try rows.map { try $0.decode(column: "n", as: Int.self) } == [1, 3])
        }
    }

    @Test func aKeptStatementIsNotCompiledAgainWhenTheValuesBoundToItChange() async throws {
        try await Self.withFile { _, runtime, store in
            try await store.sql.raw("CREATE TABLE scratch (id TEXT PRIMARY KEY, n INTEGER NOT NULL)").run()
            for n in 1...5 { try await store.sql.raw("INSERT INTO scratch (id, n) VALUES (\(bind: UUID()), \(bind: n))").run() }
            // A bound LIMIT and a bound value compared inside an aggregate: without stable plans,
            // SQLite compiles such a statement again each time either value changes.
            let texts = [
                "SELECT n FROM scratch ORDER BY n LIMIT ?1",
                "SELECT COALESCE(SUM(CASE WHEN n = ?1 THEN 1 ELSE 0 END), 0) > 0 AS found FROM scratch",
            ]
            try await (runtime.database as! any SQLiteDatabase).withConnection { connection in
                let statements = try #require(PreparedStatements.of(connection))
                for text in texts {
                    var answers: [Int] = []
                    for value in [1, 3, 0, 4] {
                        try statements.run(text, [.integer(value)]) { row in
                            answers.append(try! row.decode(column: row.allColumns[0], as: Int.self))
                        }
                    }
                    #expect(statements.timesCompiledAgain(text) == 0, "\(text)")
                    #expect(answers == (text.contains("LIMIT") ? [1, 1, 2, 3, 1, 2, 3, 4] : [1, 1, 0, 1]), "\(text)")
                }
                return connection.eventLoop.makeSucceededVoidFuture()
            }.get()
        }
    }

    @Test func theCommonTypesAreReadAsSqliteKitReadsThem() throws {
        /// Whether a row reads `value` as a `T` just as sqlite-kit's decoder does (or fails as it does).
        func same<T: Decodable & Equatable>(_ type: T.Type, _ value: SQLiteData) -> Bool {
            let row = ResultRow(columns: ResultColumns(names: ["a"]), values: [value])
            return (try? row.decode(column: "a", as: T.self)) == (try? SQLiteValues.decoder.decode(T.self, from: value))
        }
        let checks: [(String, (SQLiteData) -> Bool)] = [
            ("String", { same(String.self, $0) }), ("UUID", { same(UUID.self, $0) }), ("Int", { same(Int.self, $0) }),
            ("Bool", { same(Bool.self, $0) }), ("Double", { same(Double.self, $0) }), ("Date", { same(Date.self, $0) }),
            // Types that read themselves from one value, and a JSON list, which only sqlite-kit reads.
            ("Choice", { same(PersonRole.self, $0) }), ("optional Choice", { same(PersonRole?.self, $0) }),
            ("enum", { same(MeetingStatus.self, $0) }), ("LocalDate", { same(LocalDate.self, $0) }),
            ("optional LocalDate", { same(LocalDate?.self, $0) }), ("optional Int", { same(Int?.self, $0) }),
            ("Int64", { same(Int64.self, $0) }), ("list", { same([String].self, $0) }),
        ]
        let values: [SQLiteData] = [
            .text("Text"), .text(UUID().uuidString), .text("not-a-uuid"), .text("2026-11-24T10:00:00Z"), .integer(0), .integer(1),
            .integer(2), .integer(-7), .float(1_795_000_000.123_456_789), .float(2.5), .null, .text("child"),
            .text("booked"), .text("2026-11-24"), .text("2026-02-30"), .text(#"["a","b"]"#),
        ]
        for value in values {
            for (type, check) in checks { #expect(check(value), "\(type) from \(value)") }
        }
    }

    private struct Refused: Error {}

    @Test func aTransactionCommitsAllOrNothingAndANestedOneJoinsIt() async throws {
        try await Self.withFile { _, _, store in
            try await store.sql.raw("CREATE TABLE scratch (n INTEGER NOT NULL)").run()
            func count() async throws -> Int? {
                try await store.sql.raw("SELECT COUNT(*) AS n FROM scratch").first()?.decode(column: "n", as: Int.self)
            }
            try await store.transaction { tx in
                try await tx.sql.raw("INSERT INTO scratch (n) VALUES (1)").run()
                try await tx.transaction { inner in try await inner.sql.raw("INSERT INTO scratch (n) VALUES (2)").run() }
            }
            #expect(try await count() == 2)
            do {
                try await store.transaction { tx in
                    try await tx.sql.raw("INSERT INTO scratch (n) VALUES (3)").run()
                    try await tx.transaction { inner in try await inner.sql.raw("INSERT INTO scratch (n) VALUES (4)").run() }
                    throw Refused()
                }
                Issue.record("the transaction did not throw")
            } catch is Refused {}
            // Both the outer write and the nested one were rolled back; the connection is usable.
            #expect(try await count() == 2)
            try await store.transaction { tx in try await tx.sql.raw("INSERT INTO scratch (n) VALUES (5)").run() }
            #expect(try await count() == 3)
        }
    }

    @Test func aSchemaChangeIsSeenByAStatementAlreadyPrepared() async throws {
        try await Self.withFile { _, _, store in
            try await store.sql.raw("CREATE TABLE scratch (a INTEGER)").run()
            try await store.sql.raw("INSERT INTO scratch (a) VALUES (1)").run()
            let before = try await store.sql.raw("SELECT * FROM scratch").first()
            #expect(before?.allColumns == ["a"])
            try await store.sql.raw("ALTER TABLE scratch ADD COLUMN b TEXT NOT NULL DEFAULT 'added'").run()
            let after = try await store.sql.raw("SELECT * FROM scratch").first()
            #expect(after?.allColumns == ["a", "b"])
            #expect(try after?.decode(column: "b", as: String.self) == "added")
        }
    }

    @Test func moreTextsThanAConnectionKeepsAllAnswer() async throws {
        try await Self.withFile { _, _, store in
            for n in 0..<(PreparedStatements.capacity + 40) {
                let row = try await store.sql.raw("SELECT \(unsafeRaw: String(n)) + \(bind: 1000) AS total").first()
                #expect(try row?.decode(column: "total", as: Int.self) == n + 1000)
            }
        }
    }

    @Test func uuidTextIsReadAndWrittenAsFoundationDoes() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(UUID(databaseText: id.uuidString) == id)
            #expect(UUID(databaseText: id.uuidString.lowercased()) == id)
            // Ids are bound as the text they are stored as.
            #expect(id.databaseText == id.uuidString)
        }
        let good = "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"
        for bad in [
            "", String(good.dropLast()), good + "0", good.replacingOccurrences(of: "-", with: "_"), "G" + good.dropFirst(),
            "E621E1F8C36C-495A-93FC-0C247A3E6E5F0",
        ] {
            #expect(UUID(databaseText: bad) == nil, "\(bad)")
            #expect(UUID(uuidString: bad) == nil, "\(bad)")
        }
    }

    @Test func whileAnotherConnectionWritesAStatementWaitsThenRunsOrIsRefusedAsContention() async throws {
        try await Self.withFile { file, _, store in
            try await store.sql.raw("CREATE TABLE scratch (n INTEGER NOT NULL)").run()
            // Another process's writer: a second runtime on the same file holding the write lock.
            let other = try StoreRuntime(location: .sqliteFile(file.path))

            // Released after 300 ms: the write waited for it, then ran.
            let release = try await Self.holdWriteLock(other)
            let started = ContinuousClock.now
            let letGo = Task {
                try await Task.sleep(for: .milliseconds(300))
                try await release()
            }
            try await store.sql.raw("INSERT INTO scratch (n) VALUES (1)").run()
            #expect(ContinuousClock.now - started >= .milliseconds(250))
            try await letGo.value

            // Held past the wait: refused as contention, nothing written.
            let releaseAgain = try await Self.holdWriteLock(other)
            let waited = ContinuousClock.now
            do {
                try await store.sql.raw("INSERT INTO scratch (n) VALUES (2)").run()
                Issue.record("wrote while another connection held the lock")
            } catch {
                #expect(StoreContention.isContention(error), "\(error)")
            }
            let seconds = (ContinuousClock.now - waited) / .seconds(1)
            #expect(seconds >= StoreContention.lockWait * 0.9 && seconds < StoreContention.lockWait + 2)
            try await releaseAgain()
            await other.shutdown()
            let count = try await store.sql.raw("SELECT COUNT(*) AS n FROM scratch").first()?.decode(column: "n", as: Int.self)
            #expect(count == 1)
        }
    }

    @Test func shuttingDownClosesTheFileCleanly() async throws {
        try await Self.withNewFile { file in
            let (runtime, store) = try await Self.open(file)
            _ = try await store.teams()
            #expect(FileManager.default.fileExists(atPath: file.path + "-wal"))
            await runtime.shutdown()
            // SQLite removes the write-ahead log when the last connection closes; a connection with
            // prepared statements left would stay open and leave it behind.
            #expect(!FileManager.default.fileExists(atPath: file.path + "-wal"))
        }
    }
}
