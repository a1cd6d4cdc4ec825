import FluentKit

/// The one-time message a page shows after a redirect ("Request submitted …"), kept on the session
/// instead of in the address, so no name or free text reaches browser history or proxy logs.
struct M019_AddSessionFlash: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions").field("flash", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").deleteField("flash").update()
    }
}
