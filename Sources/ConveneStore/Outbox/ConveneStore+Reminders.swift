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

    /// Queues today's reminders (`remindersDue`, then `queue`), in one transaction: for the command
    /// line and the tests. The server's worker plans them outside any transaction and queues them a
    /// few people at a time, so that a morning's digests never hold the writers up.
    @discardableResult
    public func queueReminders() async throws -> Int {
        let planned = try await remindersDue()
        return try await transaction { try await $0.queue(planned) }
    }

    /// The reminders due now and not yet sent today (reads only): each owner's SMART actions due
    /// within a working day or overdue, and each owner's statutory clocks due soon or overdue
    /// (their team manager copied on the overdue ones). At most one digest of each kind a day per
    /// person, from 07:00; or, for those who chose, one message per item, at most once a day each.
    public func remindersDue() async throws -> [PlannedReminder] {
        let now = now()
        let rows = try await sql.raw(
            """
            SELECT k.kind, k.subject_id, k.case_id, k.case_reference, k.due_at, k.owner_id, c.team_manager_id, \
            t.organisation_id FROM case_clocks k JOIN cases c ON c.id = k.case_id JOIN teams t ON t.id = k.team_id \
            WHERE k.running_until > \(bind: now) AND k.due_soon_from <= \(bind: now) AND k.owner_id IS NOT NULL \
            AND k.kind <> \(bind: ClockKind.correctionsWindow.rawValue)
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        // Who is told of what, with their organisation (for its time zone).
        var due: [ReminderKey: [(item: DigestItem, subject: UUID, caseId: UUID)]] = [:]
        var organisationOf: [UUID: UUID] = [:]
        for row in rows {
            guard let kind = ClockKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            let dueAt = try row.decode(column: "due_at", as: Date.self)
            let item = DigestItem(
                what: kind.label, caseReference: try row.decode(column: "case_reference", as: String.self), due: dueAt,
                overdue: dueAt <= now)
            let subject = try row.decode(column: "subject_id", as: UUID.self)
            let caseId = try row.decode(column: "case_id", as: UUID.self)
            var people = [try row.decode(column: "owner_id", as: UUID.self)]
            if kind != .action, item.overdue { people.append(try row.decode(column: "team_manager_id", as: UUID.self)) }
            for person in Set(people) {
                due[ReminderKey(person: person, kind: kind == .action ? .actionsDue : .clocksDue), default: []].append(
                    (item, subject, caseId))
                organisationOf[person] = try row.decode(column: "organisation_id", as: UUID.self)
            }
        }
        var zones: [UUID: LocalTimeZone] = [:]
        for id in Set(organisationOf.values) { zones[id] = try await organisation(id).policy.zone }
        let immediate = Set(
            try await sql.select().column("professional_id").from("reminder_preferences")
                .where("preference", .equal, ReminderPreference.immediate.rawValue).all()
                .map { try $0.decode(column: "professional_id", as: UUID.self) })
        var sentToday: Set<String> = []
        let days = Set(zones.values.map { "\($0.localDate(of: now))" })
        for row in try await sql.select().columns("professional_id", "kind", "day", "item").from("reminders_sent")
            .where("day", .in, Array(days)).all()
        {
            sentToday.insert(
                [
                    try row.decode(column: "professional_id", as: UUID.self).uuidString,
                    try row.decode(column: "kind", as: String.self), try row.decode(column: "day", as: String.self),
                    try row.decode(column: "item", as: String.self),
                ].joined(separator: " "))
        }
        var planned: [PlannedReminder] = []
        for (key, found) in due.sorted(by: {
            ($0.key.person.uuidString, $0.key.kind.rawValue) < ($1.key.person.uuidString, $1.key.kind.rawValue)
        }) {
            guard let organisationId = organisationOf[key.person], let zone = zones[organisationId] else { continue }
            let (day, minute) = zone.wallClock(of: now)
            func unsent(_ item: String) -> Bool {
                !sentToday.contains([key.person.uuidString, key.kind.rawValue, "\(day)", item].joined(separator: " "))
            }
            let sorted = found.sorted { $0.item.due < $1.item.due }
            if immediate.contains(key.person) {
                for one in sorted where unsent(one.subject.uuidString) {
                    planned.append(
                        PlannedReminder(
                            person: key.person, kind: key.kind, items: [one.item], organisationId: organisationId,
                            caseId: one.caseId, day: "\(day)", item: one.subject.uuidString))
                }
            } else if minute >= Self.digestHour * 60, unsent("digest") {
                planned.append(
                    PlannedReminder(
                        person: key.person, kind: key.kind, items: sorted.map(\.item), organisationId: organisationId,
                        caseId: nil, day: "\(day)", item: "digest"))
            }
        }
        return planned
    }

    /// Queues planned reminders, each only if no other process queued it meanwhile; how many.
    public func queue(_ reminders: [PlannedReminder]) async throws -> Int {
        var queued = 0
        var organisations: [UUID: Organisation] = [:]
        for reminder in reminders {
            let key = ReminderKey(person: reminder.person, kind: reminder.kind)
            guard try await markReminder(key, day: reminder.day, item: reminder.item) else { continue }
            let person = try await load(Professional.self, from: "professionals", id: reminder.person, entity: "professional")
            if organisations[reminder.organisationId] == nil {
                organisations[reminder.organisationId] = try await organisation(reminder.organisationId)
            }
            try await queue(
                MessageFacts(kind: reminder.kind, items: reminder.items, path: SitePath.myWork.href), to: [person],
                organisation: organisations[reminder.organisationId]!, caseId: reminder.caseId, meetingId: nil)
            queued += 1
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
}

/// A reminder to queue: one person, one kind, the items in it, and the day it is for.
public struct PlannedReminder: Sendable {
    public var person: UUID
    public var kind: MessageKind
    public var items: [DigestItem]
    public var organisationId: UUID
    public var caseId: UUID?
    public var day: String
    /// "digest", or the clock's subject for a reminder sent as it falls due.
    public var item: String
}
