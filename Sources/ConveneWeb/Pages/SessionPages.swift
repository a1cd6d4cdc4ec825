import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Signing in and out.
struct SessionPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showSignIn, use: signInPage)
        routes.on(.postSignInForm, use: signIn)
        routes.on(.postSignOut, use: signOut)
    }

    struct SignInPage {
        var layout: Layout
        var formToken: String
        /// The page to return to after sign-in.
        var next: String?
        var username: String
        var errors: FormErrors
    }

    /// The sign-in form; a signed-in person goes to their home page instead.
    func signInPage(req: Request) async throws -> Response {
        if let principal = req.principal { return redirect(Self.home(for: principal.role)) }
        return try await render(
            req, username: "", errors: .none, status: .ok, next: returnPath(req.query[String.self, at: "next"]))
    }

    /// Where each role starts.
    static func home(for role: AccessRole) -> SitePath { role == .administrator ? .auditLog : .myWork }

    private func render(
        _ req: Request, username: String, errors: FormErrors, status: HTTPStatus, next: String? = nil
    ) async throws -> Response {
        // A fresh value for the sign-in form's CSRF check, in a cookie and a hidden field.
        let formToken = Secrets.newToken()
        let page = SignInPage(
            layout: req.layout("Sign in", nil, nav: ""), formToken: formToken, next: next, username: username, errors: errors)
        let response = try await page.view.encodeResponse(status: status, for: req)
        response.cookies[SessionCookie.signInForm] = SessionCookie.value(formToken, maxAge: 3600)
        // The notice is said once.
        if req.cookies[SessionCookie.signInNotice] != nil { response.cookies[SessionCookie.signInNotice] = SessionCookie.expired }
        return response
    }

    func signIn(req: Request) async throws -> Response {
        let fields = try req.form()
        let username = fields["username"] ?? ""
        var problems: [FieldProblem] = []
        if username.isEmpty { problems.append(.init(field: "username", reason: "enter your username")) }
        if fields["password"] == nil { problems.append(.init(field: "password", reason: "enter your password")) }
        if fields["code"] == nil { problems.append(.init(field: "code", reason: "enter the six-digit code from your app")) }
        let labels = ["username": "Username", "password": "Password", "code": "Code"]
        if !problems.isEmpty {
            return try await render(
                req, username: username, errors: FormErrors(problems, labels: labels), status: .unprocessableEntity,
                next: returnPath(fields["next"]))
        }
        switch try await Authenticator.signIn(req, username: username, password: fields["password"]!, code: fields["code"]!) {
        case .tooManyAttempts:
            let response = try await render(
                req, username: username,
                errors: FormErrors(
                    [.init(field: "username", reason: "too many failed attempts; wait 5 minutes and try again")],
                    labels: labels), status: .tooManyRequests, next: returnPath(fields["next"]))
            response.headers.replaceOrAdd(name: .retryAfter, value: "300")
            return response
        case .refused:
            // The same words whether the username, the password or the code was wrong, or the account is disabled.
            return try await render(
                req, username: username,
                errors: FormErrors(
                    [.init(field: "username", reason: "the username, password or code is not right")], labels: labels),
                status: .unauthorized, next: returnPath(fields["next"]))
        case .signedIn(_, let token, let account):
            // Back to the page asked for before sign-in, else the person's home page.
            let home = Self.home(for: account.role)
            let response = returnPath(fields["next"]).map { redirect(location: $0) } ?? redirect(home)
            response.cookies[SessionCookie.session] = SessionCookie.value(token)
            response.cookies[SessionCookie.signInForm] = SessionCookie.expired
            return response
        }
    }

    func signOut(req: Request) async throws -> Response {
        if let session = try req.signedIn().session { try await req.store.endSession(session.id, reason: "signed out") }
        let response = redirect(signIn: .signedOut)
        response.cookies[SessionCookie.session] = SessionCookie.expired
        return response
    }
}
