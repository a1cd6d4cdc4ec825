import FluentKit
import SQLKit

/// Organisations, teams, agencies and professionals.
struct M001_CreateDirectory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("name", .string, .required)
            .field("policy_json", .string, .required)
            .create()
        try await database.schema("teams")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("locality", .string, .required)
            .create()
        try await database.schema("agencies")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .create()
        try await database.schema("professionals")
            .id()
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("job_title", .string, .required)
            .field("agency_id", .uuid, .required, .references("agencies", "id"))
            .field("team_id", .uuid, .references("teams", "id"))
            .field("email", .string, .required)
            .field("phone", .string)
            .create()
        try await database.index("professionals_team", on: "professionals", "team_id")
    }

    func revert(on database: any Database) async throws {
        for table in ["professionals", "agencies", "teams", "organisations"] {
            try await database.schema(table).delete()
        }
    }
}

extension Database {
    /// Creates an index; Fluent's schema builder has none.
    func index(_ name: String, on table: String, _ columns: String..., unique: Bool = false) async throws {
        let sql = self as! any SQLDatabase  // Both drivers are SQL databases.
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
