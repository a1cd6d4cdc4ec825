import ConveneCore
import Foundation
import SQLKit

/// The first answer to a change sent with an idempotency key, kept for a day.
public struct IdempotentResponse: Sendable, Codable, Identifiable {
    public var id: UUID
    public var accountId: UUID
    /// The key as the client sent it (with its kind: `api:` or `form:`).
    public var key: String
    public var method: String
    public var path: String
    /// SHA-256 of the request body: a key sent again with another body is a client's mistake.
    public var bodyHash: String
    public var status: Int
    public var contentType: String?
    public var location: String?
    public var etag: String?
    public var body: String?
    public var createdAt: Date

    public init(
        id: UUID, accountId: UUID, key: String, method: String, path: String, bodyHash: String, status: Int,
        contentType: String?, location: String?, etag: String?, body: String?, createdAt: Date
    ) {
        self.id = id
        self.accountId = accountId
        self.key = key
        self.method = method
        self.path = path
        self.bodyHash = bodyHash
        self.status = status
        self.contentType = contentType
        self.location = location
        self.etag = etag
        self.body = body
        self.createdAt = createdAt
    }

    /// How long a key is remembered.
    public static let keptFor: TimeInterval = 24 * 3600
}

extension ConveneStore {
    /// The answer kept for this account's key, if it was sent within the last day.
    public func idempotentResponse(accountId: UUID, key: String) async throws -> IdempotentResponse? {
        try await sql.select().column("*").from("idempotent_requests")
            .where("account_id", .equal, accountId).where("key", .equal, key)
            .where("created_at", .greaterThan, now().addingTimeInterval(-IdempotentResponse.keptFor))
            .first(decoding: IdempotentResponse.self, with: rowDecoder)
    }

    /// Keeps an answer (in the change's own transaction, so a change rolled back keeps none), and
    /// forgets this account's keys older than a day.
    public func keep(_ response: IdempotentResponse) async throws {
        try await sql.delete(from: "idempotent_requests").where("account_id", .equal, response.accountId)
            .where("created_at", .lessThanOrEqual, now().addingTimeInterval(-IdempotentResponse.keptFor)).run()
        do {
            try await insert(response, into: "idempotent_requests")
        } catch {
            // Another process took the key between our look and this insert: its answer is the one.
            throw DomainError.conflict(
                "a request with this idempotency key is being answered; send it again in a moment to get its answer")
        }
    }
}
