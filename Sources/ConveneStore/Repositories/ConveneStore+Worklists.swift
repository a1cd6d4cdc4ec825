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

    /// Meetings of a team's cases in a time range, with their records (for quorum checks).
    public func meetingRecords(teamId: UUID?, from: Date, to: Date) async throws -> [MeetingRecord] {
        let caseIds = Set(try await cases(teamId: teamId).map(\.id))
        var records: [MeetingRecord] = []
        for meeting in try await meetings(from: from, to: to) where caseIds.contains(meeting.caseId) {
            records.append(try await meetingRecord(meeting.id))
        }
        return records
    }
}
