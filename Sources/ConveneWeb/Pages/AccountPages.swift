import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Your own account: sessions and personal API tokens.
struct AccountPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showAccount, use: show)
        routes.on(.postAccountTokens, use: createToken)
        routes.on(.postAccountTokenRevoke, use: revokeToken)
        routes.on(.postAccountSignOutEverywhere, use: signOutEverywhere)
    }

    struct TokenRow {
        var id: UUID
        var name: String
        var created: String
        var lastUsed: String
        var revoked: String?
    }

    struct AccountPage {
        var layout: Layout
        var username: String
        var sessionCount: Int
        var tokens: [TokenRow]
        var newToken: String?
        /// The name typed for a token that was refused, to correct.
        var typedName: String
        var errors: FormErrors
    }

    func show(req: Request) async throws -> View {
        try await render(req, newToken: nil, errors: .none)
    }

    private func render(_ req: Request, newToken: String?, typedName: String = "", errors: FormErrors) async throws -> View {
        let principal = try req.signedIn()
        let zone = req.zone
        let tokens = try await req.store.tokens(of: principal.account.id).map {
            TokenRow(
                id: $0.id, name: $0.name, created: zone.long($0.createdAt), lastUsed: $0.lastUsedAt.map(zone.long) ?? "Never",
                revoked: $0.revokedAt.map(zone.long))
        }
        let page = AccountPage(
            layout: req.layout("Your account", try await req.currentUser(), nav: "account"),
            username: principal.account.username,
            sessionCount: try await req.store.openSessions(of: principal.account.id).count, tokens: tokens,
            newToken: newToken, typedName: typedName, errors: errors)
        return page.view
    }

    func createToken(req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let (token, hash) = Credentials.newAPIToken()
        // As typed, spaces and all, so a refused name comes back to correct.
        let name = (try? req.content.decode([String: String].self))?["name"] ?? ""
        do {
            _ = try await req.store.createToken(
                accountId: principal.account.id, name: try req.form()["name"] ?? "", tokenHash: hash)
        } catch DomainError.invalid(let problems) {
            return try await render(
                req, newToken: nil, typedName: name, errors: FormErrors(problems, labels: ["name": "Name"])
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        // Shown once, on this response only; never put in a redirect address.
        return try await render(req, newToken: token, errors: .none).encodeResponse(status: .created, for: req)
    }

    func revokeToken(req: Request) async throws -> Response {
        let principal = try req.signedIn()
        _ = try await req.store.revokeToken(try req.id("tokenID", entity: "token"), of: principal.account.id)
        return try await redirect(req, to: .account, notice: "Token revoked")
    }

    func signOutEverywhere(req: Request) async throws -> Response {
        let principal = try req.signedIn()
        try await req.store.endSessions(of: principal.account.id, reason: "signed out everywhere")
        let response = redirect(signIn: .signedOutEverywhere)
        response.cookies[SessionCookie.session] = SessionCookie.expired
        return response
    }
}

/// Personal API tokens start with this, so a leaked one is easy to recognise and search for.
enum APITokens {
    static let prefix = "cvn_"
}
