import FluentKit

/// An immediate discussion recorded after it was held (by the emergency duty team, at night):
/// when, by whom and why.
struct M024_RecordAfterTheEvent: AsyncMigration {
    static let fields = ["recorded_after_event_at", "recorded_after_event_by", "after_event_reason"]

    func prepare(on database: any Database) async throws {
        try await database.schema("meetings").field("recorded_after_event_at", .datetime).update()
        try await database.schema("meetings").field("recorded_after_event_by", .uuid).update()
        try await database.schema("meetings").field("after_event_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in Self.fields {
            try await database.schema("meetings").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
