import ConveneCore
import ConveneTestSupport
import Foundation
import SQLKit
import Testing

@testable import ConveneStore

/// Changes that arrive together share one transaction: each is answered only once that
/// transaction is committed, a change that fails is rolled back alone, and a change kept waiting
/// too long is refused as contention.
@Suite("Changes committed together")
struct GroupCommitTests {
    let now = london("2026-11-23", "10:00")

    private struct Refused: Error {}

    /// A fresh store with an empty `scratch (n)` table and a group commit over it. Changes may
    /// wait a minute unless a test says otherwise: the whole suite runs in parallel, and 40
    /// changes on a loaded machine can take longer than the 3 s a server allows.
    private func withScratch(
        _ backend: TestBackend, longestWait: TimeInterval = 60,
        _ body: @escaping (ConveneStore, GroupCommit) async throws -> Void
    ) async throws {
        try await StoreFixture.with(now: now, backend: backend) { f in
            try await f.store.sql.raw("CREATE TABLE scratch (n INTEGER NOT NULL)").run()
            try await body(f.store, GroupCommit(writer: SingleWriter(), longestWait: longestWait))
        }
    }

    /// Runs `change`, asking again if it was refused for waiting: with a limit of half a second,
    /// a loaded test machine may not start even the first change in time.
    private static func patiently(
        _ groups: GroupCommit, _ store: ConveneStore, _ change: @escaping @Sendable (ConveneStore) async throws -> Void
    ) async throws {
        while true {
            do {
                return try await groups.run(on: store, change)
            } catch is StoreContention.WriterWaitExpired {
                continue
            }
        }
    }

    /// A change that writes `n`, says so on `started`, then keeps its group open until `release`.
    private static func writeAndHold(
        _ n: Int, started: AsyncStream<Void>.Continuation, until release: AsyncStream<Void>
    ) -> @Sendable (ConveneStore) async throws -> Void {
        { tx in
            try await tx.sql.raw("INSERT INTO scratch (n) VALUES (\(bind: n))").run()
            started.yield()
            for await _ in release { break }
        }
    }

    private static func numbers(_ store: ConveneStore) async throws -> [Int] {
        try await store.sql.raw("SELECT n FROM scratch ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
    }

    @Test(arguments: TestBackend.available) func eachChangeGetsItsOwnAnswerAndAFailedOneIsRolledBackAlone(
        backend: TestBackend
    ) async throws {
        try await withScratch(backend) { store, groups in
            let answers = try await withThrowingTaskGroup(of: (Int, String).self) { tasks in
                for n in 0..<40 {
                    tasks.addTask {
                        do {
                            let answer = try await groups.run(on: store) { tx in
                                try await tx.sql.raw("INSERT INTO scratch (n) VALUES (\(bind: n))").run()
                                // Every seventh change fails after writing: its row must not stay.
                                if n % 7 == 3 { throw Refused() }
                                return "saved \(n)"
                            }
                            return (n, answer)
                        } catch is Refused {
                            return (n, "refused")
                        }
                    }
                }
                return try await tasks.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            for n in 0..<40 { #expect(answers[n] == (n % 7 == 3 ? "refused" : "saved \(n)")) }
            #expect(try await Self.numbers(store) == (0..<40).filter { $0 % 7 != 3 })
        }
    }

    @Test(arguments: TestBackend.available) func aChangeIsAnsweredOnlyWhenTheGroupItJoinedIsCommitted(
        backend: TestBackend
    ) async throws {
        try await withScratch(backend) { store, groups in
            let releaseFirst = AsyncStream<Void>.makeStream()
            let releaseSecond = AsyncStream<Void>.makeStream()
            let firstStarted = AsyncStream<Void>.makeStream()
            let secondStarted = AsyncStream<Void>.makeStream()
            let firstAnswered = Shared(false)
            let first = Task {
                defer { firstStarted.continuation.finish() }
                try await groups.run(
                    on: store, Self.writeAndHold(1, started: firstStarted.continuation, until: releaseFirst.stream))
                firstAnswered.withLock { $0 = true }
            }
            for await _ in firstStarted.stream { break }
            // The second change arrives while the first runs, so it joins the first's group.
            let second = Task {
                defer { secondStarted.continuation.finish() }
                try await groups.run(
                    on: store, Self.writeAndHold(2, started: secondStarted.continuation, until: releaseSecond.stream))
            }
            while groups.waitingCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
            releaseFirst.continuation.yield()
            for await _ in secondStarted.stream { break }
            // The first change has run, but its group is not committed while the second runs.
            try await Task.sleep(for: .milliseconds(50))
            #expect(!firstAnswered.withLock { $0 })
            releaseSecond.continuation.yield()
            try await second.value
            try await first.value
            #expect(firstAnswered.withLock { $0 })
            #expect(try await Self.numbers(store) == [1, 2])
        }
    }

    @Test(arguments: TestBackend.available) func aChangeKeptWaitingTooLongIsRefusedAsContention(backend: TestBackend)
        async throws
    {
        try await withScratch(backend, longestWait: 0.5) { store, groups in
            let release = AsyncStream<Void>.makeStream()
            let slowStarted = AsyncStream<Void>.makeStream()
            let slow = Task {
                // Ends the wait below even if the change never starts.
                defer { slowStarted.continuation.finish() }
                try await Self.patiently(
                    groups, store, Self.writeAndHold(1, started: slowStarted.continuation, until: release.stream))
            }
            for await _ in slowStarted.stream { break }
            // Let the slow change go after 3 s in any case, so that a missing limit fails the
            // expectation below instead of hanging the test.
            let letGoneAfterLimit = Shared(false)
            let letGo = Task {
                try await Task.sleep(for: .seconds(3))
                letGoneAfterLimit.withLock { $0 = true }
                release.continuation.yield()
            }
            do {
                try await groups.run(on: store) { tx in try await tx.sql.raw("INSERT INTO scratch (n) VALUES (2)").run() }
                Issue.record("a change that waited past the limit ran")
            } catch {
                #expect(error is StoreContention.WriterWaitExpired)
                #expect(StoreContention.isContention(error))
            }
            // Refused at the limit, while the change before it was still running: not by waiting
            // until it was let go (an order of events, not a timing, so a busy machine cannot fail it).
            #expect(!letGoneAfterLimit.withLock { $0 })
            try await letGo.value
            try await slow.value
            #expect(try await Self.numbers(store) == [1])
            // Nobody is left waiting, and the next change runs at once.
            #expect(groups.waitingCount == 0)
            try await Self.patiently(groups, store) { tx in try await tx.sql.raw("INSERT INTO scratch (n) VALUES (3)").run() }
            #expect(try await Self.numbers(store) == [1, 3])
        }
    }
}
