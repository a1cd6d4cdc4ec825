import ConveneCore
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Where Convene keeps its data.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// An embedded SQLite file.
    case sqliteFile(String)
    /// A private in-memory SQLite database (tests), named so its owner can remove it afterwards:
    /// sqlite-kit keeps it in a temporary file, `sqliteMemoryFile(identifier)`.
    case sqliteMemory(identifier: String)
    /// A PostgreSQL server, from a `postgres://` URL.
    case postgres(String)

    /// `DATABASE_URL` selects PostgreSQL; otherwise `CONVENE_DB` or `./convene.sqlite`.
    public static func from(environment: [String: String], path: String? = nil) -> StoreLocation {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .postgres(url) }
        return .sqliteFile(path ?? environment["CONVENE_DB"] ?? "convene.sqlite")
    }

    public var description: String {
        switch self {
        case .sqliteFile(let path): return "SQLite file \(path)"
        case .sqliteMemory: return "in-memory SQLite"
        case .postgres: return "PostgreSQL (DATABASE_URL)"
        }
    }

    /// Registers this location as the default database.
    public func register(on databases: Databases) throws {
        switch self {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), connectionPoolTimeout: StoreContention.poolWaitAmount), as: .sqlite)
        case .sqliteMemory(let identifier):
            databases.use(.sqlite(SQLiteConfiguration(storage: .memory(identifier: identifier))), as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            // Bounded waits: a statement waits at most this long for a lock, and runs at most this long.
            // No JIT compilation: Convene's statements are short, and the planner's cost for the
            // row-by-row visibility check crossed `jit_above_cost`, so PostgreSQL spent 160 ms
            // compiling a dashboard query that runs in 5 ms.
            configuration.coreConfiguration.options.additionalStartupParameters = [
                ("lock_timeout", "\(Int(StoreContention.lockWait * 1000))ms"),
                ("statement_timeout", "\(Int(StoreContention.statementLimit * 1000))ms"),
                ("jit", "off"),
            ]
            databases.use(
                .postgres(configuration: configuration, connectionPoolTimeout: StoreContention.poolWaitAmount), as: .psql)
        }
    }

    /// Where sqlite-kit keeps an in-memory database (a temporary file, so that every pooled
    /// connection reaches the same data), for removing it when it is no longer used.
    public static func sqliteMemoryFile(_ identifier: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "sqlite-kit_memorydb-\(ProcessInfo.processInfo.processIdentifier)-\(identifier).sqlite3")
    }

    /// Sets per-connection SQLite options on one pooled connection per event loop: a bounded busy
    /// wait (sqlite-nio's own busy handler retries for ever), `synchronous = FULL` and a larger page cache.
    /// A no-op for PostgreSQL, whose limits travel in the connection's startup parameters.
    public func prepareConnections(_ databases: Databases, eventLoops: any EventLoopGroup, logger: Logger) async throws {
        guard case .postgres = self else {
            try await Self.onPooledSQLiteConnections(databases, eventLoops: eventLoops, logger: logger) { database in
                try await Self.boundAndDurable(database)
                // A 64 MB page cache per connection (SQLite's default is 2 MB): list queries touch
                // thousands of rows, and re-reading their pages from the kernel cost more than the query.
                try await database.raw("PRAGMA cache_size = -65536").run()
            }
            return
        }
    }

    /// Runs `body` on the one pooled SQLite connection of each event loop.
    static func onPooledSQLiteConnections(
        _ databases: Databases, eventLoops: any EventLoopGroup, logger: Logger,
        _ body: (any SQLDatabase) async throws -> Void
    ) async throws {
        for loop in eventLoops.makeIterator() {
            guard let database = databases.database(logger: logger, on: loop) as? any SQLDatabase else { continue }
            try await body(database)
        }
    }

    /// What every SQLite connection of Convene's sets: waits for the file bounded like every
    /// other wait, and a flush to disk at every commit.
    static func boundAndDurable(_ database: any SQLDatabase) async throws {
        try await database.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Int(StoreContention.lockWait * 1000)))").run()
        try await database.raw("PRAGMA synchronous = FULL").run()
    }
}

/// A database connection set with its own threads, for the CLI and the tests.
/// The web server uses Vapor's instead.
public final class StoreRuntime: Sendable {
    public let databases: Databases
    private let threadPool: NIOThreadPool
    private let logger: Logger

    /// The CLI logs only warnings and errors from the database layer.
    public static let quietLogger: Logger = {
        var logger = Logger(label: "convene.store")
        logger.logLevel = .warning
        return logger
    }()

    public init(location: StoreLocation, logger: Logger = StoreRuntime.quietLogger) throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        self.threadPool = pool
        self.logger = logger
        self.databases = Databases(threadPool: pool, on: MultiThreadedEventLoopGroup.singleton)
        try location.register(on: databases)
        self.location = location
    }

    private let location: StoreLocation

    /// Sets the per-connection options (see `StoreLocation.prepareConnections`).
    public func prepareConnections() async throws {
        try await location.prepareConnections(databases, eventLoops: MultiThreadedEventLoopGroup.singleton, logger: logger)
    }

    public var database: any Database {
        databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// Applies every pending migration.
    public func migrate() async throws {
        try await Self.migrate(databases, logger: logger)
    }

    /// Applies every pending migration on a set of databases (shared with the server).
    public static func migrate(_ databases: Databases, logger: Logger) async throws {
        let migrations = Migrations()
        migrations.add(ConveneMigrations.all)
        let migrator = Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
    }
}
