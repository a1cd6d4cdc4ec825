import ConveneCore
import ConveneMail
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing

@testable import ConveneWeb

/// Delivering the outbox through the `.eml` folder (the embedded default): sent once each, retried
/// after a growing wait when the folder cannot be written, parked as failed after the last try, and
/// queued again by an administrator; a claim a dead worker held is taken again; two workers never
/// take the same message. (The SMTP relay is tested in e2e/test_mail.py against a real server.)
@Suite("Outbox delivery: the folder, retries, claims")
struct OutboxDeliveryTests {
    static let now = london("2026-11-23", "09:30")

    static func folder() -> String {
        NSTemporaryDirectory() + "convene-outbox-\(UUID().uuidString)"
    }

    @Test(arguments: TestBackend.available) func messagesAreWrittenOnceRetriedWhenTheyFailAndParkedAfterTheLastTry(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            _ = try await w.bookMeeting(api)
            let queued = try await api.store.outbox(status: .queued, limit: 1000).messages
            #expect(queued.count == 8)  // submitted, approved, five invitations and the minute taker's

            // The folder cannot be made (its parent is a file): every message waits a minute, then two.
            let settings = OutboxDelivery.Settings(retryBase: 60, attempts: 2, lease: 300, batch: 3)
            let broken = OutboxDelivery(store: api.store, transport: MailFolder(path: "/dev/null/outbox"), settings: settings)
            var round = try await broken.deliverDue()
            #expect(round == .init(sent: 0, retrying: 8, failed: 0))
            let page = try await api.store.outbox(status: .queued, limit: 1000)
            #expect(page.messages.count == 8)
            #expect(page.messages.allSatisfy { $0.attempts == 1 && $0.nextAttemptAt == clock.now + 60 && $0.lastError != nil })
            #expect(try await broken.deliverDue() == .init())  // none is due yet
            clock.now += 61
            round = try await broken.deliverDue()
            #expect(round == .init(sent: 0, retrying: 0, failed: 8))
            #expect(try await api.store.outbox(status: .failed).total == 8)

            // The administrator sees them failed with their error, and retries one from the outbox page.
            let admin = PageClient(app: api.app)
            try await admin.signIn("admin", at: clock.now)
            let outbox = try await admin.get("/admin/outbox?status=failed")
            #expect(outbox.status == 200 && outbox.body.contains("Messages 1–8 of 8, newest first."))
            #expect(!outbox.body.contains("Older messages"))
            // A page further on, of the same state, with a way back.
            let later = try await admin.get("/admin/outbox?status=failed&offset=5")
            #expect(later.body.contains("Messages 6–8 of 8, newest first."))
            #expect(later.body.contains("href=\"/admin/outbox?offset=0&amp;status=failed\" rel=\"prev\">Newer messages"))
            #expect(outbox.body.contains("Retry <span class=\"visually-hidden\">the message to Grace Achterberg</span>"))
            let one = try #require(try await api.store.outbox(status: .failed).messages.first)
            let retried = try await admin.post("/admin/outbox/\(one.id)/retry")
            #expect(retried.status == 303)
            #expect(try await api.store.outboxMessage(one.id).status == .queued)
            #expect(try await admin.post("/admin/outbox/\(one.id)/retry").status == 409)  // only a failed one
            #expect(try await admin.get("/admin/outbox?status=lost").status == 422)

            // Delivered into a real folder: one file per message, to one person, with the Message-ID kept.
            let path = Self.folder()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let working = OutboxDelivery(store: api.store, transport: MailFolder(path: path), settings: settings)
            #expect(try await working.deliverDue() == .init(sent: 1, retrying: 0, failed: 0))
            let files = try FileManager.default.contentsOfDirectory(atPath: path)
            #expect(files.count == 1)
            let text = try String(contentsOfFile: path + "/" + files[0], encoding: .utf8)
            #expect(text.hasPrefix("Message-ID: \(one.messageId)\r\n"))
            #expect(text.contains("\r\nTo: \"\(one.recipientName)\" <\(one.recipientAddress!)>\r\n"))
            let sent = try await api.store.outboxMessage(one.id)
            #expect(sent.status == .sent && sent.sentAt == clock.now && sent.lastError == nil)
        }
    }

    @Test(arguments: TestBackend.available) func aClaimThatLapsesIsTakenAgainAndTwoWorkersNeverTakeTheSameMessage(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: Self.now, backend: backend) { api, clock in
            let w = try await World.build(api)
            _ = try await w.bookMeeting(api)
            // Two workers at once share the eight messages between them, none twice.
            async let first = api.store.transaction { try await $0.claimMessages(limit: 4, by: "one", lease: 300) }
            async let second = api.store.transaction { try await $0.claimMessages(limit: 4, by: "two", lease: 300) }
            let (a, b) = try await (first, second)
            #expect(a.count + b.count == 8 && Set(a.map(\.id)).isDisjoint(with: b.map(\.id)))
            #expect(try await api.store.transaction { try await $0.claimMessages(limit: 10, by: "three", lease: 300) }.isEmpty)
            // A worker that died holding its claim: after the lease the messages are claimed again, a second try.
            clock.now += 301
            let again = try await api.store.transaction { try await $0.claimMessages(limit: 10, by: "three", lease: 300) }
            #expect(again.count == 8 && again.allSatisfy { $0.attempts == 2 && $0.claimedBy == "three" })
            // The worker whose claim lapsed cannot renew it or record an outcome: the message is the new claimer's.
            let message = again[0].id
            #expect(try await api.store.transaction { try await $0.renewClaim(message, by: "one", lease: 300) } == false)
            try await api.store.transaction { try await $0.markSent(message, by: "one") }
            #expect(try await api.store.outboxMessage(message).status == .sending)
            #expect(try await api.store.transaction { try await $0.renewClaim(message, by: "three", lease: 300) })
            try await api.store.transaction { try await $0.markSent(message, by: "three") }
            #expect(try await api.store.outboxMessage(message).status == .sent)
        }
    }

    @Test func remindersComeInOneDigestADayOrOneByOneAsChosen() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let (meeting, _) = try await w.bookMeeting(api)
            // Held in time; the minutes are due out within 24 hours of its end, by the minute taker.
            clock.now = london("2026-11-23", "13:55")
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record", ifMatch: try await api.etag("api/v1/meetings/\(meeting)"),
                ["startedAt": iso(london("2026-11-23", "13:00")), "endedAt": iso(london("2026-11-23", "13:50"))])
            for due in [london("2026-11-24", "12:00"), london("2026-11-24", "16:00")] {
                try await api.expect(
                    201, .POST, "api/v1/meetings/\(meeting)/actions",
                    ["description": "Share the chronology", "ownerId": w.nurse, "dueAt": iso(due)])
            }
            func reminders(_ kind: MessageKind = .actionsDue) async throws -> [OutboxMessage] {
                try await api.store.outbox(status: nil, limit: 1000).messages.filter { $0.kind == kind }
            }
            // Before 07:00 no digest goes; from then, one a day with both actions in it.
            clock.now = london("2026-11-24", "06:30")
            #expect(try await api.store.queueReminders() == 0)
            clock.now = london("2026-11-24", "07:05")
            #expect(try await api.store.queueReminders() == 1)
            #expect(try await api.store.queueReminders() == 0)
            let digest = try #require(try await reminders().first)
            #expect(digest.recipientName == "Ruth Calloway" && digest.subject == "Your SMART actions due or overdue")
            #expect(digest.body.components(separatedBy: "- SMART action, case NS-10001: due Tue 24 Nov 2026").count == 3)
            #expect(!digest.body.contains("Share the chronology"))
            // The next day the actions are overdue (another digest), and so are the minutes: the
            // minute taker is told, with the team manager copied.
            clock.now = london("2026-11-25", "08:00")
            #expect(try await api.store.queueReminders() == 3)
            #expect(try await reminders().first?.body.contains("overdue since Tue 24 Nov 2026, 12:00") == true)
            let overdue = try await reminders(.clocksDue)
            #expect(Set(overdue.map(\.recipientName)) == ["Jo Pemberton", "Grace Achterberg"])
            #expect(
                overdue.allSatisfy {
                    $0.body.contains("- Circulating the minutes, case NS-10001: overdue since Tue 24 Nov 2026, 13:50")
                })

            // Ruth chooses a message per reminder on My work; the next day brings one for each action.
            let ruth = PageClient(app: api.app)
            try await ruth.signIn("ruth", at: clock.now)
            let work = try await ruth.get("/my-work")
            #expect(work.body.contains("What Convene sent you") && work.body.contains("Your SMART actions due or overdue"))
            #expect(try await ruth.post("/my-work/reminders", ["preference": "immediate"]).status == 303)
            #expect(try await ruth.post("/my-work/reminders", ["preference": "never"]).status == 422)
            #expect(try await api.store.reminderPreference(of: UUID(uuidString: w.nurse)!) == .immediate)
            clock.now = london("2026-11-26", "08:00")
            _ = try await api.store.queueReminders()
            #expect(try await reminders().filter { $0.createdAt == clock.now }.count == 2)  // one for each action
            #expect(try await api.store.queueReminders() == 0)
        }
    }
}
