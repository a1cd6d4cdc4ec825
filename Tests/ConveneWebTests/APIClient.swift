import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

/// A JSON reply: status, content type, parsed body and headers.
struct Reply {
    var status: Int
    var contentType: String
    var json: Any?
    var headers = HTTPHeaders()

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

/// The bearer tokens a test client sends: the administrator's for directory changes, and the
/// person the test acts as for everything else.
final class TokenBox: @unchecked Sendable {
    // @unchecked: tests set tokens between requests, never during one.
    var admin: String?
    var user: String?
}

/// Calls the API of an app under test with JSON bodies, signed in with bearer tokens.
struct APIClient {
    let app: Application
    var tokens = TokenBox()
    /// When set, every call uses this token (or none, when empty), whatever the path.
    var fixedToken: String?

    /// A client that acts as the holder of `token` ("" for no token at all).
    func acting(as token: String) -> APIClient {
        var copy = self
        copy.fixedToken = token
        return copy
    }

    var store: ConveneStore { ConveneStore(database: app.db, now: app.conveneClock.now) }

    /// Directory changes are for administrators; every other call acts as the test's user.
    func token(for method: HTTPMethod, _ path: String) -> String? {
        if let fixedToken { return fixedToken.isEmpty ? nil : fixedToken }
        let directory = ["api/v1/organisations", "api/v1/holidays", "api/v1/agencies", "api/v1/professionals"]
        if method != .GET && directory.contains(where: { path.hasPrefix($0) }) { return tokens.admin }
        return tokens.user ?? tokens.admin
    }

    @discardableResult
    func call(
        _ method: HTTPMethod, _ path: String, _ body: Any? = nil, raw: String? = nil,
        contentType: String? = "application/json", ifMatch: String? = nil, headers extra: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        var headers = HTTPHeaders()
        for (name, value) in extra { headers.add(name: name, value: value) }
        if let ifMatch { headers.add(name: .ifMatch, value: ifMatch) }
        if let contentType { headers.add(name: .contentType, value: contentType) }
        if let token = token(for: method, path) { headers.bearerAuthorization = BearerAuthorization(token: token) }
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
            status: Int(response.status.code), contentType: response.headers.contentType?.serialize() ?? "", json: json,
            headers: response.headers)
        #expect(
            reply.status < 500, "\(method) \(path) answered \(reply.status): \(String(decoding: data, as: UTF8.self))",
            sourceLocation: sourceLocation)
        return reply
    }

    /// The ETag of a record as this client reads it now (for `If-Match`).
    func etag(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let reply = try await expect(200, .GET, path, sourceLocation: sourceLocation)
        return try #require(reply.headers.first(name: .eTag), "GET \(path) has no ETag", sourceLocation: sourceLocation)
    }

    /// Calls and requires a status, returning the reply.
    @discardableResult
    func expect(
        _ status: Int, _ method: HTTPMethod, _ path: String, ifMatch: String? = nil, _ body: Any? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        let reply = try await call(method, path, body, ifMatch: ifMatch, sourceLocation: sourceLocation)
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
        app.authSettings = AuthSettings(passwordCost: 4, trustForwardedFor: true)
        try await configure(app, config: AppConfig(location: database.location))
    }
    do {
        try await withApp(configure: setUp) { app in
            let api = APIClient(app: app)
            api.tokens.admin = try await api.makeAccount(username: "admin", role: .administrator).token
            try await body(api, clock)
        }
    } catch {
        await database.drop()
        throw error
    }
    await database.drop()
}

/// One password for every test account, hashed once at the lowest bcrypt cost.
enum TestPassword {
    static let text = "correct horse battery staple"
    static let hash: String = try! Credentials.hashPassword(text, cost: 4)
    static let totpSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  // RFC 6238's SHA-1 seed, base32
}

extension APIClient {
    /// Creates an account (for a professional, or an administrator) with a personal API token.
    func makeAccount(username: String, professionalId: String? = nil, role: AccessRole? = nil) async throws -> (
        account: Account, token: String
    ) {
        let account = try await store.createAccount(
            NewAccount(
                username: username, displayName: role == .administrator ? "Test Administrator" : nil, role: role,
                professionalId: professionalId.flatMap(UUID.init(uuidString:)), passwordHash: TestPassword.hash,
                totpSecret: TestPassword.totpSecret))
        let (token, hash) = Credentials.newAPIToken()
        _ = try await store.createToken(accountId: account.id, name: "tests", tokenHash: hash)
        return (account, token)
    }
}

func iso(_ date: Date) -> String { date.formatted(.iso8601) }

func london(_ day: String, _ time: String) -> Date {
    let parts = time.split(separator: ":").map { Int($0)! }
    return LocalTimeZone.london.instant(on: LocalDate(day)!, minuteOfDay: parts[0] * 60 + parts[1])
}
