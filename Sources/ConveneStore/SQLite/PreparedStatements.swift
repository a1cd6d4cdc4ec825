import CSQLiteOptions
import NIOCore
import SQLKit
import SQLiteNIO
import Synchronization
import VaporCSQLite

/// The statements one SQLite connection keeps prepared, by their SQL text, and the one place
/// that runs them. A statement is used by one caller at a time (the lock is held from binding to
/// reset), and is reset as soon as its rows are read, so no read transaction outlives its
/// statement.
public final class PreparedStatements: Sendable {
    /// The most statements a connection keeps; past this it finalizes them all and starts again
    /// (lists with `IN (…)` of different lengths are different texts).
    static let capacity = 256

    private struct Handle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private struct Prepared {
        let statement: OpaquePointer
        /// The result's column names, as read after the statement was last prepared (SQLite
        /// prepares it again by itself after a schema change, which may change `SELECT *`).
        var columns: ResultColumns?
        var preparedAgain: Int32 = 0
    }

    private struct Cache: ~Copyable {
        var statements: [String: Prepared] = [:]

        /// Finalizes every statement and forgets them.
        mutating func finalizeAll() {
            for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
            statements.removeAll()
        }

        /// The column names of a statement that has just returned a row, read once per preparation.
        mutating func columns(of text: String, _ prepared: Prepared) -> ResultColumns {
            let preparedAgain = sqlite_nio_sqlite3_stmt_status(prepared.statement, SQLITE_STMTSTATUS_REPREPARE, 0)
            if let columns = prepared.columns, prepared.preparedAgain == preparedAgain { return columns }
            let columns = ResultColumns(prepared.statement)
            statements[text]?.columns = columns
            statements[text]?.preparedAgain = preparedAgain
            return columns
        }
    }

    private let handle: Handle
    private let cache = Mutex(Cache())

    private init(handle: OpaquePointer) {
        self.handle = Handle(pointer: handle)
    }

    // MARK: One per connection

    private struct Entry {
        weak var connection: SQLiteConnection?
        let statements: PreparedStatements
    }

    private static let registry = Mutex<[ObjectIdentifier: Entry]>([:])

    /// The statements of `connection`, or nil when its handle cannot be reached (then the caller
    /// runs the statement through sqlite-nio).
    static func of(_ connection: SQLiteConnection) -> PreparedStatements? {
        let key = ObjectIdentifier(connection)
        if let entry = registry.withLock({ $0[key] }), entry.connection === connection { return entry.statements }
        guard !connection.isClosed, let handle = rawHandle(of: connection) else { return nil }
        // Without this, SQLite compiles a kept statement again whenever a value bound to it may
        // change its plan (a bound LIMIT, for one), which it judged true for most of ours (the
        // token, relationship and organisation lookups among them): every run paid for a compile.
        _ = convene_sqlite_enable_stable_plans(UnsafeMutableRawPointer(handle))
        let statements = PreparedStatements(handle: handle)
        registry.withLock { registry in
            registry = registry.filter { $0.value.connection != nil }
            registry[key] = Entry(connection: connection, statements: statements)
        }
        return statements
    }

    /// sqlite-nio keeps a connection's `sqlite3` handle in an internal property; reflection
    /// reaches it without changing the package. Nil if the package ever stores it differently.
    static func rawHandle(of connection: SQLiteConnection) -> OpaquePointer? {
        guard let holder = Mirror(reflecting: connection).descendant("handle"),
            let raw = Mirror(reflecting: holder).descendant("raw")
        else { return nil }
        return raw as? OpaquePointer
    }

    /// Finalizes every connection's statements. SQLite will not close a connection that has
    /// statements left, so this runs before the connections are closed (at shutdown). A
    /// connection still in use (another server or test in the same process) simply prepares its
    /// statements again, into the same cache, which the next call finalizes.
    public static func finalizeAll() {
        let all = registry.withLock { registry in
            registry = registry.filter { $0.value.connection != nil }
            return registry.values.map(\.statements)
        }
        for statements in all { statements.finalize() }
    }

    private func finalize() {
        cache.withLock { $0.finalizeAll() }
    }

    // MARK: Running a statement

    /// Binds `binds` to the statement for `text`, steps through its rows and hands each to
    /// `onRow`, then resets the statement.
    ///
    /// It never sleeps: while another process holds the database it fails at once with
    /// `SQLiteFailure.waitAndRetry`, and the caller waits without holding a thread
    /// (`DirectSQLiteDatabase`). The connection's own wait (`PRAGMA busy_timeout`, which blocks
    /// the thread) stays in place for what still runs through sqlite-nio: migrations, the
    /// connection settings and the command line's bulk loads and backups.
    func run(_ text: String, _ binds: [SQLiteData], _ onRow: (any SQLRow) -> Void) throws {
        let db = handle.pointer
        sqlite_nio_sqlite3_busy_timeout(db, 0)
        defer { sqlite_nio_sqlite3_busy_timeout(db, Int32(StoreContention.lockWait * 1000)) }
        try cache.withLock { cache in
            let prepared = try cache.statements[text] ?? prepare(text, into: &cache)
            let statement = prepared.statement
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            for (index, value) in binds.enumerated() {
                try check(bind(value, at: Int32(index + 1), to: statement))
            }
            var columns: ResultColumns?
            while true {
                let code = sqlite_nio_sqlite3_step(statement)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else {
                    // Busy before the first row: nothing was read or written yet, so it may run again.
                    throw SQLiteFailure(code: code, message: message(db), waitAndRetry: code == SQLITE_BUSY && columns == nil)
                }
                let names = columns ?? cache.columns(of: text, prepared)
                columns = names
                onRow(ResultRow(columns: names, values: (0..<names.count).map { value(at: Int32($0), of: statement) }))
            }
        }
    }

    /// How many times SQLite has compiled the kept statement for `text` again by itself since it
    /// was prepared; nil when none is kept. For tests.
    func timesCompiledAgain(_ text: String) -> Int32? {
        cache.withLock { cache in
            cache.statements[text].map { sqlite_nio_sqlite3_stmt_status($0.statement, SQLITE_STMTSTATUS_REPREPARE, 0) }
        }
    }

    private func prepare(_ text: String, into cache: inout Cache) throws -> Prepared {
        if cache.statements.count >= Self.capacity { cache.finalizeAll() }
        var statement: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(
            handle.pointer, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteFailure(code: code, message: message(handle.pointer))
        }
        let prepared = Prepared(statement: statement)
        cache.statements[text] = prepared
        return prepared
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw SQLiteFailure(code: code, message: message(handle.pointer)) }
    }

    private func message(_ db: OpaquePointer) -> String {
        sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "unknown error"
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): return sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .null: return sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(let text):
            return sqlite_nio_sqlite3_bind_text64(
                statement, index, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            return bytes.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), transient)
            }
        }
    }

    private func value(at column: Int32, of statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }
}

/// SQLite copies bound text and blobs (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// SQLite refused a statement: its result code and message.
public struct SQLiteFailure: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    /// Another process holds the database and the statement did nothing: it may run again
    /// after a wait.
    var waitAndRetry = false

    /// Another writer holds the database (`SQLITE_BUSY`, `SQLITE_LOCKED` and their extended codes).
    public var isContention: Bool { [SQLITE_BUSY, SQLITE_LOCKED].contains(code & 0xff) }

    public var description: String { "SQLite error \(code): \(message)" }
}
