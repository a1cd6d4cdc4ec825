import ConveneCore
import Foundation
import SQLKit

/// The record a route touches, resolved to its case: what access is decided on.
public struct AccessTarget: Sendable, Equatable {
    /// The case, loaded once here so deciding access does not load it again.
    public var caseRecord: Case
    public var caseId: UUID { caseRecord.id }
    /// The meeting, for a meeting and everything in it.
    public var meeting: Meeting?
    /// Set for a meeting and everything in it (record, minutes, actions, decisions, dissents).
    public var meetingId: UUID? { meeting?.id }
    public var recordKind: String
    public var recordId: UUID
    public var state: AccessState
    /// The owner, when the record is a SMART action.
    public var actionOwnerId: UUID?
}

/// Kinds of record a route can name in its path.
public enum TargetKind: String, Sendable, CaseIterable {
    case caseRecord = "case"
    case request, meeting, action, decision, dissent
}

extension ConveneStore {
    /// Resolves a record named in a path to its case and meeting, or nil when there is no such record.
    public func accessTarget(_ kind: TargetKind, id: UUID) async throws -> AccessTarget? {
        func meetingTarget(_ meetingId: UUID, kind: String, id: UUID, owner: UUID? = nil) async throws -> AccessTarget? {
            guard let meeting = try await fetch(Meeting.self, from: "meetings", id: meetingId),
                let caseRecord = try await fetch(Case.self, from: "cases", id: meeting.caseId)
            else { return nil }
            return AccessTarget(
                caseRecord: caseRecord, meeting: meeting, recordKind: kind, recordId: id,
                state: AccessState(minutesStatus: meeting.minutesStatus), actionOwnerId: owner)
        }
        switch kind {
        case .caseRecord:
            guard let caseRecord = try await fetch(Case.self, from: "cases", id: id) else { return nil }
            return AccessTarget(caseRecord: caseRecord, recordKind: kind.rawValue, recordId: id, state: AccessState())
        case .request:
            guard let request = try await fetch(StrategyRequest.self, from: "strategy_requests", id: id),
                let caseRecord = try await fetch(Case.self, from: "cases", id: request.caseId)
            else { return nil }
            return AccessTarget(
                caseRecord: caseRecord, recordKind: kind.rawValue, recordId: id,
                state: AccessState(requestStatus: request.status))
        case .meeting:
            return try await meetingTarget(id, kind: kind.rawValue, id: id)
        case .action:
            guard let action = try await fetch(SmartAction.self, from: "smart_actions", id: id) else { return nil }
            return try await meetingTarget(action.meetingId, kind: kind.rawValue, id: id, owner: action.ownerId)
        case .decision:
            guard let decision = try await fetch(Decision.self, from: "decisions", id: id) else { return nil }
            return try await meetingTarget(decision.meetingId, kind: kind.rawValue, id: id)
        case .dissent:
            guard let dissent = try await fetch(Dissent.self, from: "dissents", id: id) else { return nil }
            return try await meetingTarget(dissent.meetingId, kind: kind.rawValue, id: id)
        }
    }

