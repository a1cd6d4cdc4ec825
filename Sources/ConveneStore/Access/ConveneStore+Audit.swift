import ConveneCore
import Foundation
import SQLKit

/// What `convene audit verify` found.
public struct AuditVerification: Sendable, Codable {
    public var rowsChecked: Int
    public var headSeq: Int
    /// Each problem with the row where it was found; empty when the chain is whole.
    public var problems: [String]
    public var isIntact: Bool { problems.isEmpty }
}

/// The audit log could not be written, so the request that needed it must fail.
public struct AuditUnavailable: Error, CustomStringConvertible {
    public var description: String { "the audit log could not be written" }
}

/// Filters for the audit viewer.
public struct AuditFilter: Sendable {
    public var accountId: UUID?
    public var caseId: UUID?
    public var from: Date?
    public var to: Date?
    public var limit: Int

    public init(accountId: UUID? = nil, caseId: UUID? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 200) {
        self.accountId = accountId
        self.caseId = caseId
        self.from = from
        self.to = to
        self.limit = limit
    }
}

extension ConveneStore {
    /// Appends one audit row, chained to the one before. Runs in the caller's transaction when there
    /// is one, so a change and its audit row commit or roll back together.
    @discardableResult
    public func appendAudit(_ entry: AuditEntry, by actor: AuditActor) async throws -> AuditEvent {
        try await appendAudit([(entry, actor)])[0]
    }

    /// Appends audit rows in the order given, each chained to the one before, in one transaction
    /// (the caller's when there is one). Locks the chain's head first, which orders concurrent
    /// appends and, on SQLite, takes the write lock before any read.
    @discardableResult
    public func appendAudit(_ entries: [(entry: AuditEntry, actor: AuditActor)]) async throws -> [AuditEvent] {
        guard !entries.isEmpty else { return [] }
        return try await transaction { store in
            struct Head: Decodable {
                var seq: Int
                var hash: String
            }
            guard
                let head = try await store.sql.raw(
                    "UPDATE audit_head SET seq = seq + \(bind: entries.count) WHERE id = 1 RETURNING seq, hash"
                ).first(decoding: Head.self)
            else { throw AuditUnavailable() }
            let at = Self.auditTime(store.now())
            var previousHash = head.hash
            var events: [AuditEvent] = []
            for (offset, (entry, actor)) in entries.enumerated() {
                var event = AuditEvent(
                    seq: head.seq - entries.count + 1 + offset, id: store.newID(), at: at, accountId: actor.accountId,
                    username: actor.username, role: actor.role, action: entry.action, route: entry.route,
                    recordKind: entry.recordKind, recordId: entry.recordId, caseId: entry.caseId, address: actor.address,
                    requestId: actor.requestId, breakGlass: entry.breakGlass, reason: entry.reason,
                    previousHash: previousHash, hash: "")
                event.hash = Self.chainHash(event)
                previousHash = event.hash
                events.append(event)
            }
            // 17 values a row: 500 rows stay well inside PostgreSQL's limit of bound values.
            for start in stride(from: 0, to: events.count, by: 500) {
                try await store.sql.insert(into: "audit_events")
                    .models(Array(events[start..<min(start + 500, events.count)]), with: rowEncoder).run()
            }
            try await store.sql.raw("UPDATE audit_head SET hash = \(bind: previousHash) WHERE id = 1").run()
            return events
        }
    }

    /// SHA-256 of the row's chain text, in lower-case hex.
    static func chainHash(_ event: AuditEvent) -> String {
        Fingerprint.sha256(event.chainText)
    }

    /// UTC, ISO 8601 with milliseconds (`2026-11-24T02:55:59.497Z`). The style is built once: a
    /// formatter made for every row showed in the profile of every page.
    static func auditTime(_ date: Date) -> String {
        date.formatted(auditTimeStyle)
    }

    private static let auditTimeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Audit rows, newest first, for the administrators' viewer.
    public func auditEvents(_ filter: AuditFilter) async throws -> [AuditEvent] {
        var query = sql.select().column("*").from("audit_events")
        if let accountId = filter.accountId { query = query.where("account_id", .equal, accountId) }
        if let caseId = filter.caseId { query = query.where("case_id", .equal, caseId) }
        if let from = filter.from { query = query.where("at", .greaterThanOrEqual, Self.auditTime(from)) }
        if let to = filter.to { query = query.where("at", .lessThan, Self.auditTime(to)) }
        return try await query.orderBy("seq", .descending).limit(max(1, min(filter.limit, 1000)))
            .all(decoding: AuditEvent.self, with: rowDecoder)
    }

    /// Walks the whole chain in order and reports every row that was edited, removed or inserted
    /// out of place, and a head that does not match the last row.
    public func verifyAudit(batchSize: Int = 2000) async throws -> AuditVerification {
        var problems: [String] = []
        var expectedSeq = 1
        var previousHash = AuditEvent.genesisHash
        var checked = 0
        var lastSeq = 0
        while true {
            let rows = try await sql.select().column("*").from("audit_events").where("seq", .greaterThan, lastSeq)
                .orderBy("seq").limit(batchSize).all(decoding: AuditEvent.self, with: rowDecoder)
            for row in rows {
                if row.seq != expectedSeq {
                    problems.append("row \(expectedSeq)\(row.seq > expectedSeq + 1 ? "–\(row.seq - 1)" : "") is missing")
                }
                if row.previousHash != previousHash {
                    problems.append("row \(row.seq) does not follow the row before it (its previous hash differs)")
                }
                if Self.chainHash(row) != row.hash {
                    problems.append("row \(row.seq) was changed after it was written (its hash does not match)")
                }
                previousHash = row.hash
                expectedSeq = row.seq + 1
                lastSeq = row.seq
                checked += 1
            }
            if rows.count < batchSize { break }
        }
        struct Head: Decodable {
            var seq: Int
            var hash: String
        }
        let head = try await sql.select().column("seq").column("hash").from("audit_head").where("id", .equal, 1)
            .first(decoding: Head.self)
        if let head {
            if head.seq != lastSeq {
                problems.append("the log ends at row \(lastSeq) but \(head.seq) rows were written: rows were removed")
            } else if head.hash != previousHash {
                problems.append("the last row's hash differs from the recorded end of the chain")
            }
        } else {
            problems.append("the audit head row is missing")
        }
        return AuditVerification(rowsChecked: checked, headSeq: head?.seq ?? 0, problems: problems)
    }
}
