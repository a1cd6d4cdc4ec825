import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Your personal API tokens: listed and revoked here, but made only on the account page or with
/// `convene token create`, so that a stolen token cannot make more that outlive its revocation.
struct TokensController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.listTokens, use: list)
        routes.on(.revokeToken, use: revoke)
    }

    /// A token as listed: never the token or its hash.
    struct TokenResponse: Content {
        var id: UUID
        var name: String
        var createdAt: Date
        var lastUsedAt: Date?
        var revokedAt: Date?
        init(_ t: APIToken) {
            id = t.id
            name = t.name
            createdAt = t.createdAt
            lastUsedAt = t.lastUsedAt
            revokedAt = t.revokedAt
        }
    }

    func list(req: Request) async throws -> [TokenResponse] {
        try await req.store.tokens(of: try req.signedIn().account.id).map { TokenResponse($0) }
    }

    func revoke(req: Request) async throws -> TokenResponse {
        TokenResponse(
            try await req.store.revokeToken(try req.id("tokenID", entity: "token"), of: try req.signedIn().account.id))
    }
}
