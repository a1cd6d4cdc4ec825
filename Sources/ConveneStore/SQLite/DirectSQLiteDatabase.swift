import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// Convene's SQL on SQLite, run through statements each connection keeps prepared
/// (`PreparedStatements`), on the thread that asks.
///
/// sqlite-nio prepares every statement from its text again and runs it on a separate thread
/// pool, so each statement costs a prepare and two thread switches, and each row a hop back to
/// the event loop. On a loaded machine those switches wait for a core: a write transaction of
/// a dozen statements spent most of its time waiting, and writes queue behind it. Here a
/// statement is prepared once per connection and stepped where the request runs.
///
/// Connections still come from Fluent's pool. A transaction (`ConveneStore.transaction`) holds
/// one connection and runs its `BEGIN`, statements and `COMMIT` here, in order. If the
/// connection's handle cannot be reached, statements go through sqlite-nio as before.
struct DirectSQLiteDatabase: SQLDatabase {
    /// The statement that ends a transaction (`ConveneStore.transaction`).
    static let commit = "COMMIT TRANSACTION"

    /// The threads commits wait for the disk on, for the life of the process. Not the shared
    /// blocking pool: that also checks passwords at sign-in (bcrypt, a tenth of a second each),
    /// and two sign-ins at once would hold up every change and every audited page behind them.
    /// SQLite lets one writer commit at a time, so two threads are enough.
    static let committing: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    /// Fluent's database (the pool, or one connection inside a transaction).
    let sqlite: any SQLiteDatabase
    /// The same database through sqlite-kit, for the dialect and the logger.
    let base: any SQLDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (text, values) = serialize(query)
        if let level = queryLogLevel {
            logger.log(level: level, "Executing query", metadata: ["sql": .string(text)])
        }
        let binds = try values.map { try SQLiteValues.encode($0) }
        // While another process holds the database, wait here (not on the thread) and try again,
        // for as long as a statement may wait for a lock; then the failure is contention (503).
        var deadline: ContinuousClock.Instant?
        var pause = 1
        while true {
            do {
                // Inside a transaction the connection is already this caller's: the statement runs
                // at once, without suspending, so a change's statements run back to back.
                if let connection = sqlite as? SQLiteConnection, let statements = PreparedStatements.of(connection) {
                    // A commit waits for the disk (`synchronous = FULL` flushes the log to it): on
                    // threads of its own, so that the wait holds up only this transaction's caller,
                    // not every request of the event loop. The caller still waits for it: nothing
                    // is answered before it is on disk.
                    if text == Self.commit {
                        return try await Self.committing.runIfActive { try statements.run(text, binds, onRow) }
                    }
                    return try statements.run(text, binds, onRow)
                }
                // The future-returning form: the async one starts a task for every statement.
                return try await sqlite.withConnection { connection -> EventLoopFuture<Void> in
                    guard let statements = PreparedStatements.of(connection) else {
                        return connection.query(text, binds) { onRow($0.sql(decoder: SQLiteValues.decoder)) }
                    }
                    do {
                        try statements.run(text, binds, onRow)
                        return connection.eventLoop.makeSucceededVoidFuture()
                    } catch {
                        return connection.eventLoop.makeFailedFuture(error)
                    }
                }.get()
            } catch let failure as SQLiteFailure where failure.waitAndRetry {
                let end = deadline ?? ContinuousClock.now + .milliseconds(Int64(StoreContention.currentLockWait * 1000))
                deadline = end
                guard ContinuousClock.now < end else { throw failure }
                try await Task.sleep(for: .milliseconds(pause))
                pause = min(pause * 2, 50)
            }
        }
    }
}

/// One encoder and decoder for every statement: sqlite-kit's each make a JSON coder when created.
enum SQLiteValues {
    static let encoder = SQLiteDataEncoder()
    static let decoder = SQLiteDataDecoder()

    /// A bound value as SQLite data; ids (most binds) directly as their text.
    static func encode(_ value: any Encodable & Sendable) throws -> SQLiteData {
        if let id = value as? UUID { return .text(id.databaseText) }
        return try encoder.encode(value)
    }
}
