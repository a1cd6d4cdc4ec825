import FluentKit

/// Every case's clocks as its record sets them (start, due, completion, owner), rewritten in the
/// same transaction as any change to the record, so lists read clocks with an index instead of
/// replaying each case's history. States are worked out from the times at each read.
struct M009_CreateCaseClocks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("case_clocks")
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("case_reference", .string, .required)
            .field("team_id", .uuid, .required)
            .field("label", .string, .required)
            .field("started_at", .datetime, .required)
            .field("due_at", .datetime, .required)
            .field("due_soon_from", .datetime, .required)
            .field("completed_at", .datetime)
            .field("running_until", .datetime, .required)
            .field("owner_id", .uuid)
            .field("warning", .string)
            .unique(on: "case_id", "kind", "subject_id")
            .create()
        try await database.index("case_clocks_team_running", on: "case_clocks", "team_id", "running_until")
        try await database.index("case_clocks_owner_running", on: "case_clocks", "owner_id", "running_until")
        // Databases that already hold cases get their clocks now.
        try await ConveneStore(database: database).rebuildClocks()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_clocks").delete()
    }
}
