import ConveneCore
import ConveneStore
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

/// An HTML page and how it was served.
struct Page {
    var status: Int
    var headers: HTTPHeaders
    var body: String
    var location: String? { headers.first(name: .location) }

    /// The `_csrf` value the page's forms carry.
    var csrf: String? {
        guard let range = body.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The one-time `_formToken` the page's forms carry.
    var formToken: String? {
        guard let range = body.range(of: #"name="_formToken" value=""#) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    func cookie(_ name: String) -> String? {
        headers[.setCookie].first { $0.hasPrefix("\(name)=") }
    }
}

/// A browser-like client for pages: keeps cookies, sends forms with the page's CSRF value.
final class PageClient: @unchecked Sendable {
    // @unchecked: one test drives one client, one request at a time.
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    var address = "127.0.0.1"

    init(app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        let page = try await send(.GET, path, body: nil)
        if let csrf = page.csrf { self.csrf = csrf }
        return page
    }

    /// Posts a form; `csrf: false` leaves the CSRF value out, `csrfValue` overrides it.
    @discardableResult
    func post(_ path: String, _ fields: [String: String] = [:], csrf: Bool = true, csrfValue: String? = nil) async throws
        -> Page
    {
        var fields = fields
        if csrf, let value = csrfValue ?? self.csrf { fields["_csrf"] = value }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> Page {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if body != nil { headers.contentType = .urlEncodedForm }
        headers.add(name: "X-Forwarded-For", value: address)
        let response = try await app.testing().sendRequest(
            method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty || header.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
        let page = Page(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
        #expect(page.status < 500, "\(method) \(path) answered \(page.status)")
        return page
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// Signs in through the sign-in form with the test password and the current code.
    @discardableResult
    func signIn(_ username: String, at now: Date, password: String = TestPassword.text, code: String? = nil) async throws
        -> Page
    {
        try await get("/")
        let page = try await post(
            "/sign-in",
            [
                "username": username, "password": password,
                "code": code ?? Credentials.totpCode(secret: TestPassword.totpSecret, at: now)!,
            ])
        if page.status == 303 { try await get(page.location ?? "/") }
        return page
    }
}
