import Testing
import Vapor

@testable import ConveneWeb

/// Query parameters are read from the query string by `Request.queryText`; each must read as
/// Vapor's `query[String.self, at:]` (the reader it replaced) reads it.
struct QueryTextTests {
    @Test func everyParameterReadsAsVaporReadsIt() async throws {
        let app = try await Application.make(.testing)
        defer { Task { try await app.asyncShutdown() } }
        let queries = [
            "", "teamId=3F2A&limit=25", "a=1&a=2", "a=x+y", "a=%2B%20%C3%A9", "a", "a=", "a=%ZZ", "a=%ZZ&a=2",
            "a=2&a=%ZZ", "a[b]=1", "b=1&%61=3", "a=1=2", "&&a=5&&", "a+b=1", "a%20b=1", "case=GN-000001&accountId=",
        ]
        for query in queries {
            let req = Request(
                application: app, method: .GET, url: URI(string: "/api/v1/clocks?" + query), on: app.eventLoopGroup.next())
            for name in ["a", "b", "a b", "teamId", "limit", "case", "accountId", "missing"] {
                #expect(req.queryText(name) == req.query[String.self, at: name], "\(name) in \(query)")
            }
        }
    }
}
