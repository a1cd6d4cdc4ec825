import ConveneCore
import FluentKit
import Foundation
import SQLKit

/// Whether the database can serve requests.
public struct Readiness: Sendable, Codable, Equatable {
    public var ready: Bool
    /// Migrations in the code that the database has not applied.
    public var pendingMigrations: [String]
    public var detail: String
}

extension ConveneStore {
    /// Settings that would lose acknowledged writes in a crash; empty when durable.
    /// SQLite in WAL mode must use `synchronous` FULL or stricter; PostgreSQL must have `fsync` on.
    public func durabilityProblems() async throws -> [String] {
        if sql.dialect.name == "sqlite" {
            let mode = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) ?? ""
            let synchronous = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self) ?? 0
            if mode.lowercased() == "wal" && synchronous < 2 {
                return ["SQLite is in WAL mode with synchronous=\(synchronous); it must be FULL (2) or EXTRA (3)"]
            }
            return []
        }
        let fsync = try await sql.raw("SHOW fsync").first()?.decode(column: "fsync", as: String.self) ?? "on"
        return fsync == "on" ? [] : ["PostgreSQL runs with fsync=\(fsync); acknowledged writes could be lost in a crash"]
    }

    /// Puts an SQLite file into WAL mode (readers do not block the writer). A no-op elsewhere.
    public func useWriteAheadLog() async throws {
        guard sql.dialect.name == "sqlite" else { return }
        _ = try await sql.raw("PRAGMA journal_mode=WAL").all()
    }

    /// Reachable and fully migrated.
    public func readiness() async -> Readiness {
        do {
            let applied = Set(
                try await sql.select().column("name").from("_fluent_migrations").all().map {
                    try $0.decode(column: "name", as: String.self)
                })
            let pending = ConveneMigrations.all.map(\.name).filter { !applied.contains($0) }
            return Readiness(
                ready: pending.isEmpty, pendingMigrations: pending, detail: pending.isEmpty ? "ready" : "migrations are pending")
        } catch {
            return Readiness(ready: false, pendingMigrations: [], detail: "the database cannot be reached")
        }
    }
}
