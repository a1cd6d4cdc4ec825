import ConveneCore
import ConveneStore
import Foundation
import Logging

/// Delivers the outbox: claims the messages due, sends each through the transport, and records
/// the outcome. A failed try is queued again after a growing wait (the base, doubled each try, at
/// most an hour); a refusal that will not change (a 5xx), or the last try, parks the message as
/// failed with its error, never dropped. Runs inside `convene serve` and as
/// `convene outbox deliver`; never inside a web request.
public struct OutboxDelivery: Sendable {
    public struct Settings: Sendable {
        /// The first wait before trying a failed message again; doubled after each try.
        public var retryBase: TimeInterval
        /// Tries before a message is parked as failed.
        public var attempts: Int
        /// How long a claim holds: after it, a message whose worker died is claimed again.
        public var lease: TimeInterval
        /// Messages claimed at once.
        public var batch: Int

        public init(retryBase: TimeInterval = 60, attempts: Int = 8, lease: TimeInterval = 300, batch: Int = 20) {
            self.retryBase = retryBase
            self.attempts = attempts
            self.lease = lease
            self.batch = batch
        }
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0
        public init(sent: Int = 0, retrying: Int = 0, failed: Int = 0) {
            self.sent = sent
            self.retrying = retrying
            self.failed = failed
        }
    }

    public var transport: any MailTransport
    public var settings: Settings
    /// This process, in the claim ("host:pid").
    public var worker: String
    /// The server's writers' turn, which the outbox's changes take after the requests waiting for
    /// it; nil from the command line.
    public var writer: SingleWriter?
    public var store: ConveneStore
    public var logger: Logger

    public init(
        store: ConveneStore, transport: any MailTransport, settings: Settings = Settings(),
        worker: String = OutboxDelivery.processName(), logger: Logger = Logger(label: "convene.outbox"),
        writer: SingleWriter? = nil
    ) {
        self.store = store
        self.transport = transport
        self.settings = settings
        self.worker = worker
        self.logger = logger
        self.writer = writer
    }

    /// Runs a change to the outbox in its own short transaction. In the server: in its turn among
    /// the writers, giving way at once (SQLite) when another process holds the database, so that
    /// background work never makes people's requests wait longer. From the command line: as any
    /// command writes.
    private func write<T: Sendable>(_ change: @escaping @Sendable (ConveneStore) async throws -> T) async throws -> T {
        guard let writer else { return try await store.transaction(change) }
        return try await StoreContention.$backgroundLockWait.withValue(Self.backgroundLockWait) {
            try await writer.run { try await store.transaction(change) }
        }
    }

    /// The worker's wait for a database another process holds.
    static let backgroundLockWait: TimeInterval = 0.1

    public static func processName() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Delivers every message due now, a batch at a time, until none is left.
    public func deliverDue() async throws -> Round {
        var round = Round()
        while true {
            let claimed = try await write { [settings, worker] store in
                try await store.claimMessages(limit: settings.batch, by: worker, lease: settings.lease)
            }
            if claimed.isEmpty { return round }
            for message in claimed { try await deliver(message, counting: &round) }
        }
    }

    private func deliver(_ message: OutboxMessage, counting round: inout Round) async throws {
        let (worker, lease) = (worker, settings.lease)
        // A batch takes as long as its relay: past half its lease, the claim is renewed to run from
        // now (or, lapsed and taken by another worker, left to that one).
        if let until = message.claimedUntil, until.timeIntervalSince(store.now()) < lease / 2 {
            guard try await write({ try await $0.renewClaim(message.id, by: worker, lease: lease) }) else { return }
        }
        do {
            try await transport.deliver(try MailText(message, from: store.mail.fromAddress))
            try await write { store in try await store.markSent(message.id, by: worker) }
            round.sent += 1
            logger.info("message sent", metadata: ["outbox_id": "\(message.id)", "kind": "\(message.kind.rawValue)"])
        } catch {
            let transient = (error as? any DeliveryFault)?.isTransient ?? true
            let retryAt =
                transient && message.attempts < settings.attempts
                ? store.now().addingTimeInterval(min(3600, settings.retryBase * pow(2, Double(max(0, message.attempts - 1)))))
                : nil
            let reason = "\(error)"
            try await write { store in
                try await store.markNotSent(message.id, by: worker, error: reason, retryAt: retryAt)
            }
            if retryAt == nil { round.failed += 1 } else { round.retrying += 1 }
            logger.warning(
                "message not sent",
                metadata: [
                    "outbox_id": "\(message.id)", "kind": "\(message.kind.rawValue)", "attempt": "\(message.attempts)",
                    "error": "\(reason)",
                    "parked": "\(retryAt == nil)",
                ])
        }
    }

    /// How long the worker waits after a round that failed (the database busy or away).
    public static let pauseAfterFailure: Duration = .seconds(30)

    /// Queues the reminders due (`ConveneStore.queueReminders`): at most one digest of each kind
    /// a day per person, however often it runs.
    public func queueReminders() async throws -> Int {
        // Planned by reading, then queued a few people at a time, each group its own short write.
        let planned = try await store.remindersDue()
        var queued = 0
        for start in stride(from: 0, to: planned.count, by: 25) {
            let group = Array(planned[start..<min(start + 25, planned.count)])
            queued += try await write { store in try await store.queue(group) }
        }
        return queued
    }

    /// Queues reminders (each minute) and delivers what is due, then waits `interval`, until the
    /// task is cancelled. A round that fails (the database busy, say) is logged and tried again.
    /// `observe` hears each round's outcome (for the server's metrics).
    public func run(every interval: Duration, observe: (@Sendable (Round) async -> Void)? = nil) async {
        var lastReminders: ContinuousClock.Instant?
        while !Task.isCancelled {
            do {
                if lastReminders.map({ ContinuousClock.now - $0 > .seconds(60) }) ?? true {
                    lastReminders = .now
                    _ = try await queueReminders()
                }
                let round = try await deliverDue()
                await observe?(round)
            } catch {
                // The database busy (another writer holds it) or away: leave it alone for a while
                // rather than add to the writes that people are waiting on.
                logger.error("outbox round failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: max(interval, Self.pauseAfterFailure))
                continue
            }
            try? await Task.sleep(for: interval)
        }
    }
}
