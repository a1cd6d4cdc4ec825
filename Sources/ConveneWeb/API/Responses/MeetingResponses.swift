import ConveneCore
import Foundation

// A strategy discussion as the API answers it: its booking and record (for the meeting team),
// its logistics (in lists and for invitees), and the moves and cancellations agreed.

/// A meeting's booking and the record typed in it, as the meeting team reads it.
struct MeetingDetailsResponse: APIResponseBody {
    var id: UUID
    var caseId: UUID
    var requestId: UUID
    var scheduledStart: Date
    var scheduledEnd: Date
    var isImmediate: Bool
    var chairId: UUID
    var minuteTakerId: UUID
    var status: MeetingStatus
    var format: MeetingFormat?
    var startedAt: Date?
    var endedAt: Date?
    var familyDetailsConfirmed: Bool
    var confidentialityStatementGiven: Bool
    var reasonForMeeting: String?
    var cscInformation: String?
    var riskFactors: String?
    var protectiveFactors: String?
    var safeAtHome: Answer?
    var otherChildrenAtRisk: Answer?
    var otherChildrenDetail: String?
    var voiceOfChild: String?
    var cultureAndIdentity: String?
    var interpreterNeeded: Answer?
    var interpreterLanguage: String?
    var disabilityAdjustments: String?
    var safetyPlan: String?
    var nextDiscussionDate: LocalDate?
    var minutesStatus: MinutesStatus
    var finalisedAt: Date?
    /// Why the chair finalised the minutes although the discussion was not quorate.
    var quorumReason: String?
    /// An immediate discussion recorded after it was held: when, by whom, and why.
    var recordedAfterEventAt: Date?
    var recordedAfterEventBy: UUID?
    var afterEventReason: String?
    /// Why it was booked after the request's timescale.
    var lateReason: String?
    var circulatedAt: Date?
    /// The ETag's number: it rises with every change to the record.
    var version: Int
    var createdAt: Date

    static let sample: Self = {
        var meeting = Meeting(
            id: UUID(), caseId: UUID(), requestId: UUID(), scheduledStart: sampleTime, scheduledEnd: sampleTime + 3600,
            isImmediate: false, chairId: UUID(), minuteTakerId: UUID(), createdAt: sampleTime)
        meeting.format = .video
        meeting.startedAt = sampleTime
        meeting.endedAt = sampleTime + 3000
        for field in [
            \Meeting.reasonForMeeting, \.cscInformation, \.riskFactors, \.protectiveFactors, \.otherChildrenDetail,
            \.voiceOfChild, \.cultureAndIdentity, \.interpreterLanguage, \.disabilityAdjustments, \.safetyPlan,
            \.quorumReason, \.afterEventReason, \.lateReason,
        ] {
            meeting[keyPath: field] = "Written in the discussion"
        }
        meeting.safeAtHome = .no
        meeting.otherChildrenAtRisk = .unknown
        meeting.interpreterNeeded = .yes
        meeting.nextDiscussionDate = sampleDate
        meeting.finalisedAt = sampleTime
        meeting.recordedAfterEventAt = sampleTime
        meeting.recordedAfterEventBy = UUID()
        meeting.circulatedAt = sampleTime
        return Self(meeting)
    }()
}

extension MeetingDetailsResponse {
    init(_ m: Meeting) {
        self.init(
            id: m.id, caseId: m.caseId, requestId: m.requestId, scheduledStart: m.scheduledStart,
            scheduledEnd: m.scheduledEnd, isImmediate: m.isImmediate, chairId: m.chairId, minuteTakerId: m.minuteTakerId,
            status: m.status, format: m.format, startedAt: m.startedAt, endedAt: m.endedAt,
            familyDetailsConfirmed: m.familyDetailsConfirmed, confidentialityStatementGiven: m.confidentialityStatementGiven,
            reasonForMeeting: m.reasonForMeeting, cscInformation: m.cscInformation, riskFactors: m.riskFactors,
            protectiveFactors: m.protectiveFactors, safeAtHome: m.safeAtHome, otherChildrenAtRisk: m.otherChildrenAtRisk,
            otherChildrenDetail: m.otherChildrenDetail, voiceOfChild: m.voiceOfChild, cultureAndIdentity: m.cultureAndIdentity,
            interpreterNeeded: m.interpreterNeeded, interpreterLanguage: m.interpreterLanguage,
            disabilityAdjustments: m.disabilityAdjustments, safetyPlan: m.safetyPlan, nextDiscussionDate: m.nextDiscussionDate,
            minutesStatus: m.minutesStatus, finalisedAt: m.finalisedAt, quorumReason: m.quorumReason,
            recordedAfterEventAt: m.recordedAfterEventAt, recordedAfterEventBy: m.recordedAfterEventBy,
            afterEventReason: m.afterEventReason, lateReason: m.lateReason, circulatedAt: m.circulatedAt, version: m.version,
            createdAt: m.createdAt)
    }
}

