import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

@Suite("Prometheus metrics")
struct MetricsTests {
    @Test func metricsCountRequestsByRoutePatternAndNeverCarryIds() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, _ in
            let w = try await World.build(api)
            for _ in 0..<3 { try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)") }
            try await api.expect(404, .GET, "api/v1/cases/\(UUID().uuidString)")
            let response = try await api.app.testing().sendRequest(.GET, "metrics")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.serialize().hasPrefix("text/plain") == true)
            let text = String(buffer: response.body)
            #expect(text.contains(#"convene_http_requests_total{method="GET",route="/api/v1/cases/:caseID",status="200"} 3"#))
            #expect(text.contains(#"convene_http_requests_total{method="GET",route="/api/v1/cases/:caseID",status="404"} 1"#))
            #expect(text.contains("convene_http_request_duration_seconds_bucket{route=\"/api/v1/cases/:caseID\""))
            #expect(!text.contains(w.caseId) && !text.contains(w.caseId.lowercased()))
        }
    }
}
