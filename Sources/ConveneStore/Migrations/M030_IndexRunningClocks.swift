import FluentKit
import SQLKit

/// The reminders' search each minute (`remindersDue`): the clocks still running and due soon,
/// without reading every clock of ten years of cases.
struct M030_IndexRunningClocks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.index("case_clocks_running_due", on: "case_clocks", "running_until", "due_soon_from")
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "case_clocks_running_due").run()
    }
}
