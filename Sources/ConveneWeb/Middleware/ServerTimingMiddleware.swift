import Foundation
import Vapor

/// Times every request: adds `Server-Timing: app;dur=<ms>` (for the browser's developer tools
/// and the page benchmark) and records the request in the Prometheus metrics.
struct ServerTimingMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        // Two decimals, without `String(format:)` (which goes through `vfprintf` on every request).
        let hundredths = Int((milliseconds * 100).rounded())
        let fraction = hundredths % 100
        response.headers.replaceOrAdd(
            name: "Server-Timing", value: "app;dur=\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)")
        let route = request.route?.endpoint?.pattern ?? "unrouted"
        request.application.metrics.record(
            method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        return response
    }
}
