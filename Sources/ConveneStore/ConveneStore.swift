import ConveneCore
import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit
import Synchronization

/// Reads and writes Convene's records. Every write checks its input with the
/// Core rules first; multi-row writes run in one transaction.
public struct ConveneStore: Sendable {
    public let database: any Database
    /// The current time; tests pass a fixed clock.
    public let now: @Sendable () -> Date
    /// New record ids; tests may pass a predictable generator.
    public let newID: @Sendable () -> UUID
    /// Where messages come from and link to, for organisations that have not set their own.
    public let mail: MailDefaults

    public init(
        database: any Database, now: @escaping @Sendable () -> Date = { Date() },
        newID: @escaping @Sendable () -> UUID = { UUID() }, mail: MailDefaults = .standard
    ) {
        self.database = database
        self.now = now
        self.newID = newID
        self.mail = mail
    }

    /// Both drivers Convene uses (SQLite, PostgreSQL) are SQL databases.
    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Runs `body` in one database transaction with a store bound to it; inside a transaction
    /// already, in that one.
    ///
    /// On SQLite, background work (`StoreContention.backgroundLockWait`) waits for another
    /// process's lock only briefly: its transaction sets the connection's `busy_timeout` for
    /// itself and puts it back after.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (ConveneStore) async throws -> T) async throws -> T {
        if database.inTransaction { return try await body(self) }
        // Read here: sqlite-nio may run the transaction's body in a task that does not inherit it.
        let background = StoreContention.backgroundLockWait
        return try await database.transaction { tx in
            let store = ConveneStore(database: tx, now: now, newID: newID, mail: mail)
            guard let wait = background, tx is any SQLiteDatabase else { return try await body(store) }
            try await store.setLockWait(wait)
            do {
                let result = try await body(store)
                try await store.setLockWait(StoreContention.lockWait)
                return result
            } catch {
                try? await store.setLockWait(StoreContention.lockWait)
                throw error
            }
        }
    }

    /// How long this SQLite connection's statements wait for another process's lock.
    func setLockWait(_ seconds: TimeInterval) async throws {
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Int(seconds * 1000)))").run()
    }
}

// MARK: - Row helpers

/// Columns are the Core fields in snake_case, as SQLKit names them (`ColumnNames`).
let rowDecoder = SQLRowDecoder(keyDecodingStrategy: .custom { ColumnNames.key(for: $0.last!) })
/// A record whose columns a query selected under a prefix (`a_id`, `a_username` …).
func rowDecoder(prefix: String) -> SQLRowDecoder {
    SQLRowDecoder(prefix: prefix, keyDecodingStrategy: rowDecoder.keyDecodingStrategy)
}
let rowEncoder = SQLQueryEncoder(keyEncodingStrategy: .custom { ColumnNames.key(for: $0.last!) }, nilEncodingStrategy: .asNil)

/// Coding keys to their columns (`caseId` → `case_id`), each asked of SQLKit once and remembered.
/// SQLKit's snake-case strategies convert every key of every row again: a quarter of the
/// dashboard's CPU in a profile (docs/PERFORMANCE.md). The name is SQLKit's own, from its encoder;
/// `StoredRecordsTests` reads every stored record both ways.
enum ColumnNames {
    private static let known = Mutex<[String: String]>([:])

    static func key(for key: any CodingKey) -> any CodingKey {
        ColumnKey(stringValue: column(for: key.stringValue))
    }

    static func column(for key: String) -> String {
        if let name = known.withLock({ $0[key] }) { return name }
        let named = try? SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase).encode(OneField(key: key))
        let name = named?.first?.0 ?? key
        known.withLock { $0[key] = name }
        return name
    }

    /// A record of one field, for SQLKit to name its column.
    private struct OneField: Encodable {
        let key: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ColumnKey.self)
            try container.encode(0, forKey: ColumnKey(stringValue: key))
        }
    }
}

