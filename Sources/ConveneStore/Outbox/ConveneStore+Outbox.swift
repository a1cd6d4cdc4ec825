import ConveneCore
import Foundation
import SQLKit

/// A page of the outbox and how many messages stand in each state.
public struct OutboxPage: Sendable {
    public var messages: [OutboxMessage]
    public var total: Int
    public var counts: [MessageStatus: Int]
}

extension ConveneStore {
    // MARK: - Each organisation's settings

    /// The organisation's mail settings, or the server's defaults when it has set none.
    public func mailSettings(of organisationId: UUID) async throws -> MailSettings {
        if let settings = try await fetchMailSettings(organisationId) { return settings }
        return MailSettings(
            organisationId: organisationId, senderName: "Convene", replyTo: nil, baseUrl: mail.baseUrl)
    }

    private func fetchMailSettings(_ organisationId: UUID) async throws -> MailSettings? {
        try await sql.select().column("*").from("mail_settings").where("organisation_id", .equal, organisationId).first(
            decoding: MailSettings.self, with: rowDecoder)
    }

    /// Sets the organisation's sender name, reply-to address and base URL.
    public func setMailSettings(of organisationId: UUID, _ input: MailSettingsInput) async throws -> MailSettings {
        try input.validate()
        _ = try await organisation(organisationId)
        let settings = MailSettings(
            organisationId: organisationId, senderName: input.senderName!.trimmingCharacters(in: .whitespaces),
            replyTo: input.replyTo.isBlank ? nil : input.replyTo, baseUrl: input.baseUrl!)
        try await transaction { store in
            try await store.sql.delete(from: "mail_settings").where("organisation_id", .equal, organisationId).run()
            try await store.insert(settings, into: "mail_settings")
        }
        return settings
    }

    // MARK: - Queueing, in the transaction of the change

    /// Queues one message to each of `people`, in the current transaction: a rolled-back change
    /// sends nothing. A person with no email address gets a row marked "not notified", so the
    /// outbox and the meeting page show who must be telephoned. `calendar` gives a person's
    /// calendar object, if the message carries one.
    func queue(
        _ facts: MessageFacts, to people: [Professional], organisation: Organisation, caseId: UUID?, meetingId: UUID?,
        calendar: ((Professional, MailSettings) -> CalendarInvitation)? = nil
    ) async throws {
        guard !people.isEmpty else { return }
        let organisationId = organisation.id
        let settings = try await mailSettings(of: organisationId)
        let writer = MessageWriter(settings: settings, zone: organisation.policy.zone)
        // Message-IDs in the sender's own domain, as mail services expect of a real sender.
        let messageDomain = mail.fromAddress.split(separator: "@").last.map(String.init) ?? "convene"
        var seen = Set<UUID>()
        for person in people where seen.insert(person.id).inserted {
            let id = newID()
            let invitation = person.emailAddress == nil ? nil : calendar?(person, settings)
            let message = OutboxMessage(
                id: id, messageId: "<\(id.uuidString.lowercased())@\(messageDomain)>", organisationId: organisationId,
                kind: facts.kind,
                recipientId: person.id, recipientName: person.name, recipientAddress: person.emailAddress, caseId: caseId,
                meetingId: meetingId, senderName: settings.senderName, replyTo: settings.replyTo,
                subject: writer.subject(facts), body: writer.body(facts, to: person.name), calendar: invitation?.text,
                calendarMethod: invitation?.method, calendarSequence: invitation?.sequence, createdAt: now())
            try await insert(message, into: "outbox")
        }
    }

    /// The SEQUENCE the next calendar message of a meeting carries: one more than any sent.
    func nextCalendarSequence(of meetingId: UUID) async throws -> Int {
        let row = try await sql.raw(
            "SELECT MAX(calendar_sequence) AS sequence FROM outbox WHERE meeting_id = \(bind: meetingId)"
        ).first()
        return try row?.decode(column: "sequence", as: Int?.self).map { $0 + 1 } ?? 0
    }

    // MARK: - Delivery

    /// Claims up to `limit` messages due for a try, for `worker`, until `lease` from now: queued
    /// ones whose time has come, and ones another worker claimed but never finished (it died
    /// mid-send), so each is sent at least once. On PostgreSQL the rows are taken with
    /// `FOR UPDATE SKIP LOCKED`, so two processes never claim the same message; SQLite has one
    /// writer at a time.
    public func claimMessages(limit: Int, by worker: String, lease: TimeInterval) async throws -> [OutboxMessage] {
        let now = now()
        let lock: SQLQueryString = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE SKIP LOCKED"
        return try await sql.raw(
            """
            UPDATE outbox SET status = 'sending', claimed_by = \(bind: worker), \
            claimed_until = \(bind: now.addingTimeInterval(lease)), attempts = attempts + 1 \
            WHERE id IN (SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_at <= \(bind: now)) \
            OR (status = 'sending' AND claimed_until < \(bind: now)) ORDER BY next_attempt_at LIMIT \(bind: limit)\(lock)) \
            RETURNING *
            """
        ).all(decoding: OutboxMessage.self, with: rowDecoder)
    }

