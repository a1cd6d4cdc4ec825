import Foundation
import Synchronization

/// Commits the writes that arrive together in one transaction: people's changes, and the audit
/// rows of their reads. Each write runs in its own savepoint, one after another, and its caller
/// is answered only once the group's transaction is committed, so a page is never shown without
/// its audit row; a write that throws is rolled back to its savepoint alone and answered at once.
/// Under load this turns one commit (and one flush to disk) per request into one per group, and
/// the writers' turn (`SingleWriter`) is taken once per group; a write on its own is committed at
/// once.
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
        var change: @Sendable (ConveneStore) async throws -> Void
        var arrived: ContinuousClock.Instant
        var answered: CheckedContinuation<Void, any Error>
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
    /// it returned once that transaction is committed. A write `ahead` (a read's audit row: short,
    /// and the page waits on it) goes before the changes already waiting.
    public func run<T: Sendable>(
        on store: ConveneStore, ahead: Bool = false, _ change: @escaping @Sendable (ConveneStore) async throws -> T
    ) async throws -> T {
        let outcome = Outcome<T>()
        try await withCheckedThrowingContinuation { (answered: CheckedContinuation<Void, any Error>) in
            let leads = state.withLock { state in
                state.nextTicket += 1
                state.waiting.insert(
                    Waiting(
                        ticket: state.nextTicket, store: store, change: { outcome.value = try await change($0) }, arrived: .now,
                        answered: answered),
                    at: ahead ? state.waiting.startIndex : state.waiting.endIndex)
                defer { state.writing = true }
                return !state.writing
            }
            if leads { Task { await self.write() } }
        }
        return outcome.value!
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

    /// Runs `first` and then the changes that arrive meanwhile, each in its own savepoint, until
    /// the group is full or nobody is waiting.
    private func runGroup(_ first: [Waiting], _ members: Members, _ tx: ConveneStore) async throws {
        var next = first
        while !next.isEmpty {
            for (index, member) in next.enumerated() {
                guard !overdue(member) else {
                    members.answer(member, throwing: StoreContention.WriterWaitExpired())
                    continue
                }
                try await tx.sql.raw("SAVEPOINT change").run()
                do {
                    try await member.change(tx)
                    try await tx.sql.raw("RELEASE change").run()
                } catch {
                    try await tx.sql.raw("ROLLBACK TO change").run()
                    try await tx.sql.raw("RELEASE change").run()
                    members.answer(member, throwing: error)
                    // Those waiting would only meet the same wait again, one after another.
                    if StoreContention.isContention(error) {
                        for later in next[(index + 1)...] { members.answer(later, throwing: error) }
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
}
