import Foundation
import Vapor

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