    /// How a professional stands to a target. For a meeting's records, chairing, minute taking and
    /// invitation count for that meeting only; for the case, any of its meetings counts.
    public func relationships(of person: Professional, to target: AccessTarget) async throws -> Set<Relationship> {
        let caseRecord = target.caseRecord
        var result: Set<Relationship> = []
        if caseRecord.socialWorkerId == person.id { result.insert(.allocated) }
        if caseRecord.teamManagerId == person.id || caseRecord.serviceManagerId == person.id { result.insert(.managing) }
        if person.role == .minuteTaker && person.teamId == caseRecord.teamId { result.insert(.teamSupport) }
        if target.actionOwnerId == person.id { result.insert(.actionOwner) }
        // The rest in one query: chairing, minute taking and invitation for the meeting (for the
        // case, any of its meetings), the minutes shared with them, and an open break-glass grant.
        func meetings(_ alias: String) -> SQLQueryString {
            if let meetingId = target.meetingId { return "\(unsafeRaw: alias).id = \(bind: meetingId)" }
            return "\(unsafeRaw: alias).case_id = \(bind: caseRecord.id)"
        }
        let shared: SQLQueryString =
            if let meetingId = target.meetingId {
                """
                EXISTS (SELECT 1 FROM minutes_shares s WHERE s.meeting_id = \(bind: meetingId)
                AND s.professional_id = \(bind: person.id) AND s.revoked_at IS NULL)
                """
            } else { "0 = 1" }
        struct Found: Decodable {
            var chairing: Bool
            var minuteTaking: Bool
            var invited: Bool
            var minutesShared: Bool
            var breakGlass: Bool
        }
        // Chairing and minute taking are counted over the meetings in scope (found by the case or
        // meeting index), not looked up by chair: a manager chairs thousands of meetings.
        let query: SQLQueryString = """
            SELECT COALESCE(SUM(CASE WHEN m.chair_id = \(bind: person.id) THEN 1 ELSE 0 END), 0) > 0 AS chairing,
            COALESCE(SUM(CASE WHEN m.minute_taker_id = \(bind: person.id) THEN 1 ELSE 0 END), 0) > 0 AS minute_taking,
            EXISTS (SELECT 1 FROM meetings im JOIN invitations i ON i.meeting_id = im.id WHERE \(meetings("im"))
            AND i.professional_id = \(bind: person.id)) AS invited,
            \(shared) AS minutes_shared,
            EXISTS (SELECT 1 FROM break_glass_grants g WHERE g.case_id = \(bind: caseRecord.id)
            AND \(openGrant(of: person, in: "g"))) AS break_glass
            FROM meetings m WHERE \(meetings("m"))
            """
        guard let found = try await sql.raw(query).first(decoding: Found.self, with: rowDecoder) else { return result }
        if found.chairing { result.insert(.chairing) }
        if found.minuteTaking { result.insert(.minuteTaking) }
        if found.invited { result.insert(.invited) }
        if found.minutesShared { result.insert(.minutesShared) }
        if found.breakGlass { result.insert(.breakGlass) }
        return result
    }

    // MARK: - What lists may show

    /// Cases a professional has a role in (DOMAIN §6): allocated, managing, chairing, minute taking,
    /// invited (children's social care only), or an open break-glass grant. Partner agencies see none.
    public func visibleCaseIds(for person: Professional) async throws -> Set<UUID> {
        guard person.role != .partnerProfessional else { return [] }
        return try await ids(visibleCases(of: person))
    }

    /// The cases a professional has a role in (as `visibleCaseIds`), of one team or all, newest
    /// first, a page at a time (`limit` after `offset`; all of them when `limit` is nil).
    public func cases(
        visibleTo person: Professional, teamId: UUID? = nil, matching search: CaseSearch? = nil, limit: Int? = nil,
        offset: Int = 0
    ) async throws -> [Case] {
        guard person.role != .partnerProfessional else { return [] }
        // The id makes the order total, so that pages neither repeat nor skip a case.
        var query = sql.select().column("*").from("cases")
            .where(casesVisible(to: person, teamId: teamId, matching: search))
            .orderBy("created_at", .descending).orderBy("id")
        if let limit { query = query.limit(limit).offset(offset) }
        return try await query.all(decoding: Case.self, with: rowDecoder)
    }

    /// How many cases `cases(visibleTo:teamId:)` lists in all.
    public func caseCount(visibleTo person: Professional, teamId: UUID? = nil, matching search: CaseSearch? = nil)
        async throws -> Int
    {
        guard person.role != .partnerProfessional else { return 0 }
        return try await count(from: "cases", where: [casesVisible(to: person, teamId: teamId, matching: search)])
    }