    /// Renews `worker`'s claim on one message for `lease` from now, just before it is sent: a batch
    /// takes as long as its slowest relay, and a claim that lapsed meanwhile would let another
    /// process send the message too. False when the claim is no longer this worker's (it lapsed
    /// and another took the message): the message is then left to that one.
    public func renewClaim(_ id: UUID, by worker: String, lease: TimeInterval) async throws -> Bool {
        try await !sql.update("outbox").set("claimed_until", to: now().addingTimeInterval(lease))
            .where("id", .equal, id).where("status", .equal, MessageStatus.sending.rawValue)
            .where("claimed_by", .equal, worker).returning("id").all().isEmpty
    }

    /// Records that a message `worker` claimed was accepted by the relay (or written to the folder).
    public func markSent(_ id: UUID, by worker: String) async throws {
        try await sql.update("outbox").set("status", to: MessageStatus.sent.rawValue).set("sent_at", to: now())
            .set("claimed_until", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null)
            .where("id", .equal, id).where("status", .equal, MessageStatus.sending.rawValue)
            .where("claimed_by", .equal, worker).run()
    }

    /// Records a failed try of a message `worker` claimed: queued again at `retryAt`, or parked
    /// as failed when nil. Another worker's claim is left as it is.
    public func markNotSent(_ id: UUID, by worker: String, error: String, retryAt: Date?) async throws {
        var update = sql.update("outbox").set("last_error", to: String(error.prefix(500)))
            .set("claimed_until", to: SQLLiteral.null)
        if let retryAt {
            update = update.set("status", to: MessageStatus.queued.rawValue).set("next_attempt_at", to: retryAt)
        } else {
            update = update.set("status", to: MessageStatus.failed.rawValue)
        }
        try await update.where("id", .equal, id).where("status", .equal, MessageStatus.sending.rawValue)
            .where("claimed_by", .equal, worker).run()
    }

    /// Queues a failed message again, now, with its tries counted afresh. Only a failed one.
    public func retryMessage(_ id: UUID) async throws -> OutboxMessage {
        let message = try await load(OutboxMessage.self, from: "outbox", id: id, entity: "message")
        guard message.status == .failed else {
            throw DomainError.conflict("only a failed message can be retried; this one is \(message.status.label.lowercased())")
        }
        try await sql.update("outbox").set("status", to: MessageStatus.queued.rawValue).set("attempts", to: 0)
            .set("next_attempt_at", to: now()).where("id", .equal, id).run()
        return try await load(OutboxMessage.self, from: "outbox", id: id, entity: "message")
    }

    // MARK: - Reading the outbox

    /// The newest messages first, of one state or all, a page at a time, with every state's count.
    public func outbox(status: MessageStatus?, limit: Int = 100, offset: Int = 0) async throws -> OutboxPage {
        var query = sql.select().column("*").from("outbox")
        if let status { query = query.where("status", .equal, status.rawValue) }
        let messages = try await query.orderBy("created_at", .descending).orderBy("id").limit(limit).offset(offset)
            .all(decoding: OutboxMessage.self, with: rowDecoder)
        var counts: [MessageStatus: Int] = [:]
        for row in try await sql.raw("SELECT status, COUNT(*) AS total FROM outbox GROUP BY status").all() {
            if let status = MessageStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                counts[status] = try row.decode(column: "total", as: Int.self)
            }
        }
        let total = status.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
        return OutboxPage(messages: messages, total: total, counts: counts)
    }

    /// How many messages wait (queued or being sent) and how many failed: for the server's metrics,
    /// read through the outbox's index of states, never counting every message ever sent.
    public func outboxBacklog() async throws -> (waiting: Int, failed: Int) {
        var waiting = 0
        var failed = 0
        for row in try await sql.raw(
            "SELECT status, COUNT(*) AS total FROM outbox WHERE status IN ('queued', 'sending', 'failed') GROUP BY status"
        ).all() {
            let total = try row.decode(column: "total", as: Int.self)
            if try row.decode(column: "status", as: String.self) == MessageStatus.failed.rawValue {
                failed = total
            } else {
                waiting += total
            }
        }
        return (waiting, failed)
    }

    /// One message, by its id.
    public func outboxMessage(_ id: UUID) async throws -> OutboxMessage {
        try await load(OutboxMessage.self, from: "outbox", id: id, entity: "message")
    }

    /// What Convene sent (or tried to send) one person, newest first: for their My work.
    public func messages(to professionalId: UUID, limit: Int = 20) async throws -> [OutboxMessage] {
        try await sql.select().column("*").from("outbox").where("recipient_id", .equal, professionalId)
            .orderBy("created_at", .descending).limit(limit).all(decoding: OutboxMessage.self, with: rowDecoder)
    }
}
