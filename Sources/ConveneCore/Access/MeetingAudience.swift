import Foundation

/// Who reads a strategy discussion, which decides how much of it they see (docs/SECURITY.md,
/// "What invitees see"). Every representation of a meeting, in the API and on the pages, goes
/// through the projection of its audience.
public enum MeetingAudience: String, Sendable, Codable, CaseIterable {
    /// The chair, the minute taker and the case team (allocated social worker, team and service
    /// manager, break-glass): the whole record in every state.
    case meetingTeam
    /// Invited professionals: the logistics, the family details the chair released, and the
    /// minutes once the chair has finalised them (`InviteeMeeting`).
    case invitee
}

extension AccessPolicy {
    /// The audience of someone allowed to view a meeting. The record's content before the chair
    /// finalises it is the draft of the minutes, so the meeting team is whoever may read draft minutes.
    public static func meetingAudience(role: AccessRole, relationships: Set<Relationship>) -> MeetingAudience {
        allows(.viewMinutes, role: role, relationships: relationships, state: AccessState(minutesStatus: .draft))
            ? .meetingTeam : .invitee
    }
}