    private func casesVisible(to person: Professional, teamId: UUID?, matching search: CaseSearch?) -> SQLQueryString {
        var visible: SQLQueryString = "cases.id IN (\(visibleCases(of: person)))"
        if let teamId { visible = "\(visible) AND cases.team_id = \(bind: teamId)" }
        guard let search else { return visible }
        // The reference or a person's name containing the words, or a person born on the date.
        let like =
            "%"
            + search.text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let born: SQLQueryString = search.date.map { " OR p.date_of_birth = \(bind: $0.description)" } ?? ""
        return """
            \(visible) AND (LOWER(cases.reference) LIKE \(bind: like) ESCAPE '\\'
            OR EXISTS (SELECT 1 FROM case_people p WHERE p.case_id = cases.id
            AND (LOWER(p.full_name) LIKE \(bind: like) ESCAPE '\\'\(born))))
            """
    }

    /// Cases whose approved requests a professional may book: business support (minute takers) in
    /// the case's team, or the case's managers.
    public func bookableCaseIds(for person: Professional) async throws -> Set<UUID> {
        try await ids(bookableCases(of: person))
    }

    /// Meeting ids a professional may see: those of visible cases and those they were invited to.
    public func visibleMeetingIds(for person: Professional) async throws -> Set<UUID> {
        try await ids("SELECT id FROM meetings WHERE \(seesMeeting(person))")
    }

    /// A condition on `meetings` rows for the meetings a professional may see (as
    /// `visibleMeetingIds`): those of cases they have a role in, and for partner agencies those
    /// they were invited to.
    func seesMeeting(_ person: Professional) -> SQLQueryString {
        person.role == .partnerProfessional
            ? ownMeetings(of: person, in: "meetings") : "meetings.case_id IN (\(visibleCases(of: person)))"
    }

    /// Which of these meetings a professional may see (as `visibleMeetingIds`), in one query that
    /// checks only these meetings, however many the person's cases hold.
    public func visibleMeetingIds(for person: Professional, among meetingIds: some Collection<UUID>) async throws -> Set<UUID> {
        guard !meetingIds.isEmpty else { return [] }
        let sees =
            person.role == .partnerProfessional
            ? ownMeetings(of: person, in: "meetings") : seesCase(in: "meetings.case_id", person)
        return try await ids("SELECT id FROM meetings WHERE id IN (\(binds: Array(Set(meetingIds)))) AND \(sees)")
    }

    /// A condition on `strategy_requests` rows for the requests a professional may see in lists
    /// (as `RequestsController` shows them): those of cases they have a role in, and the approved
    /// ones of cases they may book. False for partner agencies.
    func seesRequest(_ person: Professional) -> SQLQueryString {
        guard person.role != .partnerProfessional else { return "1 = 0" }
        let own: SQLQueryString = "strategy_requests.case_id IN (\(visibleCases(of: person)))"
        // A manager may book only cases they manage, which they see already; business support may
        // book any case of their team.
        guard person.role == .minuteTaker else { return own }
        return "(\(own) OR strategy_requests.id IN (\(bookableRequests(of: person))))"
    }

    /// The ids (column `id`) of the approved requests of the cases a professional may book
    /// (`bookableCases`). `CROSS JOIN` starts from those cases: SQLite, without statistics, would
    /// otherwise read every approved request of ten years through the status index.
    func bookableRequests(of person: Professional) -> SQLQueryString {
        """
        SELECT br.id FROM cases bc CROSS JOIN strategy_requests br
        WHERE br.case_id = bc.id AND bc.id IN (\(bookableCases(of: person)))
        AND br.status = \(bind: RequestStatus.approved.rawValue)
        """
    }

