import ConveneCore
import ConveneMail
import ConveneStore
import Fluent
import Foundation
import Vapor

/// The source of "now" for the app; tests replace it with a fixed clock.
public struct ConveneClock: Sendable {
    public var now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    public static let system = ConveneClock { Date() }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = ConveneClock }
    private struct GroupCommitKey: StorageKey { typealias Value = GroupCommit }
    private struct OpenAPIDocumentKey: StorageKey { typealias Value = Data }
    private struct MailDefaultsKey: StorageKey { typealias Value = MailDefaults }
    private struct SingleWriterKey: StorageKey { typealias Value = SingleWriter }
    private struct ServedFileKey: StorageKey { typealias Value = ServedFile }

    /// The SQLite file this server serves, locked against a restore for its lifetime; nil elsewhere.
    var servedFile: ServedFile? {
        get { storage[ServedFileKey.self] }
        set { storage[ServedFileKey.self] = newValue }
    }

    /// The clock every request uses.
    public var conveneClock: ConveneClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }

    /// Lets this process's write transactions in one at a time (set up by `configure`).
    var singleWriter: SingleWriter {
        get { storage[SingleWriterKey.self] ?? SingleWriter() }
        set { storage[SingleWriterKey.self] = newValue }
    }

    /// Commits the changes that arrive together in one transaction (set up by `configure`).
    /// Where messages come from and link to, for organisations that set none.
    var mailDefaults: MailDefaults {
        get { storage[MailDefaultsKey.self] ?? .standard }
        set { storage[MailDefaultsKey.self] = newValue }
    }

    /// A store on `database` with the app's clock and mail defaults: each request's, the worker's.
    func store(on database: any Database) -> ConveneStore {
        ConveneStore(database: database, now: conveneClock.now, mail: mailDefaults)
    }

    /// The OpenAPI document of the routes registered (set up by `configure`).
    var openAPIDocument: Data {
        get { storage[OpenAPIDocumentKey.self] ?? Data() }
        set { storage[OpenAPIDocumentKey.self] = newValue }
    }

    /// Commits changes and the audit rows of reads in groups (set up by `configure`).
    var groupCommit: GroupCommit {
        get { storage[GroupCommitKey.self] ?? GroupCommit(writer: singleWriter) }
        set { storage[GroupCommitKey.self] = newValue }
    }
}

/// Sets up the database, middleware and routes of a Convene application.
public func configure(_ app: Application, config: AppConfig, migrate: Bool = true) async throws {
    try config.location.register(on: app.databases)
    try await config.location.prepareConnections(app.databases, eventLoops: app.eventLoopGroup, logger: app.logger)
    if case .sqliteFile(let path) = config.location {
        do {
            app.servedFile = ServedFile(
                path: path, lock: try ServingLock.serve(path), identity: FileIdentity.of(path))
        } catch let refusal as ServingLock.Refusal {
            throw ConfigurationError(problems: [refusal.description])
        }
    }
    // Refuse to run, before touching the schema, where an acknowledged write could be lost in a crash.
    let store = ConveneStore(database: app.db)
    if case .sqliteFile = config.location { try await store.useWriteAheadLog() }
    let unsafe = try await store.durabilityProblems()
    if !unsafe.isEmpty { throw ConfigurationError(problems: unsafe) }
    if migrate { try await StoreRuntime.migrate(app.databases, logger: app.logger) }
    app.metrics = ConveneMetrics()
    if case .sqliteFile(let path) = config.location {
        let metrics = app.metrics
        // Registered last, so it stops first, before the connections close.
        app.lifecycle.use(
            StopCheckpointsAtShutdown(
                checkpoints: try await BackgroundCheckpoints.start(
                    path: path, databases: app.databases, eventLoops: app.eventLoopGroup, threadPool: app.threadPool,
                    logger: app.logger
                ) { round in
                    guard !round.failed else {
                        metrics.count("sqlite_checkpoint_failures", help: "Background checkpoints of the SQLite log that failed")
                        return
                    }
                    metrics.set(
                        subsystem: "sqlite", "log", unit: "pages", help: "Pages in the SQLite write-ahead log",
                        to: round.logFrames)
                    metrics.set(
                        subsystem: "sqlite", "log_uncopied", unit: "pages",
                        help: "Pages of the SQLite write-ahead log not yet copied into the database file",
                        to: round.logFrames - round.copiedFrames)
                }))
    }

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "1mb"

    ContentConfiguration.global.use(encoder: JSONCoding.encoder(), for: .json)
    ContentConfiguration.global.use(decoder: JSONCoding.decoder(), for: .json)

    app.singleWriter = SingleWriter()
    app.groupCommit = GroupCommit(writer: app.singleWriter)
    app.middleware = Middlewares()
    app.middleware.use(ServerTimingMiddleware())
    // Method and path only (ids, never query strings or bodies), with the request id.
    // Tests keep their output readable by logging routes at trace, which is not printed.
    app.middleware.use(RouteLoggingMiddleware(logLevel: app.environment == .testing ? .trace : .info))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(PublicFilesMiddleware(files: FileMiddleware(publicDirectory: app.directory.publicDirectory)))
    app.middleware.use(AccessMiddleware())
    try routes(app)
    app.noteNamedResources()
    app.openAPIDocument = OpenAPIDocument.json(app.routes.all.compactMap(\.endpoint))
    // Deny by default: a route nobody wrote a rule for is a startup failure, not an open door.
    let unruled = routesWithoutEndpoint(app.routes.all)
    if !unruled.isEmpty {
        throw ConfigurationError(
            problems: unruled.map { "route \($0) was not registered as an Endpoint, so it has no access rule" })
    }
    if config.trustForwardedFor { app.authSettings.trustForwardedFor = true }
    app.mailDefaults = config.mailDefaults
    if let mail = config.mail { app.lifecycle.use(OutboxWorker(config: mail)) }
    let cost = app.authSettings.passwordCost
    app.decoyPasswordHash = try Bcrypt.hash(Secrets.newToken(), cost: cost)
}

