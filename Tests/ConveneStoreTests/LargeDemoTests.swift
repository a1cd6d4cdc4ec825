import ConveneCore
import ConveneStore
import Foundation
import SQLKit
import Testing

/// `convene demo --scale` builds the benchmark's data: its busy team must hold far more open
/// actions than an ordinary team, with their clocks, so that the two dashboards can be compared.
struct LargeDemoTests {
    @Test func theSecondTeamIsBusyWithManyMoreOpenActionsAndTheirClocks() async throws {
        let now = london("2026-11-23", "19:00")
        try await StoreFixture.with(now: now, backend: .sqlite) { f in
            let summary = try await LargeDemo(database: f.runtime.database, now: now, fraction: 0.02).load()
            #expect(summary.teams == 2)
            let sql = f.runtime.database as! any SQLDatabase
            let rows = try await sql.raw(
                """
                SELECT t.name AS team, COUNT(a.id) AS open_actions, SUM(CASE WHEN k.kind = 'action' THEN 1 ELSE 0 END) AS clocks
                FROM smart_actions a JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = c.team_id
                LEFT JOIN case_clocks k ON k.subject_id = a.id AND k.kind = 'action'
                WHERE a.status = 'open' GROUP BY t.name ORDER BY t.name
                """
            ).all()
            let open = try rows.map { try $0.decode(column: "open_actions", as: Int.self) }
            let clocks = try rows.map { try $0.decode(column: "clocks", as: Int.self) }
            #expect(open.count == 2)
            // 8,000 × 2% = 160 more, on the busy team's 80 latest discussions.
            #expect(open[1] - open[0] >= 150, "\(open)")
            #expect(clocks == open, "every open action has its clock")
        }
    }
}
