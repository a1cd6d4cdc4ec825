import Foundation
import Synchronization

/// Lets one write transaction of this process into the database at a time, in the order they
/// asked. The database allows one writer anyway (SQLite has one write lock; every change here
/// also updates the audit chain's head row, so PostgreSQL orders them too); queueing here, before
/// a connection is taken, means a waiting writer holds no connection and starts the moment the one
/// before it commits, instead of SQLite's busy handler sleeping and retrying (1, 2, 5 … 100 ms),
/// which gave writes under load a p99 of most of a second.
///
/// A writer that waits longer than `StoreContention.writerWait` gets `StoreContention.WriterWaitExpired`,
/// which answers 503 like any other contention: never a hang.
public final class SingleWriter: Sendable {
    private struct Waiting {
        var ticket: UInt64
        var turn: CheckedContinuation<Void, any Error>
        /// Ends the wait after `longestWait`; cancelled when the turn comes first.
        var timer: Task<Void, Never>?
    }

    private struct State {
        var writing = false
        var waiting: [Waiting] = []
        var nextTicket: UInt64 = 0
    }

    private let state = Mutex(State())
    private let longestWait: Duration

    public init(longestWait: TimeInterval = StoreContention.writerWait) {
        self.longestWait = .milliseconds(Int64(longestWait * 1000))
    }

    /// How many writers are waiting for their turn (for tests).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Runs `body` when it is this writer's turn. A writer `ahead` goes before the writers
    /// already waiting (the group of reads' audit rows: one short transaction that many requests
    /// wait on, which should not queue behind every change).
    public func run<T: Sendable>(ahead: Bool = false, _ body: () async throws -> T) async throws -> T {
        try await waitForTurn(ahead: ahead)
        defer { finish() }
        return try await body()
    }

    private func waitForTurn(ahead: Bool) async throws {
        try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
            let ticket: UInt64? = state.withLock { state in
                guard state.writing else {
                    state.writing = true
                    return nil
                }
                state.nextTicket += 1
                state.waiting.insert(
                    Waiting(ticket: state.nextTicket, turn: turn, timer: nil), at: ahead ? 0 : state.waiting.count)
                return state.nextTicket
            }
            guard let ticket else { return turn.resume() }
            let timer = Task { [longestWait] in
                guard (try? await Task.sleep(for: longestWait)) != nil else { return }
                let expired = state.withLock { state in
                    state.waiting.firstIndex { $0.ticket == ticket }.map { state.waiting.remove(at: $0) }
                }
                expired?.turn.resume(throwing: StoreContention.WriterWaitExpired())
            }
            let stillWaiting = state.withLock { state in
                guard let index = state.waiting.firstIndex(where: { $0.ticket == ticket }) else { return false }
                state.waiting[index].timer = timer
                return true
            }
            if !stillWaiting { timer.cancel() }
        }
    }

    private func finish() {
        let next = state.withLock { state -> Waiting? in
            if state.waiting.isEmpty {
                state.writing = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.timer?.cancel()
        next?.turn.resume()
    }
}
