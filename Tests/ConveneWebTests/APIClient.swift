import ConveneCore
import ConveneStore
import ConveneTestSupport
import ConveneWeb
import Foundation
import Testing
import VaporTesting

/// A JSON reply: status, content type and parsed body.
struct Reply {
    var status: Int
    var contentType: String
    var json: Any?

    subscript(key: String) -> Any? { (json as? [String: Any])?[key] }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    var id: String { self["id"] as? String ?? "" }
    /// The fields named in a problem document.
    var problemFields: [String] { (self["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } }
}

/// Settable "now" shared with the app under test.
final class TestClock: @unchecked Sendable {
    // @unchecked: the test changes `now` only between requests, never during one.
    var now: Date
    init(_ now: Date) { self.now = now }
}

/// Calls the API of an app under test with JSON bodies.
struct APIClient {
    let app: Application

    @discardableResult
    func call(
        _ method: HTTPMethod, _ path: String, _ body: Any? = nil, raw: String? = nil,
        contentType: String? = "application/json", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        var headers = HTTPHeaders()
        if let contentType { headers.add(name: .contentType, value: contentType) }
        var buffer: ByteBuffer?
        if let raw {
            buffer = ByteBuffer(string: raw)
        } else if let body {
            buffer = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        let data = Data(buffer: response.body)
        let json = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
        let reply = Reply(
            status: Int(response.status.code), contentType: response.headers.contentType?.serialize() ?? "", json: json)
        #expect(
            reply.status < 500, "\(method) \(path) answered \(reply.status): \(String(decoding: data, as: UTF8.self))",
            sourceLocation: sourceLocation)
        return reply
    }

    /// Calls and requires a status, returning the reply.
    @discardableResult
    func expect(
        _ status: Int, _ method: HTTPMethod, _ path: String, _ body: Any? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        let reply = try await call(method, path, body, sourceLocation: sourceLocation)
        #expect(reply.status == status, "\(method) \(path): \(reply.json ?? "")", sourceLocation: sourceLocation)
        return reply
    }
}

/// Runs `body` against a Convene app with a private in-memory database and a fixed clock.
func withConvene(now: Date, backend: TestBackend = .sqlite, _ body: (APIClient, TestClock) async throws -> Void) async throws {
    let clock = TestClock(now)
    let database = try await TestDatabase.make(backend)
    let setUp: (Application) async throws -> Void = { app in
        app.conveneClock = ConveneClock { clock.now }
        try await configure(app, config: AppConfig(location: database.location))
    }
    do {
        try await withApp(configure: setUp) { app in
            try await body(APIClient(app: app), clock)
        }
    } catch {
        await database.drop()
        throw error
    }
    await database.drop()
}

func iso(_ date: Date) -> String { date.formatted(.iso8601) }

func london(_ day: String, _ time: String) -> Date {
    let parts = time.split(separator: ":").map { Int($0)! }
    return LocalTimeZone.london.instant(on: LocalDate(day)!, minuteOfDay: parts[0] * 60 + parts[1])
}
