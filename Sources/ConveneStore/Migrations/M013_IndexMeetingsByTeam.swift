import FluentKit
import SQLKit

/// Meetings carry their case's team (a case never changes team), indexed with their start, so
/// the team dashboard's meetings without quorum read the team's few meetings in its 44 days
/// instead of checking the team of each of the authority's 1,200 (0.9 → 0.1 ms at 100%).
/// Booking sets it (`ConveneStore.book`); the demo's bulk load fills it as this does.
struct M013_IndexMeetingsByTeam: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("meetings").field("team_id", .uuid).update()
        try await (database as! any SQLDatabase).raw(Self.fillTeam(where: "team_id IS NULL")).run()
        try await database.index("meetings_team_start", on: "meetings", "team_id", "scheduled_start")
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "meetings_team_start").run()
        try await database.schema("meetings").deleteField("team_id").update()
    }

    /// Sets `team_id` of the meetings that meet `condition` to their case's team.
    static func fillTeam(where condition: SQLQueryString) -> SQLQueryString {
        "UPDATE meetings SET team_id = (SELECT team_id FROM cases WHERE cases.id = meetings.case_id) WHERE \(condition)"
    }
}
