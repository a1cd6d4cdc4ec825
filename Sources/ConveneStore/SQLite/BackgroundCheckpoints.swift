import FluentKit
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// Runs the SQLite file's write-ahead-log checkpoints on a connection of their own, off the path
/// of requests.
///
/// By default SQLite checkpoints inside the commit that takes the log past 1,000 pages: that
/// commit copies the log into the database file and flushes the file to disk while its writer
/// still holds the write lock, so every change queued behind it waits. Under load those were the
/// slowest writes. The server turns that off on its pooled connections and checkpoints here
/// instead, every `interval`, in passive mode: SQLite copies what it can without waiting for, or
/// holding up, any reader or writer. The checkpoint runs on the thread pool, never on an event
/// loop. At shutdown the last connection to close checkpoints the rest and removes the log, as
/// before.
public final class BackgroundCheckpoints: Sendable {
    /// What one round found: how many pages (frames) the log held, and how many of them are now
    /// in the database file; or that the checkpoint failed. Frames not copied pile up in the log
    /// while readers hold old snapshots, or while checkpoints fail.
    public struct Round: Sendable, Equatable {
        public var logFrames: Int
        public var copiedFrames: Int
        public var failed: Bool
    }

    private let connection: SQLiteConnection
    private let loop: Task<Void, Never>

    private init(connection: SQLiteConnection, loop: Task<Void, Never>) {
        self.connection = connection
        self.loop = loop
    }

    /// Turns off the checkpoints inside commits on each event loop's pooled connection of `path`
    /// (call after `prepareConnections`, which makes them), opens a connection of its own to the
    /// same file and checkpoints on it every `interval` until `stop()`, telling `report` what each
    /// round found.
    public static func start(
        path: String, databases: Databases, eventLoops: any EventLoopGroup, threadPool: NIOThreadPool, logger: Logger,
        every interval: Duration = .seconds(1), report: @escaping @Sendable (Round) -> Void = { _ in }
    ) async throws -> BackgroundCheckpoints {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoops.any())
        do {
            // (A passive checkpoint does not wait, but opening a read of the log may.)
            try await StoreLocation.boundAndDurable(connection.sql())
            try await StoreLocation.onPooledSQLiteConnections(databases, eventLoops: eventLoops, logger: logger) {
                try await $0.raw("PRAGMA wal_autocheckpoint = 0").run()
            }
        } catch {
            try? await connection.close()
            throw error
        }
        let loop = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                do {
                    let found = Mutex(Round(logFrames: 0, copiedFrames: 0, failed: false))
                    try await connection.query("PRAGMA wal_checkpoint(PASSIVE)", []) { row in
                        found.withLock {
                            $0.logFrames = row.column("log")?.integer ?? 0
                            $0.copiedFrames = row.column("checkpointed")?.integer ?? 0
                        }
                    }
                    report(found.withLock { $0 })
                } catch {
                    // Stopped in the middle of a round (`stop()`): that is not a failed checkpoint.
                    if Task.isCancelled || error is CancellationError { break }
                    // The next round tries again; the log only grows meanwhile.
                    logger.warning("Write-ahead log checkpoint failed", metadata: ["error": "\(error)"])
                    report(Round(logFrames: 0, copiedFrames: 0, failed: true))
                }
            }
        }
        return BackgroundCheckpoints(connection: connection, loop: loop)
    }

    /// Stops checkpointing and closes the connection (a checkpoint under way finishes first).
    public func stop() async {
        loop.cancel()
        await loop.value
        try? await connection.close()
    }
}
