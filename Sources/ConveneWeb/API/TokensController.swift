import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Your personal API tokens. The token itself is returned once, at creation.
struct TokensController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("tokens", use: list)
        routes.post("tokens", use: create)
        routes.delete("tokens", ":tokenID", use: revoke)
    }

    /// A token as listed: never the token or its hash.
    struct TokenResponse: Content {
        var id: UUID
        var name: String
        var createdAt: Date
        var lastUsedAt: Date?
        var revokedAt: Date?
        /// Only in the answer to creation.
        var token: String?

        init(_ t: APIToken, token: String? = nil) {
            id = t.id
            name = t.name
            createdAt = t.createdAt
            lastUsedAt = t.lastUsedAt
            revokedAt = t.revokedAt
            self.token = token
        }
    }

    struct TokenInput: Decodable {
        var name: String?
    }

    func list(req: Request) async throws -> [TokenResponse] {
        try await req.store.tokens(of: try req.signedIn().account.id).map { TokenResponse($0) }
    }

    func create(req: Request) async throws -> Response {
        let input = try req.body(TokenInput.self)
        let (token, hash) = Credentials.newAPIToken()
        let saved = try await req.store.createToken(
            accountId: try req.signedIn().account.id, name: input.name ?? "", tokenHash: hash)
        return try await TokenResponse(saved, token: token).encodeResponse(status: .created, for: req)
    }

    func revoke(req: Request) async throws -> TokenResponse {
        TokenResponse(
            try await req.store.revokeToken(try req.id("tokenID", entity: "token"), of: try req.signedIn().account.id))
    }
}
