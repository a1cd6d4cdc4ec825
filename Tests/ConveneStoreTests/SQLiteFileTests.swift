import ConveneCore
import ConveneTestSupport
import FluentSQLiteDriver
import Foundation
import SQLKit
import Synchronization
import Testing

@testable import ConveneStore

/// On an SQLite file, through sqlite-nio and SQLKit as published: a failed statement does not
/// spoil the next, a transaction is all or nothing, waiting for another process is bounded and
/// ends in contention (briefly for background work), and shutting down closes the file cleanly.
@Suite("SQLite file")
struct SQLiteFileTests {
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
            } catch let failure as SQLiteError {
                #expect("\(failure.reason)".hasPrefix("constraint"), "\(failure.reason)")
                #expect(failure.message.contains("UNIQUE"))
                #expect(!StoreContention.isContention(failure))
            }
            try await insert(second, 3)
            let rows = try await store.sql.raw("SELECT id, n FROM scratch ORDER BY n").all()
            #expect(try rows.map { try $0.decode(column: "id", as: UUID.self) } == [first, second])
            #expect(try rows.map { try $0.decode(column: "n", as: Int.self) } == [1, 3])
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

    @Test func backgroundWorkGivesWayAtOnceToAnotherProcessAndLeavesTheConnectionsWaitAsItWas() async throws {
        try await Self.withFile { file, _, store in
            try await store.sql.raw("CREATE TABLE scratch (n INTEGER NOT NULL)").run()
            let other = try StoreRuntime(location: .sqliteFile(file.path))
            let release = try await Self.holdWriteLock(other)
            let started = ContinuousClock.now
            do {
                try await StoreContention.$backgroundLockWait.withValue(0.1) {
                    try await store.transaction { tx in try await tx.sql.raw("INSERT INTO scratch (n) VALUES (1)").run() }
                }
                Issue.record("wrote while another connection held the lock")
            } catch {
                #expect(StoreContention.isContention(error), "\(error)")
            }
            #expect(ContinuousClock.now - started < .seconds(1))

            // The same pooled connection waits its full time again for anyone else's write.
            let letGo = Task {
                try await Task.sleep(for: .milliseconds(1500))
                try await release()
            }
            try await store.transaction { tx in try await tx.sql.raw("INSERT INTO scratch (n) VALUES (2)").run() }
            try await letGo.value
            await other.shutdown()
            let rows = try await store.sql.raw("SELECT n FROM scratch").all()
            #expect(try rows.map { try $0.decode(column: "n", as: Int.self) } == [2])
        }
    }

    @Test func shuttingDownClosesTheFileCleanly() async throws {
        try await Self.withNewFile { file in
            let (runtime, store) = try await Self.open(file)
            _ = try await store.teams()
            #expect(FileManager.default.fileExists(atPath: file.path + "-wal"))
            await runtime.shutdown()
            // SQLite removes the write-ahead log when the last connection closes.
            #expect(!FileManager.default.fileExists(atPath: file.path + "-wal"))
        }
    }
}
