import ConveneCore
import Foundation
import Synchronization

/// Commits the writes that arrive together in one transaction: people's changes, and the audit
/// rows of their reads. A group first appends the rows of every read in it, together (one
/// savepoint, one insert), then runs each change in its own savepoint, one after another. Each
/// caller is answered only once the group's transaction is committed, so a page is never shown
/// without its audit row; a change that throws is rolled back to its savepoint alone and answered
/// at once, and reads whose rows cannot be written all fail. Under load this turns one commit (and
/// one flush to disk) per request into one per group, and the writers' turn (`SingleWriter`) is
/// taken once per group; a write on its own is committed at once.
///
/// Bounded like `SingleWriter`: a change still waiting for its turn after `longestWait` is
/// answered `StoreContention.WriterWaitExpired` (503) within a tenth of a second, however long
/// the group before it runs; and when a change meets contention (another process holds the
/// database), the changes waiting behind it get the same answer at once instead of each
/// waiting again.
public final class GroupCommit: Sendable {
    private struct Waiting: Sendable {
        var ticket: UInt64
        /// The store the change was asked of (its request's database and clock).
        var store: ConveneStore
        var write: Write
        var arrived: ContinuousClock.Instant
        var answered: CheckedContinuation<Void, any Error>

        var isReads: Bool {
            if case .reads = write { return true }
            return false
        }
    }

    private enum Write: Sendable {
        case change(@Sendable (ConveneStore) async throws -> Void)
        /// One read's audit rows.
        case reads([(entry: AuditEntry, actor: AuditActor)])
    }

    private struct State {
        var waiting: [Waiting] = []
        var writing = false
        var nextTicket: UInt64 = 0
    }

