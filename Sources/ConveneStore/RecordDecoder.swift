import Foundation
import SQLKit
import SQLiteNIO

/// Reads a record from a result row: each coding key from its snake_case column
/// (`ColumnNames`), under a prefix when a query selected the record's columns as `a_id`,
/// `a_username` …. SQLKit's `SQLRowDecoder` reads the same columns, but for every field of
/// every row it builds the column's name anew and looks it up two or three times; reading the
/// dashboard's meetings and invitations that way cost more than the queries that found them.
struct RecordDecoder: Sendable {
    var prefix = ""

    func decode<T: Decodable>(_ type: T.Type, from row: any SQLRow) throws -> T {
        try T(from: Reader(row: row, sqlite: row as? ResultRow, prefix: prefix))
    }

    private struct Reader: Decoder {
        let row: any SQLRow
        /// The same row when it is SQLite's: read with one lookup a column.
        let sqlite: ResultRow?
        let prefix: String

        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Columns(reader: self))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch(
                [Any].self, .init(codingPath: [], debugDescription: "A row is read as a record, not a list"))
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            throw DecodingError.typeMismatch(
                Any.self, .init(codingPath: [], debugDescription: "A row is read as a record, not one value"))
        }

        func column(_ key: some CodingKey) -> String {
            let name = ColumnNames.column(for: key.stringValue)
            return prefix.isEmpty ? name : prefix + name
        }
    }

    private struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let reader: Reader

        var codingPath: [any CodingKey] { [] }

        var allKeys: [Key] {
            reader.row.allColumns.filter { $0.hasPrefix(reader.prefix) }.compactMap {
                Key(stringValue: String($0.dropFirst(reader.prefix.count)))
            }
        }

        func contains(_ key: Key) -> Bool { reader.row.contains(column: reader.column(key)) }

        func decodeNil(forKey key: Key) throws -> Bool {
            let column = reader.column(key)
            if let sqlite = reader.sqlite { return (sqlite.value(of: column) ?? .null) == .null }
            return try reader.row.decodeNil(column: column)
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let column = reader.column(key)
            if let sqlite = reader.sqlite {
                guard let value = sqlite.value(of: column) else { throw missing(key, column) }
                return try ResultRow.read(value, as: T.self)
            }
            guard reader.row.contains(column: column) else { throw missing(key, column) }
            return try reader.row.decode(column: column, as: T.self)
        }

        /// Absent or NULL is nil, in one lookup for SQLite (the default asks three times).
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            let column = reader.column(key)
            if let sqlite = reader.sqlite {
                guard let value = sqlite.value(of: column), value != .null else { return nil }
                return try ResultRow.read(value, as: T.self)
            }
            guard reader.row.contains(column: column), try !reader.row.decodeNil(column: column) else { return nil }
            return try reader.row.decode(column: column, as: T.self)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            throw notOneColumn(key)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw notOneColumn(key) }
        func superDecoder() throws -> any Decoder { throw notOneColumn(nil) }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw notOneColumn(key) }

        private func missing(_ key: Key, _ column: String) -> DecodingError {
            .keyNotFound(key, .init(codingPath: [], debugDescription: "No column \"\(column)\" for \"\(key.stringValue)\""))
        }

        private func notOneColumn(_ key: Key?) -> DecodingError {
            .typeMismatch(
                Any.self,
                .init(codingPath: key.map { [$0] } ?? [], debugDescription: "A record's fields are read one column each"))
        }
    }
}

extension SQLQueryFetcher {
    /// Every row, each read as a record.
    func all<D: Decodable>(decoding type: D.Type, with decoder: RecordDecoder) async throws -> [D] {
        try await all().map { try decoder.decode(D.self, from: $0) }
    }

    /// The first row, read as a record; nil when there is none.
    func first<D: Decodable>(decoding type: D.Type, with decoder: RecordDecoder) async throws -> D? {
        try await first().map { try decoder.decode(D.self, from: $0) }
    }
}
