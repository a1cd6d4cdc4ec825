import Foundation
import Vapor

/// Runs the server until it is stopped (SIGINT or SIGTERM), finishing requests in flight.
public func runServer(config: AppConfig, environment: String, onReady: @Sendable () -> Void) async throws {
    let app = try await Application.make(Environment(name: environment, arguments: ["convene", "serve"]))
    do {
        try await configure(app, config: config)
        onReady()
        try await app.execute()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}
