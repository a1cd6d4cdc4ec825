import ConveneCore
import FluentKit
import SQLKit

/// A service manager agrees to move or cancel a booking signed in, or is asked to and approves or
/// declines it, or has a telephone agreement recorded for them that they acknowledge. Changes
/// recorded before this were made at once; one recorded by someone else was given by telephone,
/// and counts as acknowledged so that it does not reach the service manager's work list now.
struct M026_AgreeChangesSignedIn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("meeting_changes")
            .field("agreement", .string, .required, .sql(.default(Agreement.signedIn.rawValue))).update()
        try await database.schema("meeting_changes")
            .field("status", .string, .required, .sql(.default(MeetingChangeStatus.agreed.rawValue))).update()
        try await database.schema("meeting_changes").field("decided_at", .datetime).update()
        try await database.schema("meeting_changes").field("declined_reason", .string).update()
        try await database.schema("meeting_changes").field("acknowledged_at", .datetime).update()
        let sql = database as! any SQLDatabase  // Both drivers are SQL databases.
        try await sql.raw(
            """
            UPDATE meeting_changes SET agreement = \(bind: Agreement.byTelephone.rawValue), acknowledged_at = recorded_at
            WHERE recorded_by IS NOT NULL AND recorded_by <> agreed_by
            """
        ).run()
        try await database.index("meeting_changes_waiting", on: "meeting_changes", "agreed_by", "status")
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "meeting_changes_waiting").run()
        for field in ["agreement", "status", "decided_at", "declined_reason", "acknowledged_at"] {
            try await database.schema("meeting_changes").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
