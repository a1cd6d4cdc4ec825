import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import Synchronization
import Testing
import VaporTesting

@testable import ConveneWeb

@Suite("Sign-in, sessions, rate limits and API tokens")
struct SignInTests {
    static let now = london("2026-11-23", "09:30")

    @Test func signingInSetsAHostOnlySecureStrictCookieAndANewSessionEachTime() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let browser = PageClient(app: api.app)
            let signIn = try await browser.get("/")
            let formCookie = try #require(signIn.cookie(SessionCookie.signInForm))
            #expect(formCookie.contains("Secure") && formCookie.contains("HttpOnly") && formCookie.contains("SameSite=Strict"))

            let first = try await browser.signIn("hana", at: clock.now)
            #expect(first.status == 303 && first.location == "/my-work")
            let cookie = try #require(first.cookie(SessionCookie.session))
            #expect(cookie.hasPrefix("__Host-convene_session="))
            for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] { #expect(cookie.contains(attribute)) }
            #expect(!cookie.contains("Domain"))
            let firstToken = try #require(browser.cookies[SessionCookie.session])
            #expect(try await browser.get("/my-work").status == 200)

            // A session id planted before sign-in (session fixation) is never the one issued.
            clock.now += 30
            let planted = PageClient(app: api.app)
            planted.cookies[SessionCookie.session] = "chosen-by-an-attacker"
            #expect(try await planted.signIn("hana", at: clock.now).status == 303)
            let issued = try #require(planted.cookies[SessionCookie.session])
            #expect(issued != "chosen-by-an-attacker" && issued != firstToken)
            // Both real sessions work; each sign-in made its own.
            #expect(try await browser.get("/my-work").status == 200)
            #expect(try await planted.get("/my-work").status == 200)
            _ = w
        }
    }

    @Test func refusalsLookTheSameForARealAndAFakeAccount() async throws {
        try await withConvene(now: Self.now) { api, clock in
            _ = try await World.build(api)
            func attempt(_ username: String, _ password: String, code: String? = nil) async throws -> (Int, String) {
                let browser = PageClient(app: api.app)
                let page = try await browser.signIn(username, at: clock.now, password: password, code: code)
                // Each form carries its own random CSRF value; everything else must be identical.
                let body = page.body.replacingOccurrences(of: page.csrf ?? "-", with: "")
                    .replacingOccurrences(of: #"value="\#(username)""#, with: "")
                return (page.status, body)
            }
            let wrongPassword = try await attempt("hana", "not the password at all")
            let unknown = try await attempt("nobody-here", "not the password at all")
            let wrongCode = try await attempt("hana", TestPassword.text, code: "000000")
            #expect(wrongPassword.0 == 401)
            #expect(wrongPassword == unknown)
            #expect(wrongPassword == wrongCode)
            #expect(wrongPassword.1.contains("the username, password or code is not right"))
        }
    }

    @Test func aCodeCannotBeUsedTwice() async throws {
        try await withConvene(now: Self.now) { api, clock in
            _ = try await World.build(api)
            let code = Credentials.totpCode(secret: TestPassword.totpSecret, at: clock.now)!
            #expect(try await PageClient(app: api.app).signIn("hana", at: clock.now, code: code).status == 303)
            #expect(try await PageClient(app: api.app).signIn("hana", at: clock.now, code: code).status == 401)
        }
    }

    @Test func elevenFailuresFromOneAddressOrForOneAccountGet429() async throws {
        try await withConvene(now: Self.now) { api, clock in
            _ = try await World.build(api)
            let browser = PageClient(app: api.app)
            browser.address = "203.0.113.7"
            for attempt in 1...10 {
                let page = try await browser.signIn("user\(attempt)", at: clock.now, password: "wrong password \(attempt)")
                #expect(page.status == 401, "attempt \(attempt)")
            }
            let limited = try await browser.signIn("grace", at: clock.now)
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: .retryAfter) == "300")
            // Another address is not limited; the same account from a new address still is, once it has 10 failures.
            for _ in 1...10 {
                try await api.store.recordSignInFailure(usernameKey: "hana", address: "198.51.100.\(Int.random(in: 1...200))")
            }
            let elsewhere = PageClient(app: api.app)
            elsewhere.address = "192.0.2.44"
            #expect(try await elsewhere.signIn("hana", at: clock.now).status == 429)
            #expect(try await elsewhere.signIn("grace", at: clock.now).status == 303)
            // Five minutes on, the window has passed.
            clock.now += 301
            let later = PageClient(app: api.app)
            later.address = "203.0.113.7"
            #expect(try await later.signIn("hana", at: clock.now).status == 303)
        }
    }

    @Test func sessionsEndWhenIdleWhenTooOldOnSignOutAndWhenTheAccountIsDisabled() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let browser = PageClient(app: api.app)
            try await browser.signIn("hana", at: clock.now)
            clock.now += 29 * 60
            #expect(try await browser.get("/my-work").status == 200)
            clock.now += 31 * 60
            let idle = try await browser.get("/my-work")
            #expect(idle.status == 303 && idle.location?.hasPrefix("/") == true)

            // Absolute limit: busy all day, still signed out 10 hours after signing in.
            try await browser.signIn("hana", at: clock.now)
            for _ in 0..<29 {
                clock.now += 20 * 60
                #expect(try await browser.get("/my-work").status == 200)
            }
            clock.now += 20 * 60
            #expect(try await browser.get("/my-work").status == 303)

            // Sign-out ends the session on the server, not only in the browser.
            clock.now += 30
            try await browser.signIn("hana", at: clock.now)
            let token = browser.cookies[SessionCookie.session]!
            try await browser.post("/sign-out")
            let replay = PageClient(app: api.app)
            replay.cookies[SessionCookie.session] = token
            #expect(try await replay.get("/my-work").status == 303)

            // Disabling the account ends every one of its sessions and refuses its API tokens.
            clock.now += 30
            let laptop = PageClient(app: api.app)
            try await laptop.signIn("hana", at: clock.now)
            clock.now += 30
            let phone = PageClient(app: api.app)
            try await phone.signIn("hana", at: clock.now)
            #expect(try await laptop.get("/my-work").status == 200)
            let hana = try #require(try await api.store.account(username: "hana"))
            _ = try await api.store.setDisabled(hana.id, true)
            #expect(try await laptop.get("/my-work").status == 303)
            #expect(try await phone.get("/my-work").status == 303)
            #expect(try await api.acting(as: w.tokens[w.socialWorker]!).call(.GET, "api/v1/cases").status == 401)
            #expect(try await PageClient(app: api.app).signIn("hana", at: clock.now + 60).status == 401)
        }
    }

    @Test func apiTokensWorkUntilRevokedAndCookiesNeverDriveTheAPI() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let hana = api.acting(as: w.tokens[w.socialWorker]!)
            #expect(try await api.acting(as: "").call(.GET, "api/v1/cases").status == 401)
            #expect(try await api.acting(as: "cvn_made-up").call(.GET, "api/v1/cases").status == 401)
            // A token cannot make another: a stolen one would outlive its own revocation.
            let minted = try await hana.call(.POST, "api/v1/tokens", ["name": "Second token"])
            #expect(minted.status == 405 && minted.headers.first(name: .allow) == "GET")
            // Tokens are made on the account page (or with the CLI), and shown once.
            let browser = PageClient(app: api.app)
            try await browser.signIn("hana", at: clock.now)
            try await browser.get("/account")
            // A refused name comes back in its field, to correct.
            let long = "Case system sync " + String(repeating: "x", count: 90)
            let refused = try await browser.post("/account/tokens", ["name": long])
            #expect(refused.status == 422 && refused.body.contains("Name: must be at most 100 characters"))
            #expect(refused.body.contains("id=\"token-name\" name=\"name\" value=\"\(long)\""))
            let hidden = try await browser.post("/account/tokens", ["name": "Case system\u{202E}cnys"])
            #expect(hidden.status == 422 && hidden.body.contains("Name: must not contain"))
            let page = try await browser.post("/account/tokens", ["name": "Case system sync"])
            let token = try #require(page.body.firstMatch(of: /cvn_[A-Za-z0-9_-]+/).map { String($0.output) })
            // A second token of the same name could not be told apart from the first when revoking one
            let twice = try await browser.post("/account/tokens", ["name": " Case system sync "])
            #expect(twice.status == 422)
            #expect(twice.body.contains("Name: you already have a token named &quot;Case system sync&quot;"))
            // Nor one that would look the same in the list: other case or width, invisible characters, a line break
            for alike in ["CASE SYSTEM SYNC", "Ｃａｓｅ system sync", "Case sys\u{00AD}tem sync", "Case  system\u{200D} sync"] {
                #expect(try await browser.post("/account/tokens", ["name": alike]).status == 422, "\(alike)")
            }
            let twoLines = try await browser.post("/account/tokens", ["name": "Case system\nsync"])
            #expect(twoLines.status == 422 && twoLines.body.contains("Name: must be on one line"))
            let listedNow = try await hana.expect(200, .GET, "api/v1/tokens").array
            let created = Reply(
                status: 200, contentType: "", json: listedNow.first { $0["name"] as? String == "Case system sync" })
            let listed = try await hana.expect(200, .GET, "api/v1/tokens").array
            #expect(listed.contains { $0["name"] as? String == "Case system sync" && $0["token"] == nil })
            #expect(try await api.acting(as: token).call(.GET, "api/v1/cases").array.count == 1)
            // Another person cannot revoke it; its owner can, and then it stops working.
            try await api.acting(as: w.tokens[w.teamManager]!).expect(404, .DELETE, "api/v1/tokens/\(created.id)")
            try await hana.expect(200, .DELETE, "api/v1/tokens/\(created.id)")
            #expect(try await api.acting(as: token).call(.GET, "api/v1/cases").status == 401)
            // Once revoked, its name may be used again
            #expect(try await browser.post("/account/tokens", ["name": "Case system sync"]).status == 201)
            // A signed-in browser's cookie is not accepted by the API.
            let response = try await api.app.testing().sendRequest(
                .GET, "api/v1/cases",
                headers: ["Cookie": "\(SessionCookie.session)=\(browser.cookies[SessionCookie.session]!)"])
            #expect(response.status == .unauthorized)
        }
    }

    /// Passwords are checked on threads of their own: with every one of them busy, people's
    /// pages and changes are still read and saved, and a sign-in waits for a free check.
    @Test func pagesAndChangesDoNotWaitForPasswordChecks() async throws {
        try await withConvene(now: Self.now) { api, clock in
            _ = try await World.build(api)
            let browser = PageClient(app: api.app)
            #expect(try await browser.signIn("hana", at: clock.now).status == 303)
            let threads = 2
            let started = Mutex(0)
            let release = DispatchSemaphore(value: 0)
            for _ in 0..<threads {
                Credentials.passwordChecks.submit { _ in
                    started.withLock { $0 += 1 }
                    release.wait()
                }
            }
            while started.withLock({ $0 }) < threads { try await Task.sleep(for: .milliseconds(1)) }
            let signedIn = Mutex(false)
            let signingIn = Task {
                let status = try await PageClient(app: api.app).signIn("grace", at: clock.now).status
                signedIn.withLock { $0 = true }
                return status
            }
            let answered = try await withThrowingTaskGroup(of: Bool.self) { tasks in
                tasks.addTask {
                    let page = try await browser.get("/my-work")
                    let change = try await browser.post("/my-work/reminders", ["preference": "dailyDigest"])
                    return page.status == 200 && change.status == 303
                }
                // A bound on the wait, so that a request stuck behind the checks fails the test, not hangs it.
                tasks.addTask {
                    try await Task.sleep(for: .seconds(30))
                    return false
                }
                let first = try await tasks.next() ?? false
                tasks.cancelAll()
                return first
            }
            let signedInMeanwhile = signedIn.withLock { $0 }
            for _ in 0..<threads { release.signal() }
            #expect(answered)
            #expect(!signedInMeanwhile)
            #expect(try await signingIn.value == 303)
        }
    }
}