    /// The actions a professional may see in lists: their own, and those agreed at meetings they
    /// may see (`visibleMeetingIds`: of their cases, or for partner agencies the meetings they
    /// were invited to, once the chair has finalised the minutes, as `AccessPolicy` says). As a condition on `smart_actions` rows (SQLite), or as a table of two
    /// arms each read by index (PostgreSQL: the condition's `OR` made it read all million actions
    /// of the authority, 354 ms, where the union takes 113; in SQLite the union is the slower).
    func actionsVisible(to person: Professional) -> (table: SQLQueryString, condition: SQLQueryString?) {
        let meetings: SQLQueryString =
            person.role == .partnerProfessional
            ? """
            smart_actions.meeting_id IN (SELECT id FROM meetings WHERE \(ownMeetings(of: person, in: "meetings"))
            AND meetings.minutes_status <> \(bind: MinutesStatus.draft.rawValue))
            """
            : "smart_actions.case_id IN (\(visibleCases(of: person)))"
        guard sql.dialect.name != "sqlite" else {
            return ("smart_actions", "(smart_actions.owner_id = \(bind: person.id) OR \(meetings))")
        }
        let table: SQLQueryString = """
            (SELECT * FROM smart_actions WHERE \(meetings)
            UNION SELECT * FROM smart_actions WHERE smart_actions.owner_id = \(bind: person.id)) AS smart_actions
            """
        return (table, nil)
    }

    /// Which of these cases a professional may see (one query, however many cases they have).
    public func visibleCaseIds(for person: Professional, among caseIds: some Collection<UUID>) async throws -> Set<UUID> {
        guard person.role != .partnerProfessional, !caseIds.isEmpty else { return [] }
        return try await ids(
            "SELECT id FROM cases WHERE id IN (\(binds: Array(Set(caseIds)))) AND \(seesCase(in: "cases.id", person))")
    }

    /// A condition that holds when the case whose id is in `column` is one the professional has a
    /// role in (as `visibleCaseIds`), checked row by row: cheaper than listing every case of
    /// someone who manages thousands when a page shows a few hundred rows. False for partners.
    func seesCase(in column: String, _ person: Professional) -> SQLQueryString {
        guard person.role != .partnerProfessional else { return "1 = 0" }
        return """
            (EXISTS (SELECT 1 FROM cases vc WHERE vc.id = \(unsafeRaw: column) AND \(caseRoles(of: person, in: "vc")))
            OR EXISTS (SELECT 1 FROM meetings vm WHERE vm.case_id = \(unsafeRaw: column) AND \(ownMeetings(of: person, in: "vm")))
            OR EXISTS (SELECT 1 FROM break_glass_grants vg WHERE vg.case_id = \(unsafeRaw: column)
            AND \(openGrant(of: person, in: "vg"))))
            """
    }

    /// A condition on `case_clocks` rows for the clocks a professional may see: those of cases
    /// they have a role in, and for partner agencies the clocks they own in cases of meetings
    /// they were invited to.
    ///
    /// When a case, team or owner already narrows the rows (`narrowed`: the conditions that do),
    /// SQLite checks each case among them once: a team's 430 running clocks belong to 50 cases, and
    /// checking them clock by clock was most of the team dashboard's queries (its count 0.33 →
    /// 0.26 ms at 100%, and 0.20 ms with M012's index). Otherwise the list starts from the person's cases, because the
    /// authority has over 100,000 running clocks to check one by one (447 ms at 100%).
    func seesClock(_ person: Professional, amongClocksWhere narrowed: [SQLQueryString]?) -> SQLQueryString {
        guard person.role == .partnerProfessional else {
            guard let narrowed else { return "case_clocks.case_id IN (\(visibleCases(of: person)))" }
            // PostgreSQL expects a few dozen of the team's 430 clocks and joins them to the 50 cases
            // in a nested loop (1.3 ms against 0.7 ms clock by clock), so there each clock is checked.
            guard sql.dialect.name == "sqlite" else { return seesCase(in: "case_clocks.case_id", person) }
            return """
                case_clocks.case_id IN (SELECT seen.case_id FROM
                (SELECT DISTINCT case_id FROM case_clocks WHERE \(narrowed.joined(separator: " AND "))) AS seen
                WHERE \(seesCase(in: "seen.case_id", person)))
                """
        }
        return """
            (case_clocks.owner_id = \(bind: person.id) AND EXISTS (SELECT 1 FROM meetings WHERE
            meetings.case_id = case_clocks.case_id AND \(ownMeetings(of: person, in: "meetings"))))
            """
    }

