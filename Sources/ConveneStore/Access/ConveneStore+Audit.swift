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
    /// is one, so a change and its audit row commit or roll back together. Locks the chain's head
    /// first, which orders concurrent appends and, on SQLite, takes the write lock before any read.
    @discardableResult
    public func appendAudit(_ entry: AuditEntry, by actor: AuditActor) async throws -> AuditEvent {
        try await transaction { store in
            struct Head: Decodable {
                var seq: Int
                var hash: String
            }
            guard
                let head = try await store.sql.update("audit_head").set(SQLIdentifier("seq"), to: SQLRaw("seq + 1"))
                    .where("id", .equal, 1).returning("seq", "hash").first(decoding: Head.self)
            else { throw AuditUnavailable() }
            var event = AuditEvent(
                seq: head.seq, id: store.newID(), at: Self.auditTime(store.now()), accountId: actor.accountId,
                username: actor.username, role: actor.role, action: entry.action, route: entry.route,
                recordKind: entry.recordKind, recordId: entry.recordId, caseId: entry.caseId, address: actor.address,
                requestId: actor.requestId, breakGlass: entry.breakGlass, reason: entry.reason, previousHash: head.hash,
                hash: "")
            event.hash = Self.chainHash(event)
            try await store.insert(event, into: "audit_events")
            try await store.sql.update("audit_head").set("hash", to: event.hash).where("id", .equal, 1).run()
            return event
        }
    }

    /// SHA-256 of the row's chain text, in lower-case hex.
    static func chainHash(_ event: AuditEvent) -> String {
        Fingerprint.sha256(event.chainText)
    }

    static func auditTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

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
