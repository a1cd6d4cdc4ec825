import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// How long Convene waits for the database under contention, and how to tell such a failure
/// from any other: it becomes a 503 "busy, try again" with nothing saved, never a hang or a 500.
public enum StoreContention {
    /// The longest a write waits for the writers before it in this process (`SingleWriter`).
    public static let writerWait: TimeInterval = 3
    /// The longest a statement waits for a lock held by another writer (another process's, or
    /// any writer's on PostgreSQL).
    public static let lockWait: TimeInterval = 3
    /// A shorter wait for the lock, for background work such as delivering the outbox: on SQLite
    /// it gives way at once to another process that holds the database, instead of holding one of
    /// the few pooled connections (and the writers' turn) that people's requests wait on.
    @TaskLocal public static var backgroundLockWait: TimeInterval?
    /// The longest a request waits for a free pooled connection.
    public static let poolWait: TimeInterval = 5
    static var poolWaitAmount: TimeAmount { .seconds(Int64(poolWait)) }
    /// So a request that meets contention answers within about this long (plus its own work).
    public static var deadline: TimeInterval { writerWait + poolWait + lockWait }
    /// The longest one PostgreSQL statement may run.
    public static let statementLimit: TimeInterval = 15

    /// A write waited longer than `writerWait` for the writers before it (`SingleWriter`).
    public struct WriterWaitExpired: Error, CustomStringConvertible {
        public var description: String { "waited too long for the writers before this one" }
    }

    /// True when the database refused because of other writers or a time limit.
    public static func isContention(_ error: any Error) -> Bool {
        if error is WriterWaitExpired { return true }
        if let sqlite = error as? SQLiteError {
            switch sqlite.reason {
            case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot: return true
            default: return false
            }
        }
        if let postgres = error as? PSQLError, let code = postgres.serverInfo?[.sqlState] {
            // 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout),
            // 40001 serialization_failure, 40P01 deadlock_detected.
            return ["55P03", "57014", "40001", "40P01"].contains(code)
        }
        // Waiting for a free pooled connection timed out.
        return String(describing: type(of: error)).contains("ConnectionPoolTimeoutError")
    }
}