    /// What a change returned, handed from the group's task to the change's caller.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        // @unchecked: written by the group before it resumes the caller, read by the caller after.
        var value: T?
    }

    /// The changes taken into the group being written and not answered yet: those that ran
    /// are answered when the group commits (or fails), the others as soon as they fail.
    private final class Members: @unchecked Sendable {
        // @unchecked: used only by the group's own task, one step after another.
        var unanswered: [Waiting]

        init(_ first: [Waiting]) { unanswered = first }

        func answer(_ member: Waiting, throwing error: any Error) {
            unanswered.removeAll { $0.ticket == member.ticket }
            member.answered.resume(throwing: error)
        }
    }

    private let state = Mutex(State())
    private let writer: SingleWriter
    /// The most changes one transaction holds.
    public let largestGroup: Int
    private let longestWait: Duration

    public init(writer: SingleWriter, largestGroup: Int = 32, longestWait: TimeInterval = StoreContention.writerWait) {
        self.writer = writer
        self.largestGroup = max(1, largestGroup)
        self.longestWait = .milliseconds(Int64(longestWait * 1000))
    }

    /// How many changes are waiting for a group (for tests).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Runs `change` in the next group's transaction, with a store bound to it, and returns what
    /// it returned once that transaction is committed.
    public func run<T: Sendable>(
        on store: ConveneStore, _ change: @escaping @Sendable (ConveneStore) async throws -> T
    ) async throws -> T {
        let outcome = Outcome<T>()
        try await enqueue(.change { outcome.value = try await change($0) }, on: store, ahead: false)
        return outcome.value!
    }

    /// Appends one read's audit rows in the next group's transaction, ahead of the changes waiting
    /// (they are short, and a page waits on them), and returns once they are committed.
    public func appendReads(_ rows: [(entry: AuditEntry, actor: AuditActor)], on store: ConveneStore) async throws {
        try await enqueue(.reads(rows), on: store, ahead: true)
    }

    private func enqueue(_ write: Write, on store: ConveneStore, ahead: Bool) async throws {
        try await withCheckedThrowingContinuation { (answered: CheckedContinuation<Void, any Error>) in
            let leads = state.withLock { state in
                state.nextTicket += 1
                let waiting = Waiting(ticket: state.nextTicket, store: store, write: write, arrived: .now, answered: answered)
                // Reads go after the reads already waiting, before the changes.
                let position =
                    ahead ? (state.waiting.firstIndex { !$0.isReads } ?? state.waiting.endIndex) : state.waiting.endIndex
                state.waiting.insert(waiting, at: position)
                defer { state.writing = true }
                return !state.writing
            }
            if leads { Task { await self.write() } }
        }
    }

    /// Whether `change` has waited longer than `longestWait` for its turn.
    private func overdue(_ change: Waiting, at now: ContinuousClock.Instant = .now) -> Bool {
        now - change.arrived > longestWait
    }

    /// Takes the waiting changes that `matching` picks out of the queue and answers them `error`.
    private func answerWaiting(throwing error: any Error, matching: (Waiting) -> Bool = { _ in true }) {
        let answered = state.withLock { state in
            defer { state.waiting.removeAll(where: matching) }
            return state.waiting.filter(matching)
        }
        for member in answered { member.answered.resume(throwing: error) }
    }

    /// Answers `WriterWaitExpired` to every change that has waited longer than `longestWait`.
    private func refuseOverdue() {
        let now = ContinuousClock.now
        answerWaiting(throwing: StoreContention.WriterWaitExpired()) { overdue($0, at: now) }
    }

    /// Up to `count` of the changes waiting; nil when none is waiting (the writing stops).
    private func take(_ count: Int, stopping: Bool) -> [Waiting]? {
        state.withLock { state in
            let taken = Array(state.waiting.prefix(count))
            state.waiting.removeFirst(taken.count)
            if taken.isEmpty, stopping { state.writing = false }
            return taken.isEmpty ? nil : taken
        }
    }

    private func write() async {
        // While groups are being written, changes waiting past the limit are refused every tenth
        // of a second, however long the group before them runs.
        let watchdog = Task {
            while (try? await Task.sleep(for: .milliseconds(100))) != nil { refuseOverdue() }
        }
        defer { watchdog.cancel() }
        while let first = take(largestGroup, stopping: true) {
            let members = Members(first)
            do {
                try await writer.run {
                    try await first[0].store.transaction { tx in try await self.runGroup(first, members, tx) }
                }
                for member in members.unanswered { member.answered.resume() }
            } catch {
                // The group's transaction failed or never began: none of its changes was saved.
                for member in members.unanswered { member.answered.resume(throwing: error) }
                if StoreContention.isContention(error) { answerWaiting(throwing: error) }
            }
        }
    }

    /// Runs `first` and then the writes that arrive meanwhile, until the group is full or nobody
    /// is waiting: each batch's reads together, then its changes each in its own savepoint.
    private func runGroup(_ first: [Waiting], _ members: Members, _ tx: ConveneStore) async throws {
        var next = first
        while !next.isEmpty {
            let now = ContinuousClock.now
            for member in next where overdue(member, at: now) {
                members.answer(member, throwing: StoreContention.WriterWaitExpired())
            }
            next.removeAll { overdue($0, at: now) }
            let reads = next.filter(\.isReads)
            let changes = next.filter { !$0.isReads }
            if !reads.isEmpty, let contention = try await appendReads(reads, members, tx) {
                // Those waiting would only meet the same wait again, one after another.
                for later in changes { members.answer(later, throwing: contention) }
                answerWaiting(throwing: contention)
                return
            }
            for (index, member) in changes.enumerated() {
                guard case .change(let change) = member.write else { continue }
                try await tx.sql.raw("SAVEPOINT change").run()
                do {
                    try await change(tx)
                    try await tx.sql.raw("RELEASE change").run()
                } catch {
                    try await tx.sql.raw("ROLLBACK TO change").run()
                    try await tx.sql.raw("RELEASE change").run()
                    members.answer(member, throwing: error)
                    // Those waiting would only meet the same wait again, one after another.
                    if StoreContention.isContention(error) {
                        for later in changes[(index + 1)...] { members.answer(later, throwing: error) }
                        answerWaiting(throwing: error)
                        return
                    }
                }
            }
            let room = largestGroup - members.unanswered.count
            guard room > 0, let more = take(room, stopping: false) else { return }
            members.unanswered += more
            next = more
        }
    }

    /// Appends the rows of `reads` together in one savepoint. When they cannot be, each read is
    /// answered with the error, and the error is returned if it was contention.
    private func appendReads(_ reads: [Waiting], _ members: Members, _ tx: ConveneStore) async throws -> (any Error)? {
        let rows = reads.flatMap { member -> [(entry: AuditEntry, actor: AuditActor)] in
            guard case .reads(let rows) = member.write else { return [] }
            return rows
        }
        try await tx.sql.raw("SAVEPOINT reads").run()
        do {
            _ = try await tx.appendAudit(rows)
            try await tx.sql.raw("RELEASE reads").run()
            return nil
        } catch {
            try await tx.sql.raw("ROLLBACK TO reads").run()
            try await tx.sql.raw("RELEASE reads").run()
            for member in reads { members.answer(member, throwing: error) }
            return StoreContention.isContention(error) ? error : nil
        }
    }
}
