import FluentKit

/// The answer to each change sent with an idempotency key (the API's `Idempotency-Key` header, a
/// form's one-time token), so that a repeat (a retry, a double click) gets the first answer
/// instead of making a second record.
struct M021_CreateIdempotentRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("idempotent_requests")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("key", .string, .required)
            .field("method", .string, .required)
            .field("path", .string, .required)
            .field("body_hash", .string, .required)
            .field("status", .int, .required)
            .field("content_type", .string)
            .field("location", .string)
            .field("etag", .string)
            .field("body", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "account_id", "key")
            .create()
        try await database.index("idempotent_requests_created", on: "idempotent_requests", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotent_requests").delete()
    }
}
