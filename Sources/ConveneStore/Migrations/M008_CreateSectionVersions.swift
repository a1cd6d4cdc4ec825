import FluentKit

/// A version per section of each meeting record, so edits of different sections do not conflict.
struct M008_CreateSectionVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("record_section_versions")
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("section", .string, .required)
            .field("version", .int, .required)
            .unique(on: "meeting_id", "section")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("record_section_versions").delete()
    }
}
