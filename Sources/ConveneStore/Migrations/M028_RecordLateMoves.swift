import FluentKit

/// The reason a move takes a discussion past its request's timescale, kept with the move (and,
/// once it is made, on the meeting).
struct M028_RecordLateMoves: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("meeting_changes").field("late_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meeting_changes").deleteField("late_reason").update()
    }
}
