import FluentKit
import SQLKit

/// Accounts, sessions, API tokens, sign-in failures, the hash-chained audit log,
/// minutes sharing with its disclosure log, and break-glass grants.
struct M007_CreateAccess: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("role", .string, .required)
            .field("professional_id", .uuid, .references("professionals", "id"))
            .field("password_hash", .string, .required)
            .field("totp_secret", .string, .required)
            .field("totp_last_step", .int64)
            .field("disabled_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "username")
            .create()
        try await database.schema("sessions")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("token_hash", .string, .required)
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("end_reason", .string)
            .unique(on: "token_hash")
            .create()
        try await database.index("sessions_account", on: "sessions", "account_id")
        try await database.schema("api_tokens")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("sign_in_failures")
            .id()
            .field("username_key", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.index("sign_in_failures_at", on: "sign_in_failures", "at")

        try await database.schema("audit_events")
            .field("seq", .int64, .identifier(auto: false))
            .field("id", .uuid, .required)
            .field("at", .string, .required)
            .field("account_id", .uuid)
            .field("username", .string, .required)
            .field("role", .string, .required)
            .field("action", .string, .required)
            .field("route", .string, .required)
            .field("record_kind", .string)
            .field("record_id", .uuid)
            .field("case_id", .uuid)
            .field("address", .string, .required)
            .field("request_id", .string, .required)
            .field("break_glass", .bool, .required)
            .field("reason", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.index("audit_events_case", on: "audit_events", "case_id")
        try await database.index("audit_events_account", on: "audit_events", "account_id")
        try await database.index("audit_events_at", on: "audit_events", "at")
        // One row: the end of the chain. Appending locks it, so appends are strictly ordered.
        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, \(bind: String(repeating: "0", count: 64)))")
            .run()
        try await AuditGuard.install(on: sql)

        try await database.schema("minutes_shares")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("professional_id", .uuid, .required, .references("professionals", "id"))
            .field("granted_by", .uuid, .required, .references("professionals", "id"))
            .field("reason", .string, .required)
            .field("granted_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("revoked_by", .uuid, .references("professionals", "id"))
            .create()
        try await database.index("minutes_shares_meeting", on: "minutes_shares", "meeting_id")
        try await database.schema("disclosures")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("disclosed_by", .uuid, .required, .references("professionals", "id"))
            .field("disclosed_to", .uuid, .required, .references("professionals", "id"))
            .field("what", .string, .required)
            .field("why", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.index("disclosures_meeting", on: "disclosures", "meeting_id")
        try await database.schema("break_glass_grants")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("professional_id", .uuid, .required, .references("professionals", "id"))
            .field("reason", .string, .required)
            .field("granted_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("service_manager_id", .uuid, .required, .references("professionals", "id"))
            .field("acknowledged_at", .datetime)
            .create()
        try await database.index("break_glass_case", on: "break_glass_grants", "case_id")
    }

    func revert(on database: any Database) async throws {
        try await AuditGuard.remove(on: database as! any SQLDatabase)
        for table in [
            "break_glass_grants", "disclosures", "minutes_shares", "audit_head", "audit_events", "sign_in_failures",
            "api_tokens", "sessions", "accounts",
        ] {
            try await database.schema(table).delete()
        }
    }
}

/// Database triggers that refuse UPDATE and DELETE on the audit log. Someone with the rights to drop
/// them can still edit rows; the hash chain is what shows that they did (`convene audit verify`).
public enum AuditGuard {
    public static func install(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                    """
                ).run()
            }
        } else {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """
            ).run()
        }
    }

    public static func remove(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_delete").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
    }
}
