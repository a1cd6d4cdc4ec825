import FluentKit

/// Strategy meeting requests and the professionals they ask to invite.
struct M003_CreateRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("strategy_requests")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("status", .string, .required)
            .field("urgency", .string)
            .field("urgency_rationale", .string)
            .field("urgency_agreed_by", .uuid, .references("professionals", "id"))
            .field("other_due_date", .string)
            .field("trigger", .string)
            .field("concern_identified_at", .datetime)
            .field("presenting_issue", .string)
            .field("incident_date", .string)
            .field("rationale", .string)
            .field("specific_checks", .string)
            .field("drafted_by", .uuid, .required, .references("professionals", "id"))
            .field("submitted_at", .datetime)
            .field("approved_by", .uuid, .references("professionals", "id"))
            .field("approved_at", .datetime)
            .field("returned_reason", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.index("strategy_requests_case", on: "strategy_requests", "case_id")
        try await database.index("strategy_requests_status", on: "strategy_requests", "status")
        try await database.schema("request_invitees")
            .id()
            .field("request_id", .uuid, .required, .references("strategy_requests", "id"))
            .field("professional_id", .uuid, .required, .references("professionals", "id"))
            .unique(on: "request_id", "professional_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("request_invitees").delete()
        try await database.schema("strategy_requests").delete()
    }
}
