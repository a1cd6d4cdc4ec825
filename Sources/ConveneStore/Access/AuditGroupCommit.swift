import ConveneCore
import Foundation
import Synchronization

/// Writes the audit rows of reads in groups: requests that arrive while a group is being written
/// wait, and the next group writes all of them in one transaction. Each request still waits until
/// its own row is committed, so a page is never shown without its audit row, and a failed write
/// fails every request in its group and every request queued behind it. Under load this turns one
/// write transaction (and one flush to disk) per page into one per group; a request on its own is
/// written at once, as before.
///
/// Changes do not come here: their audit row is written in the change's own transaction.
public final class AuditGroupCommit: Sendable {
    private struct Waiting {
        /// One request's rows: one, or one per case a list showed.
        var entries: [AuditEntry]
        var actor: AuditActor
        var written: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var writing = false
    }

    private let state = Mutex(State())
    /// The process's writers, which each group joins like any other write.
    private let writer: SingleWriter
    /// The most requests one transaction writes the rows of.
    public let largestGroup: Int

    public init(writer: SingleWriter, largestGroup: Int = 256) {
        self.writer = writer
        self.largestGroup = max(1, largestGroup)
    }

    /// Appends a read's audit row and returns once it is committed; throws if it could not be.
    public func append(_ entry: AuditEntry, by actor: AuditActor, store: ConveneStore) async throws {
        try await append([entry], by: actor, store: store)
    }

    /// Appends one request's rows together and returns once they are committed; throws if they could not be.
    public func append(_ entries: [AuditEntry], by actor: AuditActor, store: ConveneStore) async throws {
        try await withCheckedThrowingContinuation { (written: CheckedContinuation<Void, any Error>) in
            let leads = state.withLock { state in
                state.waiting.append(Waiting(entries: entries, actor: actor, written: written))
                defer { state.writing = true }
                return !state.writing
            }
            // The first request to find nobody writing starts the writer; the others join its next group.
            if leads { Task { await self.write(store) } }
        }
    }

    private func write(_ store: ConveneStore) async {
        while true {
            let group = state.withLock { state in
                let group = Array(state.waiting.prefix(largestGroup))
                state.waiting.removeFirst(group.count)
                if group.isEmpty { state.writing = false }
                return group
            }
            if group.isEmpty { return }
            do {
                let rows = group.flatMap { request in request.entries.map { ($0, request.actor) } }
                _ = try await writer.run(ahead: true) { try await store.appendAudit(rows) }
                for request in group { request.written.resume() }
            } catch {
                // The database refused (most often: another writer holds it past the wait limit).
                // Those who queued meanwhile would only meet the same wait again, one group after
                // another, so they get the same answer now: a 503 at once rather than a long hang.
                let queued = state.withLock { state in
                    defer { state.waiting.removeAll() }
                    return state.waiting
                }
                for request in group + queued { request.written.resume(throwing: error) }
            }
        }
    }
}
