import ConveneCore
import FluentKit
import Foundation
import SQLKit
import Synchronization

/// Whether the database can serve requests.
public struct Readiness: Sendable, Codable, Equatable {
    public var ready: Bool
    /// Migrations in the code that the database has not applied.
    public var pendingMigrations: [String]
    public var detail: String

    public init(ready: Bool, pendingMigrations: [String], detail: String) {
        self.ready = ready
        self.pendingMigrations = pendingMigrations
        self.detail = detail
    }
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

    /// Reachable, answering a real query within `limit`, and fully migrated.
    /// A query stuck on a lock or a dead disk is left to finish on its own: the answer does not wait for it.
    public func readiness(within limit: Duration) async -> Readiness {
        let answered = FirstAnswer()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Readiness, Never>) in
            Task {
                let found = await readiness()
                if answered.take() { continuation.resume(returning: found) }
            }
            Task {
                try? await Task.sleep(for: limit)
                if answered.take() {
                    continuation.resume(
                        returning: Readiness(
                            ready: false, pendingMigrations: [], detail: "the database did not answer within \(limit)"))
                }
            }
        }
    }

    /// Reachable and fully migrated.
    public func readiness() async -> Readiness {
        do {
            // A real read of a table every request relies on, not only the migrations' list.
            _ = try await sql.raw("SELECT hash FROM audit_head").all()
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

/// Lets exactly one of two racing answers through.
private final class FirstAnswer: Sendable {
    private let given = Mutex(false)

    /// True for the first caller only.
    func take() -> Bool {
        given.withLock { given in
            defer { given = true }
            return !given
        }
    }
}
