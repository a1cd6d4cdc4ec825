import Foundation

/// When, where and how a strategy discussion is held, and where its minutes stand: what every
/// person who may see the meeting sees, and all that lists of meetings carry.
public struct MeetingLogistics: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var caseId: UUID
    public var caseReference: String
    public var scheduledStart: Date
    public var scheduledEnd: Date
    public var isImmediate: Bool
    public var status: MeetingStatus
    public var format: MeetingFormat?
    public var startedAt: Date?
    public var endedAt: Date?
    public var chairId: UUID
    public var minuteTakerId: UUID
    public var minutesStatus: MinutesStatus

    /// Copies the logistics, field by field, from a meeting and its case reference.
    public init(_ meeting: Meeting, caseReference: String) {
        id = meeting.id
        caseId = meeting.caseId
        self.caseReference = caseReference
        scheduledStart = meeting.scheduledStart
        scheduledEnd = meeting.scheduledEnd
        isImmediate = meeting.isImmediate
        status = meeting.status
        format = meeting.format
        startedAt = meeting.startedAt
        endedAt = meeting.endedAt
        chairId = meeting.chairId
        minuteTakerId = meeting.minuteTakerId
        minutesStatus = meeting.minutesStatus
    }
}

/// A family member's details as the chair released them to the invitees of one meeting.
public struct ReleasedPerson: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var role: PersonRole
    public var fullName: String
    public var dateOfBirth: LocalDate?
    public var relationship: String?
    public var address: String?
    public var checksRequired: String?

    public init(_ person: CasePerson) {
        id = person.id
        role = person.role
        fullName = person.fullName
        dateOfBirth = person.dateOfBirth
        relationship = person.relationship
        address = person.address
        checksRequired = person.checksRequired
    }
}

/// The chair's recorded release of one family member's details to a meeting's invitees.
public struct PersonRelease: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var personId: UUID
    public var releasedBy: UUID
    public var releasedAt: Date

    public init(id: UUID, meetingId: UUID, personId: UUID, releasedBy: UUID, releasedAt: Date) {
        self.id = id
        self.meetingId = meetingId
        self.personId = personId
        self.releasedBy = releasedBy
        self.releasedAt = releasedAt
    }
}

/// What an invitee sees of a strategy discussion, in every state of its minutes (docs/SECURITY.md).
/// It is built field by field from the record, never by blanking fields of it, so a field added
/// to the record stays hidden from invitees until it is added here on purpose. The record's own
/// content (the request, contributions, analysis, decisions, dissent, actions, safety plan)
/// reaches invitees only as the finalised minutes.
public struct InviteeMeeting: Sendable, Equatable, Codable {
    public var audience = MeetingAudience.invitee
    public var meeting: MeetingLogistics
    /// The family members the chair released to the invitees; the others are withheld.
    public var people: [ReleasedPerson]
    public var invitations: [Invitation]
    /// The invitees, the chair and the minute taker.
    public var professionals: [Professional]
    /// Their agencies.
    public var agencies: [Agency]
    public var quorum: Quorum
    /// True once the chair has finalised the minutes, which invitees then read in full.
    public var minutesAvailable: Bool

    public init(_ record: MeetingRecord, released: Set<UUID>) {
        meeting = MeetingLogistics(record.meeting, caseReference: record.caseRecord.reference)
        people = record.people.filter { released.contains($0.id) }.map(ReleasedPerson.init)
        invitations = record.invitations
        let shown = Set(record.invitations.map(\.professionalId)).union([record.meeting.chairId, record.meeting.minuteTakerId])
        professionals = record.professionals.filter { shown.contains($0.id) }
        let agencyIds = Set(professionals.map(\.agencyId))
        agencies = record.agencies.filter { agencyIds.contains($0.id) }
        quorum = record.quorum
        minutesAvailable = record.meeting.minutesStatus != .draft
    }
}
