import FluentKit

/// Minutes versions, circulation and corrections.
struct M005_CreateMinutes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("minutes_versions")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("version", .int, .required)
            .field("sections_json", .string, .required)
            .field("created_by", .uuid, .required, .references("professionals", "id"))
            .field("created_at", .datetime, .required)
            .field("change_summary", .string)
            .field("changed_sections_json", .string, .required)
            .unique(on: "meeting_id", "version")
            .create()
        try await database.schema("circulations")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("minutes_version", .int, .required)
            .field("professional_id", .uuid, .required, .references("professionals", "id"))
            .field("sent_at", .datetime, .required)
            .create()
        try await database.index("circulations_meeting", on: "circulations", "meeting_id")
        try await database.schema("corrections")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("professional_id", .uuid, .required, .references("professionals", "id"))
            .field("text", .string, .required)
            .field("received_at", .datetime, .required)
            .field("within_window", .bool, .required)
            .field("status", .string, .required)
            .field("applied_in_version", .int)
            .create()
        try await database.index("corrections_meeting", on: "corrections", "meeting_id")
    }

    func revert(on database: any Database) async throws {
        for table in ["corrections", "circulations", "minutes_versions"] {
            try await database.schema(table).delete()
        }
    }
}
