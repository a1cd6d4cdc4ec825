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

    /// A token as its owner sees it: never its secret, which is shown once when it is made.
    struct TokenResponse: APIResponseBody {
        var id: UUID
        var name: String
        var createdAt: Date
        var lastUsedAt: Date?
        var revokedAt: Date?

        static let sample = Self(
            id: UUID(), name: "Case import", createdAt: sampleTime, lastUsedAt: sampleTime, revokedAt: sampleTime)
    }

    func list(req: Request) async throws -> [TokenResponse] {
        try await req.store.tokens(of: try req.signedIn().account.id).map { TokenResponse($0) }
    }

    func revoke(req: Request) async throws -> TokenResponse {
        TokenResponse(
            try await req.store.revokeToken(try req.id("tokenID", entity: "token"), of: try req.signedIn().account.id))
    }
}

extension TokensController.TokenResponse {
    init(_ t: APIToken) {
        self.init(id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt)
    }
}
