import FluentKit
import Foundation
import SQLKit

/// Backup and restore of the whole database.
///
/// SQLite: `VACUUM INTO` writes a consistent copy while the server keeps running;
/// a restore checks the copy's integrity, then replaces the file (stop the server first).
/// PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean`.
public enum DatabaseBackup {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case missing(String)
        case notABackup(String)
        case tool(String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists; choose a new file name"
            case .missing(let path): return "cannot read \(path)"
            case .notABackup(let reason): return "the file is not a usable Convene backup: \(reason)"
            case .tool(let message): return message
            }
        }
    }

    /// Writes a consistent copy of the database to `file`.
    public static func backup(_ location: StoreLocation, to file: String) async throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw Failure.exists(file) }
        switch location {
        case .sqliteFile, .sqliteMemory:
            let runtime = try StoreRuntime(location: location)
            let sql = runtime.database as! any SQLDatabase  // Both drivers are SQL databases.
            do {
                try await sql.raw("VACUUM INTO \(bind: file)").run()
            } catch {
                await runtime.shutdown()
                throw error
            }
            await runtime.shutdown()
        case .postgres(let url):
            try run(tool("pg_dump"), ["--format=custom", "--no-owner", "--file", file, "--dbname", url])
        }
    }

    /// Replaces the database with a backup. For SQLite, stop the server first.
    public static func restore(_ location: StoreLocation, from file: String) async throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw Failure.missing(file) }
        switch location {
        case .sqliteMemory:
            throw Failure.tool("an in-memory database cannot be restored")
        case .sqliteFile(let path):
            // Held until the file is replaced: no server may start on it meanwhile, nor run on it.
            let lock = try ServingLock.restore(path)
            defer { withExtendedLifetime(lock) {} }
            try await check(sqliteBackup: file)
            let staging = path + ".restoring"
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.copyItem(atPath: file, toPath: staging)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            // rename(2) replaces the old file in one step: a crash leaves one whole file or the other.
            guard rename(staging, path) == 0 else {
                throw Failure.tool("could not replace \(path) (error \(errno))")
            }
        case .postgres(let url):
            try run(tool("pg_restore"), ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", url, file])
        }
    }

    /// An SQLite backup passes `PRAGMA integrity_check` and has Convene's migrations table.
    static func check(sqliteBackup file: String) async throws {
        let runtime = try StoreRuntime(location: .sqliteFile(file))
        let sql = runtime.database as! any SQLDatabase  // Both drivers are SQL databases.
        let result: String
        do {
            result = try await sql.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self) ?? ""
            _ = try await sql.select().column("name").from("_fluent_migrations").limit(1).all()
        } catch {
            await runtime.shutdown()
            throw Failure.notABackup("it is not an SQLite database made by Convene")
        }
        await runtime.shutdown()
        guard result == "ok" else { throw Failure.notABackup("integrity check said \(result)") }
    }

    /// A PostgreSQL client tool: on PATH, or in Debian's versioned folder.
    static func tool(_ name: String) throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let debian = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        for folder in debian + folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        throw Failure.tool("\(name) is not installed (Debian package postgresql-client)")
    }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure.tool(
                "\(URL(fileURLWithPath: executable).lastPathComponent) failed: \(message.split(separator: "\n").first ?? "")")
        }
    }
}
