import ConveneCore
import ConveneTestSupport
import Foundation
import NIOCore
import NIOPosix
import SQLKit
import Synchronization
import Testing

@testable import ConveneStore

/// Writers take turns in the order they asked, a writer kept waiting too long is refused as
/// contention (a 503, never a hang), and reads' audit rows written in groups form one unbroken chain.
@Suite("Writing together")
struct WritingTogetherTests {
    let now = london("2026-11-23", "10:00")

    /// Waits until `count` writers are queued behind the one writing.
    private func untilWaiting(_ writer: SingleWriter, _ count: Int) async throws {
        while writer.waitingCount < count { try await Task.sleep(for: .milliseconds(1)) }
    }

    @Test func writersTakeTurnsInTheOrderTheyAskedWithTheReadsGroupAhead() async throws {
        let writer = SingleWriter()
        let order = Shared<[String]>([])
        let release = AsyncStream<Void>.makeStream()
        let first = Task {
            try await writer.run {
                order.withLock { $0.append("first started") }
                for await _ in release.stream { break }
                order.withLock { $0.append("first finished") }
            }
        }
        while order.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(1)) }
        let second = Task { try await writer.run { order.withLock { $0.append("second") } } }
        try await untilWaiting(writer, 1)
        let third = Task { try await writer.run { order.withLock { $0.append("third") } } }
        try await untilWaiting(writer, 2)
        // The group of reads' audit rows goes ahead of the changes already waiting.
        let group = Task { try await writer.run(ahead: true) { order.withLock { $0.append("group") } } }
        try await untilWaiting(writer, 3)
        #expect(order.withLock { $0 } == ["first started"])
        release.continuation.yield()
        try await first.value
        try await second.value
        try await third.value
        try await group.value
        #expect(order.withLock { $0 } == ["first started", "first finished", "group", "second", "third"])
    }

    @Test func aWriterKeptWaitingTooLongIsRefusedAsContentionAndTheQueueGoesOn() async throws {
        let writer = SingleWriter(longestWait: 0.2)
        let release = AsyncStream<Void>.makeStream()
        let started = Shared(false)
        let holder = Task {
            try await writer.run {
                started.withLock { $0 = true }
                for await _ in release.stream { break }
            }
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
        do {
            try await writer.run { _ = Issue.record("ran while another writer held the turn") }
            Issue.record("waited for ever")
        } catch {
            #expect(error is StoreContention.WriterWaitExpired)
            #expect(StoreContention.isContention(error))
        }
        #expect(writer.waitingCount == 0)
        release.continuation.yield()
        try await holder.value
        // The turn was handed on: the next writer runs at once.
        #expect(try await writer.run { 42 } == 42)
    }

    @Test(arguments: TestBackend.available) func readsAuditedTogetherFormOneUnbrokenChain(backend: TestBackend) async throws {
        try await StoreFixture.with(now: now, backend: backend) { f in
            // What is tested is the chain, not the machine's speed: the writers may wait a minute.
            let groups = GroupCommit(writer: SingleWriter(longestWait: 60), largestGroup: 7, longestWait: 60)
            let store = f.store
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for n in 0..<60 {
                    tasks.addTask {
                        let actor = AuditActor(
                            accountId: nil, username: "reader\(n)", role: "socialWorker", address: "127.0.0.1",
                            requestId: "request-\(n)")
                        try await groups.appendReads(
                            [(AuditEntry(action: .read, route: "GET /cases/:caseID", recordKind: "case"), actor)], on: store)
                        // Its own row is committed by the time the read goes on.
                        let mine = try await store.auditEvents(AuditFilter(limit: 1000)).filter { $0.requestId == "request-\(n)" }
                        #expect(mine.count == 1)
                    }
                }
                try await tasks.waitForAll()
            }
            let check = try await store.verifyAudit()
            #expect(check.isIntact, "\(check.problems)")
            #expect(check.rowsChecked == 60 && check.headSeq == 60)
            let rows = try await store.auditEvents(AuditFilter(limit: 1000))
            #expect(Set(rows.map(\.requestId)) == Set((0..<60).map { "request-\($0)" }))
        }
    }

    @Test(arguments: TestBackend.available) func whenAGroupCannotBeWrittenEveryReadInItFails(backend: TestBackend) async throws {
        try await StoreFixture.with(now: now, backend: backend) { f in
            try await f.store.appendAudit(
                AuditEntry(action: .read, route: "GET /cases"),
                by: AuditActor(accountId: nil, username: "first", role: "socialWorker", address: "127.0.0.1", requestId: "r0"))
            try await f.store.sql.raw("DELETE FROM audit_head").run()
            let groups = GroupCommit(writer: SingleWriter())
            let store = f.store
            let failures = try await withThrowingTaskGroup(of: Bool.self) { tasks in
                for n in 0..<10 {
                    tasks.addTask {
                        do {
                            let actor = AuditActor(
                                accountId: nil, username: "r\(n)", role: "socialWorker", address: "127.0.0.1",
                                requestId: "r\(n + 1)")
                            try await groups.appendReads([(AuditEntry(action: .read, route: "GET /cases"), actor)], on: store)
                            return false
                        } catch {
                            return error is AuditUnavailable
                        }
                    }
                }
                return try await tasks.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(failures == Array(repeating: true, count: 10))
            #expect(try await store.auditEvents(AuditFilter(limit: 100)).count == 1)
        }
    }
}

/// A value tasks of one test share.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func withLock<T>(_ body: (inout Value) -> T) -> T { value.withLock { body(&$0) } }
}
