import ConveneCore
import Foundation
import SQLKit

/// A disagreement waiting for resolution, with where it happened.
public struct DissentItem: Sendable, Codable {
    public var dissent: Dissent
    public var meetingId: UUID
    public var caseId: UUID
    public var caseReference: String
}

/// A live meeting whose quorum check fails: where it is, when, and who is missing.
public struct QuorumFailure: Sendable {
    public var meetingId: UUID
    public var caseId: UUID
    public var caseReference: String
    public var scheduledStart: Date
    public var quorum: Quorum
}

extension ConveneStore {
    /// Meetings a professional chairs, minutes or is invited to, in a time range.
    /// The invitations are a subquery: a manager has been invited to thousands of meetings over
    /// the years, and binding all their ids took longer than the page.
    public func meetings(involving professionalId: UUID, from: Date, to: Date) async throws -> [Meeting] {
        try await sql.select().column("*").from("meetings")
            .where("scheduled_start", .greaterThanOrEqual, from).where("scheduled_start", .lessThan, to)
            .where(ownMeetings(of: professionalId, in: "meetings"))
            .orderBy("scheduled_start").orderBy("id").all(decoding: Meeting.self, with: rowDecoder)
    }

    /// Requests in one state for the cases of one team, oldest first.
    public func requests(status: RequestStatus, teamId: UUID?) async throws -> [StrategyRequest] {
        guard let teamId else { return try await requests(status: status) }
        return try await sql.raw(
            """
            SELECT r.* FROM strategy_requests r JOIN cases c ON c.id = r.case_id
            WHERE r.status = \(bind: status.rawValue) AND c.team_id = \(bind: teamId) ORDER BY r.created_at
            """
        ).all(decoding: StrategyRequest.self, with: rowDecoder)
    }

    /// Disagreements that are open or escalated, for one team's cases (or all), oldest first.
    public func unresolvedDissents(teamId: UUID?) async throws -> [DissentItem] {
        struct Row: Decodable {
            var id: UUID
            var meetingId: UUID
            var caseId: UUID
            var reference: String
        }
        let team: SQLQueryString = teamId.map { "AND c.team_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw(
            """
            SELECT d.id, d.meeting_id, m.case_id, c.reference FROM dissents d
            JOIN meetings m ON m.id = d.meeting_id JOIN cases c ON c.id = m.case_id
            WHERE d.status IN (\(bind: DissentStatus.open.rawValue), \(bind: DissentStatus.escalated.rawValue)) \(team)
            """
        ).all(decoding: Row.self, with: rowDecoder)
        let places = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        return try await fetchAll(Dissent.self, from: "dissents", where: "id", in: rows.map(\.id), orderBy: "recorded_at")
            .map { d in
                DissentItem(
                    dissent: d, meetingId: d.meetingId, caseId: places[d.id]!.caseId, caseReference: places[d.id]!.reference)
            }
    }

    /// The references of these cases, by id.
    public func caseReferences(_ ids: some Collection<UUID>) async throws -> [UUID: String] {
        try await texts("reference", from: "cases", ids: ids)
    }

    /// Live meetings of a team's cases in a time range whose quorum check fails, with the check.
    /// Reads of the meetings and their invitees only what the check and the list need (a whole
    /// meeting holds the minutes' text), in two queries for all the meetings.
    public func quorumFailures(teamId: UUID?, from: Date, to: Date) async throws -> [QuorumFailure] {
        struct Row: Decodable {
            var id: UUID
            var caseId: UUID
            var chairId: UUID
            var scheduledStart: Date
            var reference: String
        }
        // Read through the meetings' team and start (M013): checking the team of each meeting in
        // the window took 0.9 ms at 100,000 meetings, and starting from the team's thousands of
        // cases 11 ms.
        let team: SQLQueryString = teamId.map { "AND m.team_id = \(bind: $0)" } ?? ""
        let meetings = try await sql.raw(
            """
            SELECT m.id, m.case_id, m.chair_id, m.scheduled_start, c.reference FROM meetings m
            JOIN cases c ON c.id = m.case_id
            WHERE m.scheduled_start >= \(bind: from) AND m.scheduled_start < \(bind: to)
            AND m.status <> \(bind: MeetingStatus.cancelled.rawValue) \(team) ORDER BY m.scheduled_start, m.id
            """
        ).all(decoding: Row.self, with: rowDecoder)
        let invitees = try await quorumInvitees(of: meetings.map(\.id))
        return meetings.compactMap { meeting in
            let quorum = Quorum.check(chairId: meeting.chairId, invitees: invitees[meeting.id] ?? [])
            guard !quorum.isQuorate else { return nil }
            return QuorumFailure(
                meetingId: meeting.id, caseId: meeting.caseId, caseReference: meeting.reference,
                scheduledStart: meeting.scheduledStart, quorum: quorum)
        }
    }

    /// Each invitee of these meetings as the quorum check sees them: attendance, role and agency
    /// (nil for a professional or agency not found), in one query; decoding whole invitations
    /// alone took 11% of the dashboard page.
    func quorumInvitees(of meetingIds: [UUID]) async throws -> [UUID: [QuorumInvitee]] {
        guard !meetingIds.isEmpty else { return [:] }
        var invitees: [UUID: [QuorumInvitee]] = [:]
        for row in try await sql.raw(
            """
            SELECT i.meeting_id, i.professional_id, i.attendance, p.role, a.kind FROM invitations i
            LEFT JOIN professionals p ON p.id = i.professional_id LEFT JOIN agencies a ON a.id = p.agency_id
            WHERE i.meeting_id IN (\(binds: meetingIds))
            """
        ).all() {
            let invitee = QuorumInvitee(
                professionalId: try row.decode(column: "professional_id", as: UUID.self),
                attendance: try row.decode(column: "attendance", as: Attendance.self),
                role: try row.decode(column: "role", as: ProfessionalRole?.self),
                agencyKind: try row.decode(column: "kind", as: AgencyKind?.self))
            invitees[try row.decode(column: "meeting_id", as: UUID.self), default: []].append(invitee)
        }
        return invitees
    }

