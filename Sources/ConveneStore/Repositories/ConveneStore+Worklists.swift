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

extension ConveneStore {
    /// Meetings a professional chairs, minutes or is invited to, in a time range.
    public func meetings(involving professionalId: UUID, from: Date, to: Date) async throws -> [Meeting] {
        let invited = try await fetchAll(Invitation.self, from: "invitations", where: "professional_id", equals: professionalId)
            .map(\.meetingId)
        return try await sql.select().column("*").from("meetings")
            .where("scheduled_start", .greaterThanOrEqual, from).where("scheduled_start", .lessThan, to)
            .where {
                $0.where("chair_id", .equal, professionalId).orWhere("minute_taker_id", .equal, professionalId)
                    .orWhere("id", .in, invited.isEmpty ? [UUID()] : invited)
            }
            .orderBy("scheduled_start").all(decoding: Meeting.self, with: rowDecoder)
    }

    /// Requests in one state for the cases of one team, oldest first.
    public func requests(status: RequestStatus, teamId: UUID?) async throws -> [StrategyRequest] {
        let all = try await requests(status: status)
        guard let teamId else { return all }
        let caseIds = Set(try await cases(teamId: teamId).map(\.id))
        return all.filter { caseIds.contains($0.caseId) }
    }

    /// Disagreements that are open or escalated, for one team's cases.
    public func unresolvedDissents(teamId: UUID?) async throws -> [DissentItem] {
        let dissents = try await sql.select().column("*").from("dissents")
            .where("status", .in, [DissentStatus.open.rawValue, DissentStatus.escalated.rawValue])
            .orderBy("recorded_at").all(decoding: Dissent.self, with: rowDecoder)
        let meetings = try await fetchAll(Meeting.self, from: "meetings", where: "id", in: Array(Set(dissents.map(\.meetingId))))
        let cases = Dictionary(uniqueKeysWithValues: try await self.cases(teamId: teamId).map { ($0.id, $0) })
        let meetingCase = Dictionary(uniqueKeysWithValues: meetings.map { ($0.id, $0.caseId) })
        return dissents.compactMap { dissent in
            guard let caseId = meetingCase[dissent.meetingId], let c = cases[caseId] else { return nil }
            return DissentItem(dissent: dissent, meetingId: dissent.meetingId, caseId: caseId, caseReference: c.reference)
        }
    }

    /// Live meetings of a team's cases in a time range whose quorum check fails, with the check.
    /// Loads invitations, people and agencies once for all the meetings.
    public func quorumFailures(teamId: UUID?, from: Date, to: Date) async throws -> [(
        meeting: Meeting, caseReference: String, quorum: Quorum
    )] {
        let cases = Dictionary(uniqueKeysWithValues: try await self.cases(teamId: teamId).map { ($0.id, $0.reference) })
        let meetings = try await self.meetings(from: from, to: to).filter { cases[$0.caseId] != nil && $0.status != .cancelled }
        let invitations = Dictionary(
            grouping: try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", in: meetings.map(\.id)),
            by: \.meetingId)
        let professionals = try await professionals()
        let agencies = try await agencies()
        return meetings.compactMap { meeting in
            let quorum = Quorum.check(
                chairId: meeting.chairId, invitations: invitations[meeting.id] ?? [], professionals: professionals,
                agencies: agencies)
            return quorum.isQuorate ? nil : (meeting, cases[meeting.caseId]!, quorum)
        }
    }

    /// How many held meetings each professional attended (present) in a time range.
    public func meetingsAttended(by professionalIds: [UUID], from: Date, to: Date) async throws -> [UUID: Int] {
        let held = Set(try await meetings(from: from, to: to).filter { $0.status == .held }.map(\.id))
        let invitations = try await fetchAll(Invitation.self, from: "invitations", where: "professional_id", in: professionalIds)
        var counts: [UUID: Int] = [:]
        for invitation in invitations where invitation.attendance == .present && held.contains(invitation.meetingId) {
            counts[invitation.professionalId, default: 0] += 1
        }
        return counts
    }

    /// The live (not cancelled) meeting booked for each of these requests, if any.
    public func liveMeetings(forRequests requestIds: [UUID]) async throws -> [UUID: Meeting] {
        let meetings = try await fetchAll(Meeting.self, from: "meetings", where: "request_id", in: requestIds)
        return Dictionary(meetings.filter { $0.status != .cancelled }.map { ($0.requestId, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