    /// The `id` column of a query's rows.
    func ids(_ query: SQLQueryString) async throws -> Set<UUID> {
        Set(try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    // The role rules (DOMAIN §6), each a condition on one table under an alias, so the list of a
    // person's cases (`visibleCases`) and the row-by-row check (`seesCase`) say the same thing.

    /// A `cases` row the professional is the social worker, team manager or service manager of.
    private func caseRoles(of person: Professional, in alias: String) -> SQLQueryString {
        """
        (\(unsafeRaw: alias).social_worker_id = \(bind: person.id) OR \(unsafeRaw: alias).team_manager_id = \(bind: person.id)
        OR \(unsafeRaw: alias).service_manager_id = \(bind: person.id))
        """
    }

    /// A `meetings` row the professional chairs, minutes or was invited to.
    private func ownMeetings(of person: Professional, in alias: String) -> SQLQueryString {
        ownMeetings(of: person.id, in: alias)
    }

    /// The same, for someone known by id (My work asks it of the signed-in person's id).
    func ownMeetings(of professionalId: UUID, in alias: String) -> SQLQueryString {
        """
        (\(runsMeeting(professionalId, in: alias))
        OR \(unsafeRaw: alias).id IN (SELECT meeting_id FROM invitations WHERE professional_id = \(bind: professionalId)))
        """
    }

    /// A `meetings` row the professional chairs or minutes.
    private func runsMeeting(_ professionalId: UUID, in alias: String) -> SQLQueryString {
        "(\(unsafeRaw: alias).chair_id = \(bind: professionalId) OR \(unsafeRaw: alias).minute_taker_id = \(bind: professionalId))"
    }

    /// A `break_glass_grants` row of the professional that has not expired.
    private func openGrant(of person: Professional, in alias: String) -> SQLQueryString {
        "(\(unsafeRaw: alias).professional_id = \(bind: person.id) AND \(unsafeRaw: alias).expires_at > \(bind: now()))"
    }

    /// The ids (column `id`) of the cases whose approved requests a professional may book:
    /// business support (minute takers) in the case's team, or the case's managers.
    func bookableCases(of person: Professional) -> SQLQueryString {
        let team: SQLQueryString = person.role == .minuteTaker ? "team_id = \(bind: person.teamId) OR " : ""
        return "SELECT id FROM cases WHERE \(team)team_manager_id = \(bind: person.id) OR service_manager_id = \(bind: person.id)"
    }

    /// The ids (column `id`) of the cases a children's social care professional has a role in.
    /// The invitations are their own arm (`ownMeetings` joins them with an `OR`): an `OR`
    /// with a subquery made PostgreSQL expect half the meetings table, 54,000 cases instead of
    /// 2,500, and read every action of the authority to list a manager's.
    private func visibleCases(of person: Professional) -> SQLQueryString {
        """
        SELECT id FROM cases WHERE \(caseRoles(of: person, in: "cases"))
        UNION SELECT case_id FROM meetings WHERE \(runsMeeting(person.id, in: "meetings"))
        UNION SELECT meetings.case_id FROM invitations JOIN meetings ON meetings.id = invitations.meeting_id
        WHERE invitations.professional_id = \(bind: person.id)
        UNION SELECT case_id FROM break_glass_grants WHERE \(openGrant(of: person, in: "break_glass_grants"))
        """
    }
}

/// What a person searches the cases they may see for: a reference or a name (any part of it), or a
/// date of birth (written 2017-05-14 or 14/05/2017).
public struct CaseSearch: Sendable, Equatable {
    public var text: String
    public var date: LocalDate?

    /// Nil for text that is empty or only spaces.
    public init?(_ text: String?) {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        self.text = trimmed
        date = LocalDate(written: trimmed)
    }
}