    /// How many held meetings each professional attended (present) in a time range.
    public func meetingsAttended(by professionalIds: [UUID], from: Date, to: Date) async throws -> [UUID: Int] {
        guard !professionalIds.isEmpty else { return [:] }
        var counts: [UUID: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT i.professional_id, COUNT(*) AS attended FROM invitations i JOIN meetings m ON m.id = i.meeting_id
            WHERE i.professional_id IN (\(binds: professionalIds)) AND i.attendance = \(bind: Attendance.present.rawValue)
            AND m.status = \(bind: MeetingStatus.held.rawValue) AND m.scheduled_start >= \(bind: from)
            AND m.scheduled_start < \(bind: to) GROUP BY i.professional_id
            """
        ).all() {
            counts[try row.decode(column: "professional_id", as: UUID.self)] = try row.decode(column: "attended", as: Int.self)
        }
        return counts
    }
}

/// What a person has to do next, for My work: each list is theirs by their role in the case or
/// the meeting, never another's.
public struct WorkToDo: Sendable {
    /// Requests the team manager sent back to them (the case's social worker), with the reason.
    public var returned: [StrategyRequest]
    /// Submitted requests of cases they manage, waiting for their approval.
    public var toApprove: [StrategyRequest]
    /// Approved requests they may book, waiting for a booking.
    public var toBook: [StrategyRequest]
    /// Discussions they chaired that have ended, whose minutes are still a draft.
    public var toFinalise: [Meeting]
    /// Corrections received on minutes of discussions they chair, not yet applied or declined.
    public var corrections: [Correction]
    /// Moves and cancellations they, a service manager, are asked to approve or decline.
    public var toAgree: [MeetingChange]
    /// Agreements they gave by telephone that someone recorded for them, not yet acknowledged.
    public var toAcknowledge: [MeetingChange]

    public var isEmpty: Bool {
        returned.isEmpty && toApprove.isEmpty && toBook.isEmpty && toFinalise.isEmpty && corrections.isEmpty
            && toAgree.isEmpty && toAcknowledge.isEmpty
    }

    /// The changes to bookings waiting for them, asked for or recorded by telephone.
    public var changes: [MeetingChange] { toAgree + toAcknowledge }
}

extension ConveneStore {
    /// The meetings with these ids.
    public func meetings(ids: [UUID]) async throws -> [Meeting] {
        try await fetchAll(Meeting.self, from: "meetings", where: "id", in: ids)
    }

    public func workToDo(for person: Professional) async throws -> WorkToDo {
        let returned = try await sql.raw(
            """
            SELECT r.* FROM strategy_requests r JOIN cases c ON c.id = r.case_id
            WHERE r.status = \(bind: RequestStatus.draft.rawValue) AND r.returned_reason IS NOT NULL
            AND c.social_worker_id = \(bind: person.id) ORDER BY r.updated_at
            """
        ).all(decoding: StrategyRequest.self, with: rowDecoder)
        let toApprove =
            person.role == .teamManager || person.role == .serviceManager
            ? try await sql.raw(
                """
                SELECT r.* FROM strategy_requests r JOIN cases c ON c.id = r.case_id
                WHERE r.status = \(bind: RequestStatus.submitted.rawValue)
                AND (c.team_manager_id = \(bind: person.id) OR c.service_manager_id = \(bind: person.id))
                ORDER BY r.submitted_at
                """
            ).all(decoding: StrategyRequest.self, with: rowDecoder) : []
        let toBook =
            [.minuteTaker, .teamManager, .serviceManager].contains(person.role)
            ? try await requestsAwaitingBooking(by: person) : []
        let toFinalise = try await sql.select().column("*").from("meetings")
            .where("chair_id", .equal, person.id).where("minutes_status", .equal, MinutesStatus.draft.rawValue)
            .where("status", .notEqual, MeetingStatus.cancelled.rawValue).where("ended_at", .isNot, SQLLiteral.null)
            .orderBy("ended_at").all(decoding: Meeting.self, with: rowDecoder)
        let corrections = try await sql.raw(
            """
            SELECT k.* FROM corrections k JOIN meetings m ON m.id = k.meeting_id
            WHERE k.status = \(bind: CorrectionStatus.received.rawValue) AND m.chair_id = \(bind: person.id)
            ORDER BY k.received_at
            """
        ).all(decoding: Correction.self, with: rowDecoder)
        let changes =
            person.role == .serviceManager
            ? try await sql.select().column("*").from("meeting_changes").where("agreed_by", .equal, person.id)
                .where {
                    $0.where("status", .equal, MeetingChangeStatus.pending.rawValue)
                        .orWhere {
                            $0.where("agreement", .equal, Agreement.byTelephone.rawValue)
                                .where("acknowledged_at", .is, SQLLiteral.null)
                        }
                }
                .orderBy("recorded_at").all(decoding: MeetingChange.self, with: rowDecoder) : []
        return WorkToDo(
            returned: returned, toApprove: toApprove, toBook: toBook, toFinalise: toFinalise, corrections: corrections,
            toAgree: changes.filter { $0.status == .pending }, toAcknowledge: changes.filter { $0.status != .pending })
    }
}
