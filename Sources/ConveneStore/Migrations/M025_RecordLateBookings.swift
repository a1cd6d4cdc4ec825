import FluentKit

/// The reason a strategy discussion was booked after its request's timescale.
struct M025_RecordLateBookings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("meetings").field("late_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("meetings").deleteField("late_reason").update()
    }
}
