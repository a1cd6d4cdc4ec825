import FluentKit

/// The bank-holiday list in use and each organisation's closure days.
struct M006_CreateCalendar: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bank_holidays")
            .id()
            .field("division", .string, .required)
            .field("date", .string, .required)
            .field("title", .string, .required)
            .unique(on: "division", "date")
            .create()
        try await database.schema("closure_days")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("date", .string, .required)
            .field("reason", .string, .required)
            .unique(on: "organisation_id", "date")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("closure_days").delete()
        try await database.schema("bank_holidays").delete()
    }
}
