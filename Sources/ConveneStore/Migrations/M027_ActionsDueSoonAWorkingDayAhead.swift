import FluentKit

/// A SMART action is due soon from the working day before it is due: every stored clock is
/// rewritten under that rule.
struct M027_ActionsDueSoonAWorkingDayAhead: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await ConveneStore(database: database).rebuildClocks()
    }

    /// The earlier due-soon times cannot be told apart afterwards; nothing to undo.
    func revert(on database: any Database) async throws {}
}
