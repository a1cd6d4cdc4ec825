import FluentKit
import SQLKit

/// Running clocks by case: a list of someone's clocks across every team starts from their cases
/// (2,500 for a team manager) and, without this, read every clock those cases ever had, 35,000
/// rows most of them stopped, to keep the 3,000 still running (`GET /api/v1/clocks?overdue=true`
/// 252 → 46 ms alone at 100%).
struct M011_IndexRunningClocksByCase: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.index("case_clocks_case_running", on: "case_clocks", "case_id", "running_until")
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "case_clocks_case_running").run()
    }
}
