import FluentKit

/// The outbox: every message Convene sends, written with the change that causes it; each
/// organisation's mail settings; each person's choice for reminders; and the reminders already
/// sent, so that a person gets at most one of each kind a day.
struct M029_CreateOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox")
            .id()
            .field("message_id", .string, .required)
            .field("organisation_id", .uuid, .references("organisations", "id"))
            .field("kind", .string, .required)
            .field("recipient_id", .uuid, .references("professionals", "id"))
            .field("recipient_name", .string, .required)
            .field("recipient_address", .string)
            .field("case_id", .uuid, .references("cases", "id"))
            .field("meeting_id", .uuid, .references("meetings", "id"))
            .field("sender_name", .string, .required)
            .field("reply_to", .string)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("calendar", .string)
            .field("calendar_method", .string)
            .field("calendar_sequence", .int)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claimed_by", .string)
            .field("claimed_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "message_id")
            .create()
        // The delivery worker's claim: the queued messages due, oldest first.
        try await database.index("outbox_due", on: "outbox", "status", "next_attempt_at")
        try await database.index("outbox_recipient", on: "outbox", "recipient_id", "created_at")
        try await database.index("outbox_meeting", on: "outbox", "meeting_id")

        try await database.schema("mail_settings")
            .field("organisation_id", .uuid, .identifier(auto: false), .references("organisations", "id"))
            .field("sender_name", .string, .required)
            .field("reply_to", .string)
            .field("base_url", .string, .required)
            .create()

        try await database.schema("reminder_preferences")
            .field("professional_id", .uuid, .identifier(auto: false), .references("professionals", "id"))
            .field("preference", .string, .required)
            .create()

        // One row per person, kind, and day (or item, for reminders sent as they fall due).
        try await database.schema("reminders_sent")
            .field("professional_id", .uuid, .required, .references("professionals", "id"))
            .field("kind", .string, .required)
            .field("day", .string, .required)
            .field("item", .string, .required)
            .unique(on: "professional_id", "kind", "day", "item")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reminders_sent").delete()
        try await database.schema("reminder_preferences").delete()
        try await database.schema("mail_settings").delete()
        try await database.schema("outbox").delete()
    }
}