/// A column name as a coding key.
struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension ConveneStore {
    func insert<Row: Encodable & Sendable>(_ row: Row, into table: String) async throws {
        try await sql.insert(into: table).model(row, with: rowEncoder).run()
    }

    func update<Row: Encodable & Sendable>(_ row: Row, in table: String, id: UUID) async throws {
        try await sql.update(table).set(model: row, with: rowEncoder).where("id", .equal, id).run()
    }

    /// How many rows of `table` (a table, or a query under an alias) meet every condition: the
    /// totals that paged lists report beside their page.
    func count(from table: SQLQueryString, where conditions: [SQLQueryString]) async throws -> Int {
        var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "total").from(table)
        for condition in conditions { query = query.where(condition) }
        return try await query.first()?.decode(column: "total", as: Int.self) ?? 0
    }

    func fetch<Row: Decodable>(_ type: Row.Type, from table: String, id: UUID) async throws -> Row? {
        // As text rather than SQLKit's builder: this runs several times in every request, and
        // building the same statement anew each time cost more than running it.
        try await sql.raw("SELECT * FROM \(quoted(table)) WHERE id = \(bind: id) LIMIT 1").first(decoding: type, with: rowDecoder)
    }

    func fetchAll<Row: Decodable>(
        _ type: Row.Type, from table: String, where column: String, in values: [UUID], orderBy: String? = nil
    ) async throws -> [Row] {
        guard !values.isEmpty else { return [] }
        // As text, like `fetch`: pages run several of these, and SQLKit's builder cost more to
        // serialize each time than the statement cost to run.
        let order: SQLQueryString = orderBy.map { " ORDER BY \(quoted($0))" } ?? ""
        return try await sql.raw("SELECT * FROM \(quoted(table)) WHERE \(quoted(column)) IN (\(binds: values))\(order)")
            .all(decoding: type, with: rowDecoder)
    }

    func fetchAll<Row: Decodable>(
        _ type: Row.Type, from table: String, where column: String, equals value: UUID, orderBy: String? = nil
    ) async throws -> [Row] {
        try await fetchAll(type, from: table, where: column, in: [value], orderBy: orderBy)
    }

    /// A table's or column's name in SQL, quoted as SQLite and PostgreSQL both quote names. The
    /// names are Convene's own, never a client's; SQLKit's `\(ident:)` searched each one for
    /// quotes to double through Foundation, 3% of a case page's CPU.
    private func quoted(_ name: String) -> SQLQueryString {
        precondition(!name.utf8.contains(UInt8(ascii: "\"")), "a table or column name with a quote in it")
        return "\(unsafeRaw: "\"" + name + "\"")"
    }

    /// One text column of the rows with these ids, by id; many ids to a query.
    func texts(_ column: String, from table: String, ids: some Collection<UUID>) async throws -> [UUID: String] {
        let all = Array(Set(ids))
        var result: [UUID: String] = [:]
        for start in stride(from: 0, to: all.count, by: 1000) {
            let chunk = Array(all[start..<min(start + 1000, all.count)])
            for row in try await sql.raw("SELECT id, \(quoted(column)) FROM \(quoted(table)) WHERE id IN (\(binds: chunk))").all()
            {
                result[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: column, as: String.self)
            }
        }
        return result
    }

    /// Loads a record the client named in the path, or throws not found.
    func load<Row: Decodable>(_ type: Row.Type, from table: String, id: UUID, entity: String) async throws -> Row {
        guard let row = try await fetch(type, from: table, id: id) else {
            throw DomainError.notFound(entity: entity, id: id.uuidString)
        }
        return row
    }

    /// Takes the next version of one row, and with it the row's lock until the transaction ends
    /// (on SQLite the write lock, before anything is read), so the change that follows reads the
    /// row as the change before left it. With `expected`, a change that started from another
    /// version is refused (409, `DomainError.staleVersion`) instead of overwriting what landed
    /// meanwhile. Returns the new version, which the row saved next must carry.
    func advanceVersion(of table: String, id: UUID, expected: Int?, entity: String) async throws -> Int {
        let version = SQLIdentifier("version")
        var query = sql.update(table).set(version, to: SQLRaw("version + 1")).where("id", .equal, id)
        if let expected { query = query.where("version", .equal, expected) }
        let rows = try await query.returning(version).all()
        guard let row = rows.first else {
            guard
                let current = try await sql.select().column("version").from(table).where("id", .equal, id).first()?
                    .decode(column: "version", as: Int.self)
            else { throw DomainError.notFound(entity: entity, id: id.uuidString) }
            throw DomainError.staleVersion(entity: entity, expected: expected ?? current, actual: current)
        }
        return try row.decode(column: "version", as: Int.self)
    }

    /// Changes a versioned row as it is now, under its next version and lock (`advanceVersion`),
    /// if it is still at `expected` (whatever it is when nil); the saved row.
    func changeVersioned<Row: VersionedRow>(
        _ type: Row.Type, in table: String, id: UUID, expected: Int?, entity: String,
        _ change: (inout Row) async throws -> Void
    ) async throws -> Row {
        let version = try await advanceVersion(of: table, id: id, expected: expected, entity: entity)
        var row = try await load(type, from: table, id: id, entity: entity)
        do {
            try await change(&row)
        } catch {
            // Refused (invalid input, say): the row keeps its version. A page that answers 422 commits
            // its request's transaction, so the version taken above must be given back here, or the
            // person's next try would be refused as stale.
            try await sql.update(table).set("version", to: version - 1).where("id", .equal, id).run()
            throw error
        }
        row.version = version
        try await update(row, in: table, id: id)
        return row
    }

    /// Saves a row read earlier, under its next version, unless another change landed since it
    /// was read (409): a status change made from a stale read is refused, never written over.
    func saveAsRead<Row: VersionedRow>(_ row: Row, in table: String, entity: String) async throws -> Row {
        var saved = row
        saved.version = try await advanceVersion(of: table, id: row.id, expected: row.version, entity: entity)
        try await update(saved, in: table, id: row.id)
        return saved
    }

    /// Loads a professional named in the body, checking the role when given.
    func professional(
        _ id: UUID?, field: String, roles: Set<ProfessionalRole>? = nil
    ) async throws -> Professional {
        guard let id else { throw DomainError.invalid(field, "is required") }
        guard let person = try await fetch(Professional.self, from: "professionals", id: id) else {
            throw DomainError.invalid(field, "no professional has id \(id)")
        }
        if let roles, !roles.contains(person.role) {
            let names = roles.map(\.rawValue).sorted().joined(separator: " or ")
            throw DomainError.invalid(field, "\(person.name) is a \(person.role.rawValue), not a \(names)")
        }
        return person
    }

    /// Loads a professional named in the body who must work for one organisation, through their
    /// team: a service manager agreeing to a change of a case's meeting, its chair and minute taker,
    /// a case's managers. Someone of another organisation is named as such, without saying more.
    func professional(
        _ id: UUID?, field: String, roles: Set<ProfessionalRole>, of organisationId: UUID
    ) async throws -> Professional {
        let person = try await professional(id, field: field, roles: roles)
        guard try await self.organisationId(of: person) == organisationId else {
            throw DomainError.invalid(field, "\(person.name) does not work for this case's organisation")
        }
        return person
    }
}

/// A record with a version for optimistic locking (M017), changed through `changeVersioned` or
/// `saveAsRead`.
protocol VersionedRow: Codable, Sendable, Identifiable where ID == UUID {
    var version: Int { get set }
}

extension StrategyRequest: VersionedRow {}
extension Case: VersionedRow {}
extension CasePerson: VersionedRow {}
extension Escalation: VersionedRow {}
extension SmartAction: VersionedRow {}
extension Decision: VersionedRow {}
extension Dissent: VersionedRow {}
