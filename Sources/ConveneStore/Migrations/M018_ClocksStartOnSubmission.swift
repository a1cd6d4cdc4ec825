import FluentKit

/// A draft request no longer starts a meeting clock (it starts when the request is submitted), and
/// a meeting clock whose bookings were all cancelled says it awaits a new booking: every stored
/// clock is rewritten under those rules.
struct M018_ClocksStartOnSubmission: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await ConveneStore(database: database).rebuildClocks()
    }

    /// The clocks as the earlier rules kept them cannot be told apart afterwards; nothing to undo.
    func revert(on database: any Database) async throws {}
}
