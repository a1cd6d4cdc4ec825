import FluentSQLiteDriver
import Foundation
import NIOPosix
import SQLKit
import Synchronization
import Testing

@testable import ConveneStore

/// The server's SQLite file is checkpointed off the requests' path: commits no longer copy the
/// write-ahead log into the database file, the background checkpoints do, and stopping them
/// leaves the file to close cleanly.
@Suite("Background checkpoints (SQLite)")
struct BackgroundCheckpointsTests {
    @Test func theLogReachesTheDatabaseFileThroughTheBackgroundCheckpointsAlone() async throws {
        try await SQLiteFileTests.withFile { file, runtime, store in
            let rounds = Mutex<[BackgroundCheckpoints.Round]>([])
            let checkpoints = try await BackgroundCheckpoints.start(
                path: file.path, databases: runtime.databases, eventLoops: MultiThreadedEventLoopGroup.singleton,
                threadPool: .singleton, logger: StoreRuntime.quietLogger, every: .milliseconds(100)
            ) { round in rounds.withLock { $0.append(round) } }
            // The pooled connections no longer checkpoint inside their commits.
            let setting = try await store.sql.raw("PRAGMA wal_autocheckpoint").first()
            #expect(try setting?.decode(column: "wal_autocheckpoint", as: Int.self) == 0)

            // Given about 4 MB written in commits of their own (far past the 1,000-page mark at
            // which a commit would have checkpointed by itself),
            let before = try Self.size(of: file)
            try await store.sql.raw("CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").run()
            let body = String(repeating: "x", count: 4_000)
            for n in 1...1_000 {
                try await store.sql.raw("INSERT INTO scratch (id, body) VALUES (\(bind: n), \(bind: body))").run()
            }
            // then the database file grows to hold them, within a few rounds of checkpoints.
            var grown = false
            for _ in 0..<100 where !grown {
                try await Task.sleep(for: .milliseconds(100))
                grown = try Self.size(of: file) >= before + 3_500_000
            }
            let size = try Self.size(of: file)
            #expect(grown, "the database file stayed at \(size) bytes")
            await checkpoints.stop()
            // Each round reported the log's size and how much of it was copied; none failed, and
            // with no reader holding an old snapshot, rounds copied the whole log.
            let reported = rounds.withLock { $0 }
            #expect(!reported.isEmpty && !reported.contains { $0.failed })
            #expect(reported.contains { $0.logFrames > 0 && $0.copiedFrames == $0.logFrames }, "\(reported)")
            #expect(
                try await store.sql.raw("SELECT COUNT(*) AS n FROM scratch").first()?.decode(column: "n", as: Int.self) == 1_000)
        }
    }

    @Test func afterTheCheckpointsStopTheFileClosesCleanly() async throws {
        try await SQLiteFileTests.withNewFile { file in
            let (runtime, store) = try await SQLiteFileTests.open(file)
            let checkpoints = try await BackgroundCheckpoints.start(
                path: file.path, databases: runtime.databases, eventLoops: MultiThreadedEventLoopGroup.singleton,
                threadPool: .singleton, logger: StoreRuntime.quietLogger, every: .milliseconds(50))
            _ = try await store.teams()
            try await Task.sleep(for: .milliseconds(200))
            await checkpoints.stop()
            await runtime.shutdown()
            #expect(!FileManager.default.fileExists(atPath: file.path + "-wal"))
        }
    }

    private static func size(of file: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
    }
}
