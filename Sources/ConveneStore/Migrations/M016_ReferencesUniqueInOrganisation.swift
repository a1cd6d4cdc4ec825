import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Case references are unique within an organisation, not across organisations (docs/SECURITY.md,
/// "Cases"): a reference already used by another authority must neither be refused nor confirmed.
/// Cases carry their team's organisation (set on creation, `ConveneStore.createCase`, and by the
/// demo's bulk load as this does), indexed uniquely with the reference; M002's unique reference goes.
struct M016_ReferencesUniqueInOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if let sqlite = database as? any SQLiteDatabase {
            try await Self.dropUniqueReference(sqlite)
        } else {
            let constraints = try await sql.raw(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'cases'::regclass AND contype = 'u'"
            ).all()
            for row in constraints {
                let name = try row.decode(column: "conname", as: String.self)
                try await sql.raw("ALTER TABLE cases DROP CONSTRAINT \(ident: name)").run()
            }
        }
        try await database.schema("cases").field("organisation_id", .uuid).update()
        try await sql.raw(Self.fillOrganisation(where: "organisation_id IS NULL")).run()
        try await database.index("cases_organisation_reference", on: "cases", "organisation_id", "reference", unique: true)
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "cases_organisation_reference").run()
        try await database.schema("cases").deleteField("organisation_id").update()
    }

    /// Sets `organisation_id` of the cases that meet `condition` to their team's organisation.
    static func fillOrganisation(where condition: SQLQueryString) -> SQLQueryString {
        "UPDATE cases SET organisation_id = (SELECT organisation_id FROM teams WHERE teams.id = cases.team_id) WHERE \(condition)"
    }

    /// SQLite cannot drop a table's constraint, so the table is rebuilt without it, as SQLite's
    /// documentation lays out: on one connection, with foreign keys off, a new table from the
    /// old one's own definition less the constraint, the rows copied, the old table dropped, the
    /// new one renamed, its indexes made again, and the foreign keys checked before committing.
    static func dropUniqueReference(_ sqlite: any SQLiteDatabase) async throws {
        try await sqlite.withConnection { connection in
            let db = connection.sql()
            guard
                let definition = try await db.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cases'")
                    .first()?.decode(column: "sql", as: String.self),
                let unique = definition.range(
                    of: #",\s*CONSTRAINT\s+"[^"]*"\s+UNIQUE\s*\(\s*"reference"\s*\)"#, options: .regularExpression),
                let name = definition.range(of: #"CREATE TABLE\s+"?cases"?"#, options: .regularExpression)
            else { throw MigrationError.unexpectedSchema("the cases table has no unique reference to drop") }
            var rebuilt = definition
            rebuilt.removeSubrange(unique)
            rebuilt.replaceSubrange(name, with: #"CREATE TABLE "cases_rebuilt""#)
            let indexes = try await db.raw(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL"
            ).all().map { try $0.decode(column: "sql", as: String.self) }
            try await db.raw("PRAGMA foreign_keys = OFF").run()
            do {
                try await db.raw("BEGIN TRANSACTION").run()
                try await db.raw(SQLQueryString(rebuilt)).run()
                try await db.raw("INSERT INTO cases_rebuilt SELECT * FROM cases").run()
                try await db.raw("DROP TABLE cases").run()
                try await db.raw("ALTER TABLE cases_rebuilt RENAME TO cases").run()
                for index in indexes { try await db.raw(SQLQueryString(index)).run() }
                let broken = try await db.raw("PRAGMA foreign_key_check").all()
                guard broken.isEmpty else {
                    throw MigrationError.unexpectedSchema("\(broken.count) rows refer to missing records")
                }
                try await db.raw("COMMIT TRANSACTION").run()
            } catch {
                try? await db.raw("ROLLBACK TRANSACTION").run()
                try? await db.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await db.raw("PRAGMA foreign_keys = ON").run()
        }
    }

    enum MigrationError: Error, CustomStringConvertible {
        case unexpectedSchema(String)
        var description: String {
            switch self {
            case .unexpectedSchema(let detail): return "M016 cannot make case references unique by organisation: \(detail)"
            }
        }
    }
}
