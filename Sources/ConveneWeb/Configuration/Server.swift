import Foundation
import NIOCore
import NIOPosix
import Vapor

/// Runs Swift concurrency's tasks on the server's own event-loop threads instead of a second
/// thread pool, so a request's handler, its database calls and its reply no longer hop between two
/// sets of threads at every `await` (about a quarter of the CPU of a page went to those switches).
/// Call once, first thing in `serve`, before any other async work; nothing in Convene blocks a thread
/// with `.wait()` (blocking work such as SQLite and bcrypt runs on the thread pool).
public func runTasksOnEventLoops() {
    _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}

/// Runs the server until it is stopped (SIGINT or SIGTERM), finishing requests in flight.
public func runServer(config: AppConfig, environment: String, onReady: @Sendable () -> Void) async throws {
    let app = try await Application.make(Environment(name: environment, arguments: ["convene", "serve"]))
    do {
        try await configure(app, config: config)
        // Requests in flight at SIGTERM get this long to finish (longer than any bounded database wait).
        app.http.server.configuration.shutdownTimeout = .seconds(15)
        onReady()
        try await app.execute()
        // Stop accepting and let requests in flight finish before the database connections close.
        await app.http.server.shared.shutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}