/// A move or cancellation of a booking, agreed by the service manager or waiting for them.
struct MeetingChangeResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var kind: MeetingChange.Kind
    var previousStart: Date
    var newStart: Date?
    var agreedBy: UUID
    var reason: String
    var recordedAt: Date
    var recordedBy: UUID?
    var agreement: Agreement
    var status: MeetingChangeStatus
    var decidedAt: Date?
    var declinedReason: String?
    var acknowledgedAt: Date?
    var lateReason: String?

    static let sample = Self(
        id: UUID(), meetingId: UUID(), kind: .moved, previousStart: sampleTime, newStart: sampleTime + 86_400,
        agreedBy: UUID(), reason: "The police officer is in court", recordedAt: sampleTime, recordedBy: UUID(),
        agreement: .byTelephone, status: .agreed, decidedAt: sampleTime, declinedReason: "Keep the booking",
        acknowledgedAt: sampleTime, lateReason: "No earlier slot")
}

extension MeetingChangeResponse {
    init(_ c: MeetingChange) {
        self.init(
            id: c.id, meetingId: c.meetingId, kind: c.kind, previousStart: c.previousStart, newStart: c.newStart,
            agreedBy: c.agreedBy, reason: c.reason, recordedAt: c.recordedAt, recordedBy: c.recordedBy,
            agreement: c.agreement, status: c.status, decidedAt: c.decidedAt, declinedReason: c.declinedReason,
            acknowledgedAt: c.acknowledgedAt, lateReason: c.lateReason)
    }
}

/// Everything recorded about one strategy discussion, for the meeting team.
struct MeetingRecordResponse: APIResponseBody {
    var meeting: MeetingDetailsResponse
    var caseRecord: CaseResponse
    var request: StrategyRequestResponse
    var people: [CasePersonResponse]
    var invitations: [InvitationResponse]
    var professionals: [ProfessionalResponse]
    var agencies: [AgencyResponse]
    var contributions: [ContributionResponse]
    var decisions: [DecisionResponse]
    var dissents: [DissentResponse]
    var actions: [SmartActionResponse]
    var changes: [MeetingChangeResponse]
    /// Non-attendance and disagreements escalated, oldest first.
    var escalations: [EscalationResponse]

    static let sample = Self(
        meeting: .sample, caseRecord: .sample, request: .sample, people: [.sample], invitations: [.sample],
        professionals: [.sample], agencies: [.sample], contributions: [.sample], decisions: [.sample], dissents: [.sample],
        actions: [.sample], changes: [.sample], escalations: [.sample])
}

extension MeetingRecordResponse {
    init(_ r: MeetingRecord) {
        self.init(
            meeting: MeetingDetailsResponse(r.meeting), caseRecord: CaseResponse(r.caseRecord),
            request: StrategyRequestResponse(r.request), people: r.people.map(CasePersonResponse.init),
            invitations: r.invitations.map(InvitationResponse.init),
            professionals: r.professionals.map(ProfessionalResponse.init),
            agencies: r.agencies.map(AgencyResponse.init), contributions: r.contributions.map(ContributionResponse.init),
            decisions: r.decisions.map(DecisionResponse.init), dissents: r.dissents.map(DissentResponse.init),
            actions: r.actions.map(SmartActionResponse.init), changes: r.changes.map(MeetingChangeResponse.init),
            escalations: r.escalations.map(EscalationResponse.init))
    }
}

/// When, where and how a discussion is held, and where its minutes stand: what every person who
/// may see the meeting sees, and all that lists of meetings carry.
struct MeetingLogisticsResponse: APIResponseBody {
    var id: UUID
    var caseId: UUID
    var caseReference: String
    var scheduledStart: Date
    var scheduledEnd: Date
    var isImmediate: Bool
    var status: MeetingStatus
    var format: MeetingFormat?
    var startedAt: Date?
    var endedAt: Date?
    var chairId: UUID
    var minuteTakerId: UUID
    var minutesStatus: MinutesStatus

