import FluentKit

/// The chair's release of each family member's details to a meeting's invitees (docs/SECURITY.md,
/// "What invitees see"). A person with no row here is withheld.
struct M014_CreatePersonReleases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("person_releases")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("person_id", .uuid, .required, .references("case_people", "id"))
            .field("released_by", .uuid, .required, .references("professionals", "id"))
            .field("released_at", .datetime, .required)
            .unique(on: "meeting_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_releases").delete()
    }
}
