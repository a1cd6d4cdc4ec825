import ConveneCore
import Foundation
import SQLKit

/// Which changes send what, and to whom (issue 23's table of events). Each is called inside the
/// transaction of its change, so the messages and the change commit or roll back together.
extension ConveneStore {
    // MARK: - Requests

    /// Submitted: the team manager approves it; approved: the team's minute takers book it;
    /// returned: the social worker changes it.
    func notifyRequest(_ kind: MessageKind, _ request: StrategyRequest) async throws {
        let record = try await caseRecord(request.caseId)
        let team = try await load(Team.self, from: "teams", id: record.teamId, entity: "team")
        var recipients: [UUID]
        switch kind {
        case .requestSubmitted: recipients = [record.teamManagerId]
        case .requestApproved: recipients = try await professionals(role: .minuteTaker, teamId: team.id).map(\.id)
        default: recipients = [record.socialWorkerId]
        }
        try await queue(
            MessageFacts(kind: kind, caseReference: record.reference, path: SitePath.request(.value(request.id)).href),
            to: try await people(recipients), organisation: try await organisation(team.organisationId), caseId: record.id,
            meetingId: nil)
    }

    // MARK: - Meetings

    /// Booked, moved or cancelled: every invitee, each with their own calendar object (a REQUEST,
    /// or a CANCEL with the same UID), its SEQUENCE one more than the last. Added or taken off
    /// later: that person alone.
    func notifyMeeting(_ kind: MessageKind, _ meeting: Meeting, to recipientIds: [UUID]? = nil, previousStart: Date? = nil)
        async throws
    {
        let record = try await caseRecord(meeting.caseId)
        let organisation = try await organisation(ofTeam: record.teamId)
        let ids: [UUID]
        if let recipientIds {
            ids = recipientIds
        } else {
            // The invitees, and the minute taker, who runs the discussion without being an invitee.
            ids =
                try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meeting.id)
                .map(\.professionalId) + [meeting.minuteTakerId]
        }
        // Every calendar message of a meeting carries a higher SEQUENCE than any before it, so a
        // person withdrawn and invited again sees the new invitation win over the cancellation.
        let sequence = try await nextCalendarSequence(of: meeting.id)
        let method: CalendarInvitation.Method = [.meetingCancelled, .invitationWithdrawn].contains(kind) ? .cancel : .request
        // Someone taken off the invitations can no longer open the meeting: their link is My work.
        let path = kind == .invitationWithdrawn ? SitePath.myWork.href : SitePath.meeting(.value(meeting.id)).href
        let stamp = now()
        let from = mail.fromAddress
        try await queue(
            MessageFacts(
                kind: kind, caseReference: record.reference, meetingStart: meeting.scheduledStart,
                meetingEnd: meeting.scheduledEnd, previousStart: previousStart, format: meeting.format, path: path),
            to: try await people(ids), organisation: organisation, caseId: record.id, meetingId: meeting.id
        ) { person, settings in
            CalendarInvitation(
                method: method, meetingId: meeting.id, sequence: sequence, start: meeting.scheduledStart,
                end: meeting.scheduledEnd, stamp: stamp, caseReference: record.reference, format: meeting.format,
                link: settings.baseUrl + SitePath.meeting(.value(meeting.id)).href, organizerName: settings.senderName,
                organizerAddress: from,
                attendeeName: person.name, attendeeAddress: person.emailAddress ?? "")
        }
    }

    /// Before the discussion, police or health sent apologies or none is invited: the chair and the
    /// case's service manager are told, so that both statutory partners can be found in time.
    func notifyQuorumAtRisk(_ meeting: Meeting) async throws {
        let record = try await caseRecord(meeting.caseId)
        let organisation = try await organisation(ofTeam: record.teamId)
        try await queue(
            MessageFacts(
                kind: .quorumAtRisk, caseReference: record.reference, meetingStart: meeting.scheduledStart,
                meetingEnd: meeting.scheduledEnd, format: meeting.format, path: SitePath.meeting(.value(meeting.id)).href),
            to: try await people([meeting.chairId, record.serviceManagerId]), organisation: organisation,
            caseId: record.id, meetingId: meeting.id)
    }

    /// Whether the meeting's invitees leave a statutory partner out (`Quorum.partnersAtRisk`).
    func quorumAtRisk(_ meetingId: UUID) async throws -> Bool {
        !Quorum.partnersAtRisk(try await quorumInvitees(of: [meetingId])[meetingId] ?? []).isEmpty
    }

    // MARK: - Minutes, actions, escalations

    /// Circulated: every invitee and each person the chair permitted to read them.
    func notifyMinutesCirculated(_ meeting: Meeting, to ids: [UUID]) async throws {
        let record = try await caseRecord(meeting.caseId)
        try await queue(
            MessageFacts(
                kind: .minutesCirculated, caseReference: record.reference, meetingStart: meeting.scheduledStart,
                path: SitePath.minutes(.value(meeting.id)).href),
            to: try await people(ids), organisation: try await organisation(ofTeam: record.teamId), caseId: record.id,
            meetingId: meeting.id)
    }

    /// A message about a meeting to some of the people involved, with no calendar object: a
    /// correction to the chair, an action to its owner, an escalation to the service manager.
    func notifyAbout(_ meeting: Meeting, _ kind: MessageKind, to ids: [UUID], due: Date? = nil) async throws {
        let record = try await caseRecord(meeting.caseId)
        let path =
            kind == .correctionReceived ? SitePath.minutes(.value(meeting.id)).href : SitePath.meeting(.value(meeting.id)).href
        try await queue(
            MessageFacts(kind: kind, caseReference: record.reference, meetingStart: meeting.scheduledStart, due: due, path: path),
            to: try await people(ids), organisation: try await organisation(ofTeam: record.teamId), caseId: record.id,
            meetingId: meeting.id)
    }

    /// The professionals with these ids, in this order.
    private func people(_ ids: [UUID]) async throws -> [Professional] {
        let found = try await fetchAll(Professional.self, from: "professionals", where: "id", in: ids)
        let byId = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byId[$0] }
    }
}
