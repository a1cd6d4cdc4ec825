import FluentKit
import SQLKit

/// A version on each record two people can change at once (a draft request, a case's milestones, a
/// SMART action, a decision, a different view, an organisation's policy), for optimistic locking: a change names the version it started from (the API's
/// `If-Match`, the forms' hidden field) and is refused with 409 when another landed first.
struct M017_AddVersions: AsyncMigration {
    static let tables = ["strategy_requests", "cases", "smart_actions", "decisions", "dissents", "organisations"]

    func prepare(on database: any Database) async throws {
        for table in Self.tables {
            try await database.schema(table).field("version", .int, .required, .sql(.default(1))).update()
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables { try await database.schema(table).deleteField("version").update() }
    }
}
