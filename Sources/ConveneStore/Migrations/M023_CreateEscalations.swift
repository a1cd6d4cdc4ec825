import FluentKit

/// Escalations (non-attendance of a statutory partner, an unsettled disagreement), and the chair's
/// reason to finalise minutes without quorum.
struct M023_CreateEscalations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("escalations")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("kind", .string, .required)
            .field("absent_professional_id", .uuid, .references("professionals", "id"))
            .field("dissent_id", .uuid, .references("dissents", "id"))
            .field("escalated_to", .uuid, .required, .references("professionals", "id"))
            .field("reason", .string, .required)
            .field("escalated_by", .uuid, .required, .references("professionals", "id"))
            .field("escalated_at", .datetime, .required)
            .field("resolution", .string)
            .field("resolved_by", .uuid, .references("professionals", "id"))
            .field("resolved_at", .datetime)
            .field("version", .int, .required, .sql(.default(1)))
            .create()
        try await database.index("escalations_meeting", on: "escalations", "meeting_id")
        try await database.index("escalations_open", on: "escalations", "resolved_at", "case_id")
        try await database.schema("meetings").field("quorum_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meetings").deleteField("quorum_reason").update()
        try await database.schema("escalations").delete()
    }
}
