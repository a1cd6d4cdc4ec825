import ConveneStore
import Vapor

/// The service's own routes: health, readiness, metrics and the OpenAPI document.
struct ServiceRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.health) { _ in ["status": "ok"] }
        routes.on(.ready, use: ready)
        routes.on(.metrics) { req in
            Response(
                status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(string: req.application.metrics.exposition()))
        }
        routes.on(.openAPIDocument) { req in
            Response(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .init(data: req.application.openAPIDocument))
        }
    }

    func ready(req: Request) async throws -> Response {
        var readiness = await req.store.readiness(within: .seconds(2))
        // A file replaced under the server still answers from the old one: that is not ready.
        if let served = req.application.servedFile, FileIdentity.of(served.path) != served.identity {
            readiness = Readiness(
                ready: false, pendingMigrations: [],
                detail: "the database file was replaced or removed while the server ran; restart the server")
        }
        let response = try await readiness.encodeResponse(for: req)
        response.status = readiness.ready ? .ok : .serviceUnavailable
        return response
    }
}

extension Endpoint {
    static let health = Endpoint(.GET, .health, .service)
    static let ready = Endpoint(.GET, .ready, .service)
    /// Counts by route pattern and status only; keep it behind the proxy with /health and /ready.
    static let metrics = Endpoint(.GET, .metrics, .service)
    static let openAPIDocument = Endpoint(.GET, .openAPIDocument, .service)
}
