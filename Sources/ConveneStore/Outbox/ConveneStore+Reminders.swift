import ConveneCore
import Foundation
import SQLKit

extension ConveneStore {
    /// Digests go out from this local time, not at midnight.
    static let digestHour = 7

    /// A person's choice for the reminder kinds; a daily digest until they choose.
    public func reminderPreference(of professionalId: UUID) async throws -> ReminderPreference {
        let row = try await sql.select().column("preference").from("reminder_preferences")
            .where("professional_id", .equal, professionalId).first()
        return try row.flatMap { ReminderPreference(rawValue: try $0.decode(column: "preference", as: String.self)) }
            ?? .dailyDigest
    }

    public func setReminderPreference(of professionalId: UUID, to preference: ReminderPreference) async throws {
        _ = try await load(Professional.self, from: "professionals", id: professionalId, entity: "professional")
        try await transaction { store in
            try await store.sql.delete(from: "reminder_preferences").where("professional_id", .equal, professionalId).run()
            try await store.sql.insert(into: "reminder_preferences").columns("professional_id", "preference")
                .values(SQLBind(professionalId), SQLBind(preference.rawValue)).run()
        }
    }

    /// Queues today's reminders: each owner's SMART actions due within a working day or overdue,
    /// and each owner's statutory clocks due soon or overdue (their team manager copied on the
    /// overdue ones). At most one digest of each kind a day per person, from 07:00; or, for those
    /// who chose, one message per item, at most once a day each. Returns how many were queued.
    @discardableResult
    public func queueReminders() async throws -> Int {
        let now = now()
        let rows = try await sql.raw(
            """
            SELECT k.kind, k.subject_id, k.case_id, k.case_reference, k.due_at, k.owner_id, c.team_manager_id, \
            t.organisation_id FROM case_clocks k JOIN cases c ON c.id = k.case_id JOIN teams t ON t.id = k.team_id \
            WHERE k.running_until > \(bind: now) AND k.due_soon_from <= \(bind: now) AND k.owner_id IS NOT NULL \
            AND k.kind <> \(bind: ClockKind.correctionsWindow.rawValue)
            """
        ).all()
        struct Due {
            var item: DigestItem
            var subject: UUID
            var caseId: UUID
        }
        // Who is told of what: [(person, kind)] → items, with their organisation.
        var reminders: [ReminderKey: [Due]] = [:]
        var organisationOf: [UUID: UUID] = [:]
        for row in rows {
            guard let kind = ClockKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            let due = try row.decode(column: "due_at", as: Date.self)
            let owner = try row.decode(column: "owner_id", as: UUID.self)
            let item = Due(
                item: DigestItem(
                    what: kind.label, caseReference: try row.decode(column: "case_reference", as: String.self), due: due,
                    overdue: due <= now),
                subject: try row.decode(column: "subject_id", as: UUID.self),
                caseId: try row.decode(column: "case_id", as: UUID.self))
            let messageKind: MessageKind = kind == .action ? .actionsDue : .clocksDue
            var people = [owner]
            if kind != .action, item.item.overdue {
                people.append(try row.decode(column: "team_manager_id", as: UUID.self))
            }
            for person in Set(people) {
                reminders[ReminderKey(person: person, kind: messageKind), default: []].append(item)
                organisationOf[person] = try row.decode(column: "organisation_id", as: UUID.self)
            }
        }
        var queued = 0
        for (key, items) in reminders.sorted(by: {
            ($0.key.person.uuidString, $0.key.kind.rawValue) < ($1.key.person.uuidString, $1.key.kind.rawValue)
        }) {
            guard let organisationId = organisationOf[key.person] else { continue }
            let zone = try await organisation(organisationId).policy.zone
            let (day, minute) = zone.wallClock(of: now)
            let dayKey = "\(day)"
            let sorted = items.sorted { $0.item.due < $1.item.due }
            if try await reminderPreference(of: key.person) == .immediate {
                for due in sorted where try await markReminder(key, day: dayKey, item: due.subject.uuidString) {
                    try await queueReminder(key, items: [due.item], organisationId: organisationId, caseId: due.caseId)
                    queued += 1
                }
            } else if minute >= Self.digestHour * 60, try await markReminder(key, day: dayKey, item: "digest") {
                try await queueReminder(key, items: sorted.map(\.item), organisationId: organisationId, caseId: nil)
                queued += 1
            }
        }
        return queued
    }

    private struct ReminderKey: Hashable {
        var person: UUID
        var kind: MessageKind
    }

    /// Notes that a reminder went today; false when one already did.
    private func markReminder(_ key: ReminderKey, day: String, item: String) async throws -> Bool {
        let sent = try await sql.select().column("item").from("reminders_sent").where("professional_id", .equal, key.person)
            .where("kind", .equal, key.kind.rawValue).where("day", .equal, day).where("item", .equal, item).first()
        guard sent == nil else { return false }
        try await sql.insert(into: "reminders_sent").columns("professional_id", "kind", "day", "item")
            .values(SQLBind(key.person), SQLBind(key.kind.rawValue), SQLBind(day), SQLBind(item)).run()
        return true
    }

    private func queueReminder(_ key: ReminderKey, items: [DigestItem], organisationId: UUID, caseId: UUID?) async throws {
        let person = try await load(Professional.self, from: "professionals", id: key.person, entity: "professional")
        try await queue(
            MessageFacts(kind: key.kind, items: items, path: SitePath.myWork.href), to: [person],
            organisationId: organisationId, caseId: caseId, meetingId: nil)
    }
}
