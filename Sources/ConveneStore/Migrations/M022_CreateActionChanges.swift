import FluentKit

/// Each SMART action's history: completed, cancelled, reopened, reassigned or re-dated, by whom,
/// when and why.
struct M022_CreateActionChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("action_changes")
            .id()
            .field("action_id", .uuid, .required, .references("smart_actions", "id"))
            .field("kind", .string, .required)
            .field("previous_owner_id", .uuid, .references("professionals", "id"))
            .field("new_owner_id", .uuid, .references("professionals", "id"))
            .field("previous_due_at", .datetime)
            .field("new_due_at", .datetime)
            .field("reason", .string)
            .field("changed_by", .uuid, .required, .references("professionals", "id"))
            .field("changed_at", .datetime, .required)
            .create()
        try await database.index("action_changes_action", on: "action_changes", "action_id", "changed_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("action_changes").delete()
    }
}
