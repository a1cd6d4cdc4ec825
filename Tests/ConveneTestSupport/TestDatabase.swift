import ConveneStore
import Foundation
import SQLKit

/// The databases the store and API tests run against.
public enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    /// SQLite always; PostgreSQL when `scripts/test` started a server and set
    /// `CONVENE_TEST_POSTGRES_URL` (an admin URL to a throwaway cluster).
    public static var available: [TestBackend] {
        ProcessInfo.processInfo.environment["CONVENE_TEST_POSTGRES_URL"]?.isEmpty == false ? [.sqlite, .postgres] : [.sqlite]
    }

    public var description: String { rawValue }
}

/// A private database for one test: in-memory SQLite, or a fresh PostgreSQL database; both are
/// removed afterwards.
public struct TestDatabase: Sendable {
    public let location: StoreLocation
    private let dropName: String?

    public static func make(_ backend: TestBackend) async throws -> TestDatabase {
        switch backend {
        case .sqlite:
            return TestDatabase(location: .sqliteMemory(identifier: UUID().uuidString), dropName: nil)
        case .postgres:
            let admin = ProcessInfo.processInfo.environment["CONVENE_TEST_POSTGRES_URL"]!
            let name = "convene_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await Self.admin(admin) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            return TestDatabase(location: .postgres(Self.url(admin, database: name)), dropName: name)
        }
    }

    /// Drops the PostgreSQL database, or removes the file sqlite-kit kept the in-memory one in.
    public func drop() async {
        if case .sqliteMemory(let identifier) = location {
            let file = StoreLocation.sqliteMemoryFile(identifier).path
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            return
        }
        guard let name = dropName, let admin = ProcessInfo.processInfo.environment["CONVENE_TEST_POSTGRES_URL"] else { return }
        try? await Self.admin(admin) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
    }

    private static func admin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let runtime = try StoreRuntime(location: .postgres(url))
        do {
            // Both drivers are SQL databases.
            try await body(runtime.database as! any SQLDatabase)
        } catch {
            await runtime.shutdown()
            throw error
        }
        await runtime.shutdown()
    }

    /// The same server URL with another database name.
    static func url(_ admin: String, database: String) -> String {
        guard var components = URLComponents(string: admin) else { return admin }
        components.path = "/" + database
        return components.string ?? admin
    }
}
