import FluentKit

/// Cases and the people on them.
struct M002_CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cases")
            .id()
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("reference", .string, .required)
            .field("case_type", .string, .required)
            .field("referral_date", .string)
            .field("social_worker_id", .uuid, .required, .references("professionals", "id"))
            .field("team_manager_id", .uuid, .required, .references("professionals", "id"))
            .field("service_manager_id", .uuid, .required, .references("professionals", "id"))
            .field("assessment_completed_on", .string)
            .field("s47_completed_on", .string)
            .field("icpc_held_on", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "reference")
            .create()
        try await database.index("cases_team", on: "cases", "team_id")
        try await database.schema("case_people")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("role", .string, .required)
            .field("full_name", .string, .required)
            .field("date_of_birth", .string)
            .field("ethnicity", .string)
            .field("disability", .string)
            .field("case_number", .string)
            .field("address", .string)
            .field("relationship", .string)
            .field("checks_required", .string)
            .create()
        try await database.index("case_people_case", on: "case_people", "case_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_people").delete()
        try await database.schema("cases").delete()
    }
}