    static let sample = Self(
        id: UUID(), caseId: UUID(), caseReference: "NS-10482", scheduledStart: sampleTime, scheduledEnd: sampleTime + 3600,
        isImmediate: false, status: .held, format: .video, startedAt: sampleTime, endedAt: sampleTime + 3000,
        chairId: UUID(), minuteTakerId: UUID(), minutesStatus: .finalised)
}

extension MeetingLogisticsResponse {
    init(_ l: MeetingLogistics) {
        self.init(
            id: l.id, caseId: l.caseId, caseReference: l.caseReference, scheduledStart: l.scheduledStart,
            scheduledEnd: l.scheduledEnd, isImmediate: l.isImmediate, status: l.status, format: l.format,
            startedAt: l.startedAt, endedAt: l.endedAt, chairId: l.chairId,
            minuteTakerId: l.minuteTakerId, minutesStatus: l.minutesStatus)
    }
}

/// A family member's details as the chair released them to a meeting's invitees.
struct ReleasedPersonResponse: APIResponseBody {
    var id: UUID
    var role: PersonRole
    var fullName: String
    var dateOfBirth: LocalDate?
    var relationship: String?
    var address: String?
    var checksRequired: String?

    static let sample = Self(
        id: UUID(), role: .child, fullName: "Wren Ashdown", dateOfBirth: sampleDate, relationship: "Daughter",
        address: "1 Heron Court", checksRequired: "Health records")
}

extension ReleasedPersonResponse {
    init(_ p: ReleasedPerson) {
        self.init(
            id: p.id, role: p.role, fullName: p.fullName, dateOfBirth: p.dateOfBirth, relationship: p.relationship,
            address: p.address, checksRequired: p.checksRequired)
    }
}

/// What an invitee sees of a discussion, in every state of its minutes (`InviteeMeeting`).
struct InviteeMeetingResponse: APIResponseBody {
    var audience = MeetingAudience.invitee
    var meeting: MeetingLogisticsResponse
    /// The family members the chair released to the invitees; the others are withheld.
    var people: [ReleasedPersonResponse]
    var invitations: [InvitationResponse]
    /// The invitees, the chair and the minute taker, and their agencies.
    var professionals: [ProfessionalResponse]
    var agencies: [AgencyResponse]
    var quorum: QuorumResponse
    /// True once the chair has finalised the minutes, which invitees then read in full.
    var minutesAvailable: Bool

    static let sample = Self(
        meeting: .sample, people: [.sample], invitations: [.sample], professionals: [.sample], agencies: [.sample],
        quorum: .sample, minutesAvailable: true)
}

extension InviteeMeetingResponse {
    init(_ m: InviteeMeeting) {
        self.init(
            audience: m.audience, meeting: MeetingLogisticsResponse(m.meeting),
            people: m.people.map(ReleasedPersonResponse.init), invitations: m.invitations.map(InvitationResponse.init),
            professionals: m.professionals.map(ProfessionalResponse.init), agencies: m.agencies.map(AgencyResponse.init),
            quorum: QuorumResponse(m.quorum), minutesAvailable: m.minutesAvailable)
    }
}

/// A meeting's whole record with its quorum check and the one-hour flag, for the meeting team.
struct MeetingResponse: APIResponseBody {
    var audience = MeetingAudience.meetingTeam
    var record: MeetingRecordResponse
    /// The family members whose details the chair released to the invitees.
    var releasedPersonIds: [UUID]
    var quorum: QuorumResponse
    /// True when the meeting ran past its slot length (a flag, not a breach).
    var overran: Bool
    /// Each record section's version, to send back as `sectionVersions` when editing.
    var sectionVersions: [String: Int]

    static let sample = Self(
        record: .sample, releasedPersonIds: [UUID()], quorum: .sample, overran: true, sectionVersions: ["analysis": 2])
}

/// The family members whose details a meeting's invitees now see.
struct ReleasedPeopleResponse: APIResponseBody {
    var personIds: [UUID]

    static let sample = Self(personIds: [UUID()])
}

extension ReleasedPeopleResponse {
    /// The released people's ids in one steady order, wherever they are answered.
    static func ordered(_ ids: Set<UUID>) -> [UUID] { ids.sorted { $0.uuidString < $1.uuidString } }

    init(_ ids: Set<UUID>) { self.init(personIds: Self.ordered(ids)) }
}
