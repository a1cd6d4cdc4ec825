import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

@Suite("CSRF on every form and security headers on every response")
struct CSRFAndHeadersTests {
    static let now = london("2026-11-23", "09:30")

    @Test func everyStateChangingPageRefusesAFormWithoutTheSessionsCSRFValue() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            var ids = try await BadInputTests.ids(api, w)
            ids["section"] = "opening"
            ids["accountID"] = UUID().uuidString
            ids["grantID"] = UUID().uuidString
            let browser = PageClient(app: api.app)
            try await browser.signIn("grace", at: clock.now)
            let before = try await api.store.verifyAudit().rowsChecked
            let personBefore = try await api.store.caseDetail(UUID(uuidString: w.caseId)!).people.count
            var checked = 0
            for route in api.app.routes.all where route.method != .GET && !routeKey(route).contains("/api/") {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return ids[name] ?? UUID().uuidString }
                        return component.description
                    }.joined(separator: "/")
                let fields = ["fullName": "Should Not Be Saved", "role": "child", "reason": "x", "name": "x"]
                let missing = try await browser.post(path, fields, csrf: false)
                #expect(missing.status == 403, "\(routeKey(route)) without _csrf gave \(missing.status)")
                let forged = try await browser.post(path, fields, csrfValue: "forged-value")
                #expect(forged.status == 403, "\(routeKey(route)) with a forged _csrf gave \(forged.status)")
                #expect(forged.body.contains("This form has expired"))
                checked += 1
            }
            #expect(checked > 30)
            // Nothing was saved and nothing audited as a change: the refusal came before the handler.
            #expect(try await api.store.caseDetail(UUID(uuidString: w.caseId)!).people.count == personBefore)
            #expect(try await api.store.verifyAudit().rowsChecked == before)
            // The same form with the session's value goes through.
            try await browser.get("/cases/\(w.caseId)")
            let accepted = try await browser.post(
                "/cases/\(w.caseId)/people", ["role": "otherChild", "fullName": "Linnet Ashdown", "relationship": "Half-sister"])
            #expect(accepted.status == 303)
            // Another session's value is refused: values are per session.
            let other = PageClient(app: api.app)
            try await other.signIn("hana", at: clock.now)
            let crossed = try await browser.post(
                "/cases/\(w.caseId)/people", ["role": "otherChild", "fullName": "Someone Else"], csrfValue: other.csrf)
            #expect(crossed.status == 403)
        }
    }

    @Test func theSignInFormNeedsItsOwnCookieAndValue() async throws {
        try await withConvene(now: Self.now) { api, clock in
            _ = try await World.build(api)
            let code = Credentials.totpCode(secret: TestPassword.totpSecret, at: clock.now)!
            let fields = ["username": "hana", "password": TestPassword.text, "code": code]
            let noForm = PageClient(app: api.app)
            #expect(try await noForm.post("/sign-in", fields, csrfValue: "guess").status == 403)
            let browser = PageClient(app: api.app)
            try await browser.get("/")
            #expect(try await browser.post("/sign-in", fields, csrfValue: "guess").status == 403)
            #expect(try await browser.post("/sign-in", fields).status == 303)
        }
    }

    @Test func everyResponseCarriesTheSecurityHeadersAndCasePagesAreNotCached() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let browser = PageClient(app: api.app)
            try await browser.signIn("grace", at: clock.now)
            var pages = [
                try await browser.get("/cases/\(w.caseId)"), try await browser.get("/my-work"),
                try await browser.get("/no-such-page"),
            ]
            pages.append(try await PageClient(app: api.app).get("/"))
            let apiResponse = try await api.app.testing().sendRequest(
                .GET, "api/v1/cases/\(w.caseId)", headers: ["Authorization": "Bearer \(w.tokens[w.teamManager]!)"])
            pages.append(Page(status: Int(apiResponse.status.code), headers: apiResponse.headers, body: ""))
            for page in pages {
                let csp = page.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(
                    csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"))
                #expect(page.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true)
                #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(page.headers.first(name: "Referrer-Policy") == "no-referrer")
                // The server's own time, in milliseconds to two decimals, for the browser's tools.
                let timing = page.headers.first(name: "Server-Timing") ?? ""
                #expect(timing.wholeMatch(of: /app;dur=[0-9]+\.[0-9]{2}/) != nil, "\(timing)")
            }
            #expect(pages[0].headers.first(name: .cacheControl) == "no-store")
            #expect(pages[4].headers.first(name: .cacheControl) == "no-store")
            // No page has inline script or style, which the policy would block.
            for page in pages.prefix(4) {
                #expect(!page.body.contains("<script") && !page.body.contains("style=\"") && !page.body.contains("<style"))
            }
        }
    }
}
