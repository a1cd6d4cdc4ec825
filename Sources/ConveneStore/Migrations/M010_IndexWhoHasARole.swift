import FluentKit
import SQLKit

/// Indexes for the questions every list asks: which cases and meetings a person has a role in,
/// and which disagreements are still open.
struct M010_IndexWhoHasARole: AsyncMigration {
    static let indexes: [(name: String, table: String, column: String)] = [
        ("cases_social_worker", "cases", "social_worker_id"), ("cases_team_manager", "cases", "team_manager_id"),
        ("cases_service_manager", "cases", "service_manager_id"), ("meetings_chair", "meetings", "chair_id"),
        ("meetings_minute_taker", "meetings", "minute_taker_id"), ("dissents_status", "dissents", "status"),
        ("break_glass_professional", "break_glass_grants", "professional_id"),
    ]

    func prepare(on database: any Database) async throws {
        for index in Self.indexes { try await database.index(index.name, on: index.table, index.column) }
    }

    func revert(on database: any Database) async throws {
        for index in Self.indexes { try await (database as! any SQLDatabase).drop(index: index.name).run() }
    }
}
