import ConveneCore
import ConveneWeb
import Foundation
import Testing

/// Messages after a redirect are kept on the session and shown once, so no name or typed text
/// reaches an address; and a person sent to sign in comes back to the page they asked for.
@Suite("Notices and returning after sign-in")
struct NoticeTests {
    static let now = london("2026-11-23", "09:30")

    @Test func aNoticeIsShownOnceAndNoNameReachesTheAddress() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            try await hana.get("/cases/\(w.caseId)")
            let added = try await hana.post(
                "/cases/\(w.caseId)/people", ["role": "otherChild", "fullName": "Lark NOTICE-MARKER Ashdown"])
            #expect(added.status == 303)
            let location = try #require(added.location)
            #expect(location == "/cases/\(w.caseId)#people")
            #expect(!location.contains("NOTICE-MARKER") && !location.contains("notice"))

            // The next page says so, once
            let page = try await hana.get(location)
            #expect(page.body.contains("Lark NOTICE-MARKER Ashdown added"))
            #expect(page.body.contains("role=\"status\""))
            let again = try await hana.get(location)
            #expect(again.body.contains("Lark NOTICE-MARKER Ashdown") && !again.body.contains("Ashdown added"))

            // No page reads a notice from its address
            let forged = try await hana.get("/cases/\(w.caseId)?notice=Your%20account%20is%20suspended")
            #expect(!forged.body.contains("suspended"))

            // Signing out: the sign-in page says so, once, with nothing in its address
            let out = try await hana.post("/sign-out")
            #expect(out.status == 303 && out.location == "/")
            #expect((try await hana.get("/")).body.contains("You have signed out"))
            #expect(!(try await hana.get("/")).body.contains("You have signed out"))
            let named = try await hana.get("/?notice=signedOut")
            #expect(named.status == 200 && !named.body.contains("signed out"))
        }
    }

    @Test func signingInReturnsToThePageAskedForAndOnlyToAPageOfThisSite() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let grace = PageClient(app: api.app)
            let asked = try await grace.get("/cases/\(w.caseId)?q=Wren")
            #expect(asked.status == 303)
            // The query (which could hold typed text) is dropped; the path holds only ids
            #expect(asked.location == "/?next=/cases/\(w.caseId)")
            // The notice is named in a cookie, said once by the sign-in page, which clears it
            #expect(grace.cookies["__Host-convene_notice"] == "signInToContinue")
            let form = try await grace.get(asked.location!)
            #expect(form.body.contains("Sign in to continue"))
            #expect(grace.cookies["__Host-convene_notice"] == nil)
            #expect(!(try await grace.get(asked.location!)).body.contains("Sign in to continue"))
            // A cookie naming no notice of the page's says nothing
            grace.cookies["__Host-convene_notice"] = "Your%20account%20is%20suspended"
            #expect(!(try await grace.get("/")).body.contains("suspended"))
            #expect(form.body.contains("name=\"next\" value=\"/cases/\(w.caseId)\""))
            let code = { Credentials.totpCode(secret: TestPassword.totpSecret, at: clock.now)! }
            let signedIn = try await grace.post(
                "/sign-in",
                ["username": "grace", "password": TestPassword.text, "code": code(), "next": "/cases/\(w.caseId)"])
            #expect(signedIn.location == "/cases/\(w.caseId)")

            // Another site, a scheme or typed text is never a place to return to: home instead
            for next in ["//evil.example/x", "https://evil.example/", "/cases/x?notice=hi", "/cases/Wren Ashdown"] {
                clock.now = clock.now.addingTimeInterval(31)
                let other = PageClient(app: api.app)
                try await other.get("/")
                let page = try await other.post(
                    "/sign-in", ["username": "grace", "password": TestPassword.text, "code": code(), "next": next])
                #expect(page.location == "/my-work", "\(next)")
            }
        }
    }

    @Test func aPageNotFoundOffersThePersonsOwnHome() async throws {
        try await withConvene(now: Self.now) { api, clock in
            _ = try await World.build(api)
            let admin = PageClient(app: api.app)
            try await admin.signIn("admin", at: clock.now)
            let missing = try await admin.get("/my-work")
            #expect(missing.status == 404)
            #expect(missing.body.contains("<a href=\"/admin/audit\">Go to the audit log</a>"))
            #expect(!missing.body.contains("href=\"/my-work\">Go to My work"))
            clock.now = clock.now.addingTimeInterval(31)
            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            #expect(try await hana.get("/admin/audit").body.contains("<a href=\"/my-work\">Go to My work</a>"))
        }
    }
}
