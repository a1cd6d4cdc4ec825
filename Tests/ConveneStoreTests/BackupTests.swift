import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Backup and restore")
struct BackupTests {
    /// A database file or a fresh PostgreSQL database, with the demo data loaded.
    func withLoadedDatabase(_ backend: TestBackend, _ body: (StoreLocation, String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = backend == .sqlite ? nil : try await TestDatabase.make(backend)
        let location = database?.location ?? .sqliteFile(folder.appendingPathComponent("live.sqlite").path)
        let runtime = try StoreRuntime(location: location)
        do {
            try await runtime.migrate()
            _ = try await DemoData(database: runtime.database, now: Date()).load()
            await runtime.shutdown()
            try await body(location, folder.appendingPathComponent("backup.convene").path)
        } catch {
            await runtime.shutdown()
            await database?.drop()
            throw error
        }
        await database?.drop()
    }

    func count(_ table: String, _ location: StoreLocation) async throws -> Int {
        let runtime = try StoreRuntime(location: location)
        let sql = runtime.database as! any SQLDatabase
        let n = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
        await runtime.shutdown()
        return n
    }

    @Test(arguments: TestBackend.available)
    func restoreBringsBackExactlyWhatWasBackedUp(backend: TestBackend) async throws {
        try await withLoadedDatabase(backend) { location, file in
            // Given a backup taken after the demo data was loaded
            try await DatabaseBackup.backup(location, to: file)
            let cases = try await count("cases", location)
            let actions = try await count("smart_actions", location)
            // When more records are written and the backup is restored
            let runtime = try StoreRuntime(location: location)
            _ = try await ConveneStore(database: runtime.database).createAgency(
                AgencyInput(name: "After the backup", kind: .housing))
            await runtime.shutdown()
            let agenciesBefore = try await count("agencies", location)
            try await DatabaseBackup.restore(location, from: file)
            // Then every table is as it was at the backup
            #expect(try await count("cases", location) == cases)
            #expect(try await count("smart_actions", location) == actions)
            #expect(try await count("agencies", location) == agenciesBefore - 1)
            // And the restored database is ready to serve
            let restored = try StoreRuntime(location: location)
            #expect(await ConveneStore(database: restored.database).readiness().ready)
            #expect(try await ConveneStore(database: restored.database).durabilityProblems().isEmpty)
            await restored.shutdown()
        }
    }

    @Test func backupRefusesToOverwriteAndRestoreRefusesAFileThatIsNotABackup() async throws {
        try await withLoadedDatabase(.sqlite) { location, file in
            try "not a database".write(toFile: file, atomically: true, encoding: .utf8)
            await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.backup(location, to: file) }
            let before = try await count("cases", location)
            await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.restore(location, from: file) }
            #expect(try await count("cases", location) == before)
        }
    }
}

@Suite("Durability settings")
struct DurabilityTests {
    @Test func sqliteInWALBelowFullSynchronousIsReportedAsUnsafe() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("durability-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runtime = try StoreRuntime(location: .sqliteFile(path))
        let problems = try await runtime.database.withConnection { connection in
            let store = ConveneStore(database: connection)
            try await store.useWriteAheadLog()
            try await (connection as! any SQLDatabase).raw("PRAGMA synchronous = NORMAL").run()
            let unsafe = try await store.durabilityProblems()
            try await (connection as! any SQLDatabase).raw("PRAGMA synchronous = FULL").run()
            return (unsafe, try await store.durabilityProblems())
        }
        await runtime.shutdown()
        #expect(problems.0 == ["SQLite is in WAL mode with synchronous=1; it must be FULL (2) or EXTRA (3)"])
        #expect(problems.1.isEmpty)
    }
}
