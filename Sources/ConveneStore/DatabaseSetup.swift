import ConveneCore
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Where Convene keeps its data.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// An embedded SQLite file.
    case sqliteFile(String)
    /// A private in-memory SQLite database (tests).
    case sqliteMemory
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
            databases.use(.sqlite(.file(path)), as: .sqlite)
        case .sqliteMemory:
            databases.use(.sqlite(.memory), as: .sqlite)
        case .postgres(let url):
            databases.use(try .postgres(url: url), as: .psql)
        }
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
