import FluentKit

/// Who recorded each contribution, decision, dissent, agreed change and correction, beside whom it is for:
/// "recorded by Jo Pemberton for DS Brightwater" (docs/SECURITY.md, "Who acted"). Empty on rows
/// recorded before this migration.
struct M015_RecordWhoRecorded: AsyncMigration {
    static let tables = ["contributions", "decisions", "dissents", "meeting_changes", "corrections"]

    func prepare(on database: any Database) async throws {
        for table in Self.tables {
            try await database.schema(table).field("recorded_by", .uuid).update()
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables { try await database.schema(table).deleteField("recorded_by").update() }
    }
}
