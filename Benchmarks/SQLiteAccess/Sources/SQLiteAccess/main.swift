import Foundation
import GRDB
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

// Usage: SQLiteAccess FILE [READS]
// FILE is a Convene database (`convene demo --scale large --db FILE`); it is only read.

/// One stored clock, as the dashboard reads 100 of them.
struct StoredClock: Codable, FetchableRecord, Sendable {
    var caseId: UUID
    var kind: String
    var subjectId: UUID
    var caseReference: String
    var teamId: UUID
    var label: String
    var startedAt: Date
    var dueAt: Date
    var dueSoonFrom: Date
    var completedAt: Date?
    var runningUntil: Date
    var ownerId: UUID?
    var warning: String?

    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseDateDecodingStrategy = DatabaseDateDecodingStrategy.timeIntervalSince1970
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: SQLiteAccess FILE [READS]")
    exit(2)
}
let path = arguments[1]
let reads = arguments.count > 2 ? Int(arguments[2]) ?? 2000 : 2000
let now = Date().timeIntervalSince1970

/// The dashboard's read: a team's running clocks, most urgent first, the first 100.
let clocksSQL = """
    SELECT * FROM case_clocks WHERE team_id = ?1 AND completed_at IS NULL AND running_until > ?2
    ORDER BY due_at, kind, case_id, subject_id LIMIT 100
    """
/// A point read: one case's people (the case page reads several such).
let peopleSQL = "SELECT * FROM case_people WHERE case_id = ?1"

/// Runs `body` `count` times on `tasks` tasks at once; the mean wall time per run in µs.
func timed(_ count: Int, tasks: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
    let started = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<tasks {
            group.addTask {
                for n in stride(from: task, to: count, by: tasks) { try await body(n) }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - started
    return Double(elapsed.components.seconds) * 1e6 / Double(count) + Double(elapsed.components.attoseconds) / 1e12
        / Double(count)
}

// MARK: sqlite-nio + SQLKit, as Convene reads

let threads = NIOThreadPool(numberOfThreads: 2)
threads.start()
let loops = MultiThreadedEventLoopGroup(numberOfThreads: 2)
let source = SQLiteConnectionSource(configuration: .init(storage: .file(path: path)), threadPool: threads)
let pool = EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: 2, on: loops)
/// Runs `body` on a pooled connection, as Fluent's SQLite database does for each statement.
@Sendable func withNIO<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    try await pool.withConnection { connection in
        connection.eventLoop.makeFutureWithTask { try await body(connection.sql()) }
    }.get()
}
let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)

let teamRow = try await withNIO {
    try await $0.raw("SELECT team_id FROM case_clocks GROUP BY team_id ORDER BY COUNT(*) DESC LIMIT 1").first()!
}
let team = try teamRow.decode(column: "team_id", as: String.self)
let caseIds = try await withNIO { try await $0.raw("SELECT id FROM cases ORDER BY id LIMIT 500").all() }.map {
    try $0.decode(column: "id", as: String.self)
}

// MARK: GRDB DatabasePool

var configuration = Configuration()
configuration.readonly = true
configuration.maximumReaderCount = 2
let grdb = try DatabasePool(path: path, configuration: configuration)

print("reads of \(path): \(reads) each, microseconds per read (lower is better)")
print("read                                        tasks  sqlite-nio+SQLKit   GRDB pool")
for tasks in [1, 2] {
    for round in 0..<2 {
        let nioClocks = try await timed(reads / 4, tasks: tasks) { _ in
            let rows = try await withNIO {
                try await $0.raw(
                """
                SELECT * FROM case_clocks WHERE team_id = \(bind: team) AND completed_at IS NULL \
                AND running_until > \(bind: now) ORDER BY due_at, kind, case_id, subject_id LIMIT 100
                """
                ).all()
            }
            let clocks = try rows.map { try $0.decode(model: StoredClock.self, with: decoder) }
            precondition(clocks.count == 100)
        }
        let grdbClocks = try await timed(reads / 4, tasks: tasks) { _ in
            let clocks = try await grdb.read { db in
                try StoredClock.fetchAll(db.cachedStatement(sql: clocksSQL), arguments: [team, now])
            }
            precondition(clocks.count == 100)
        }
        let nioPeople = try await timed(reads, tasks: tasks) { n in
            _ = try await withNIO {
                try await $0.raw("SELECT * FROM case_people WHERE case_id = \(bind: caseIds[n % caseIds.count])").all()
            }
        }
        let grdbPeople = try await timed(reads, tasks: tasks) { n in
            let id = caseIds[n % caseIds.count]
            // The rows' count comes back (GRDB's rows are not Sendable, and only a Sendable result
            // takes the async read, which hops to a reader and back as sqlite-nio does).
            _ = try await grdb.read { db in
                try Row.fetchAll(db.cachedStatement(sql: peopleSQL), arguments: [id]).count
            }
        }
        // A page's reads: eight point reads, each its own hop through sqlite-nio as the store makes
        // them today, against one read transaction (one hop) through GRDB.
        let nioPage = try await timed(reads / 8, tasks: tasks) { n in
            for k in 0..<8 {
                _ = try await withNIO {
                    try await $0.raw("SELECT * FROM case_people WHERE case_id = \(bind: caseIds[(n + k) % caseIds.count])")
                        .all()
                }
            }
        }
        let grdbPage = try await timed(reads / 8, tasks: tasks) { n in
            _ = try await grdb.read { db in
                try (0..<8).reduce(0) { total, k in
                    total + (try Row.fetchAll(db.cachedStatement(sql: peopleSQL), arguments: [caseIds[(n + k) % caseIds.count]]).count)
                }
            }
        }
        let label = round == 0 ? "(warm-up) " : ""
        print("\(label)dashboard: 100 clocks decoded".padding(toLength: 44, withPad: " ", startingAt: 0)
            + "\(tasks)".padding(toLength: 7, withPad: " ", startingAt: 0)
            + String(format: "%17.0f %11.0f", nioClocks, grdbClocks))
        print("\(label)point read: a case's people".padding(toLength: 44, withPad: " ", startingAt: 0)
            + "\(tasks)".padding(toLength: 7, withPad: " ", startingAt: 0)
            + String(format: "%17.0f %11.0f", nioPeople, grdbPeople))
        print("\(label)a page: 8 point reads".padding(toLength: 44, withPad: " ", startingAt: 0)
            + "\(tasks)".padding(toLength: 7, withPad: " ", startingAt: 0)
            + String(format: "%17.0f %11.0f", nioPage, grdbPage))
    }
}
try await pool.shutdownAsync()
try await threads.shutdownGracefully()