/// Registers every route.
func routes(_ app: Application) throws {
    try app.register(collection: ServiceRoutes())
    try app.register(collection: DirectoryController())
    try app.register(collection: CasesController())
    try app.register(collection: RequestsController())
    try app.register(collection: MeetingsController())
    try app.register(collection: RecordController())
    try app.register(collection: MinutesController())
    try app.register(collection: ClocksController())
    try app.register(collection: TokensController())
    try app.register(collection: SessionPages())
    try app.register(collection: AccountPages())
    try app.register(collection: AdminPages())
    try app.register(collection: OutboxPages())
    try app.register(collection: BreakGlassPages())
    try app.register(collection: HomePages())
    try app.register(collection: CasePages())
    try app.register(collection: NewCasePage())
    try app.register(collection: PersonPages())
    try app.register(collection: RequestPages())
    try app.register(collection: SchedulePages())
    try app.register(collection: MeetingPages())
    try app.register(collection: MinutesPages())
}

/// Stops the SQLite file's background checkpoints and closes their connection (the server shuts
/// down asynchronously, `asyncShutdown`).
private struct StopCheckpointsAtShutdown: LifecycleHandler {
    let checkpoints: BackgroundCheckpoints

    func shutdownAsync(_ application: Application) async { await checkpoints.stop() }
}

/// Finalizes the SQLite statements the connections keep prepared, before Fluent closes them.
/// Delivers the outbox in the background while the server runs (never inside a request), taking
/// the writers' turn after the requests waiting (`OutboxDelivery`); stopped before the connections close.
private final class OutboxWorker: LifecycleHandler, @unchecked Sendable {
    // @unchecked: `task` is set once at boot and read once at shutdown, both on the lifecycle's thread.
    let config: MailConfig
    var task: Task<Void, Never>?

    init(config: MailConfig) { self.config = config }

    func didBootAsync(_ application: Application) async throws {
        let store = application.store(on: application.db)
        let delivery = OutboxDelivery(
            store: store, transport: config.transport, settings: config.delivery, logger: application.logger,
            writer: application.singleWriter)
        application.logger.info("outbox delivery started", metadata: ["to": "\(config.transport.destination)"])
        let interval = config.interval
        let metrics = application.metrics
        task = Task {
            await delivery.run(every: interval) { round in
                if round.sent > 0 { metrics.add(round.sent, "outbox_sent", help: "Messages the relay or the folder accepted") }
                if round.retrying > 0 {
                    metrics.add(round.retrying, "outbox_retries", help: "Tries that failed and will be tried again")
                }
                if round.failed > 0 { metrics.add(round.failed, "outbox_failed", help: "Messages parked as failed") }
                if let backlog = try? await store.outboxBacklog() {
                    metrics.set(
                        subsystem: "outbox", "waiting", unit: "messages", help: "Messages queued or being sent",
                        to: backlog.waiting)
                    metrics.set(
                        subsystem: "outbox", "failed", unit: "messages",
                        help: "Messages parked as failed, waiting for an administrator's retry", to: backlog.failed)
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}

/// The SQLite file a server serves: its path, the lock that keeps a restore off it, and which file
/// it was when the server opened it.
struct ServedFile: Sendable {
    var path: String
    var lock: ServingLock
    var identity: FileIdentity?
}
