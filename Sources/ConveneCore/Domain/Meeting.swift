import Foundation

/// How the discussion is held.
public enum MeetingFormat: String, Sendable, Codable, CaseIterable {
    case faceToFace, phone, video, mixed
}

/// Where a booked strategy discussion stands.
public enum MeetingStatus: String, Sendable, Codable, CaseIterable {
    case booked, held, cancelled
}

/// Where the minutes stand (DOMAIN §3.7).
public enum MinutesStatus: String, Sendable, Codable, CaseIterable {
    /// Being written; the record can still change.
    case draft
    /// The chair finalised them; the record is frozen.
    case finalised
    /// Sent to every invitee.
    case circulated
    /// A later version corrects the circulated one.
    case amended
}

/// A yes / no / not yet known answer in the risk analysis.
public enum Answer: String, Sendable, Codable, CaseIterable {
    case yes, no, unknown
}

/// A strategy discussion: its booking and its record.
public struct Meeting: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var caseId: UUID
    public var requestId: UUID
    public var scheduledStart: Date
    public var scheduledEnd: Date
    /// Booked outside the standard slots because the request was immediate.
    public var isImmediate: Bool
    public var chairId: UUID
    public var minuteTakerId: UUID
    public var status: MeetingStatus
    public var format: MeetingFormat?
    public var startedAt: Date?
    public var endedAt: Date?
    // MARK: Opening of the meeting
    public var familyDetailsConfirmed: Bool
    public var confidentialityStatementGiven: Bool
    public var reasonForMeeting: String?
    public var cscInformation: String?
    // MARK: Risk analysis
    public var riskFactors: String?
    public var protectiveFactors: String?
    public var safeAtHome: Answer?
    public var otherChildrenAtRisk: Answer?
    public var otherChildrenDetail: String?
    public var voiceOfChild: String?
    public var cultureAndIdentity: String?
    public var interpreterNeeded: Answer?
    public var interpreterLanguage: String?
    public var disabilityAdjustments: String?
    // MARK: Planning
    public var safetyPlan: String?
    public var nextDiscussionDate: LocalDate?
    // MARK: Minutes
    public var minutesStatus: MinutesStatus
    public var finalisedAt: Date?
    /// Why the chair finalised the minutes although the discussion was not quorate.
    public var quorumReason: String?
    /// An immediate discussion recorded after it was held (the emergency duty team's, at night):
    /// when it was recorded, by whom, and the reason.
    public var recordedAfterEventAt: Date?
    public var recordedAfterEventBy: UUID?
    public var afterEventReason: String?
    /// Why it was booked after the request's timescale, as given when it was booked.
    public var lateReason: String?
    public var circulatedAt: Date?
    /// Increases with every change to the record, for optimistic locking.
    public var version: Int
    public var createdAt: Date

    public init(
        id: UUID, caseId: UUID, requestId: UUID, scheduledStart: Date, scheduledEnd: Date,
        isImmediate: Bool, chairId: UUID, minuteTakerId: UUID, createdAt: Date
    ) {
        self.id = id
        self.caseId = caseId
        self.requestId = requestId
        self.scheduledStart = scheduledStart
        self.scheduledEnd = scheduledEnd
        self.isImmediate = isImmediate
        self.chairId = chairId
        self.minuteTakerId = minuteTakerId
        self.status = .booked
        self.familyDetailsConfirmed = false
        self.confidentialityStatementGiven = false
        self.minutesStatus = .draft
        self.version = 1
        self.createdAt = createdAt
    }

    /// The record can change only while the minutes are a draft and the meeting is not cancelled.
    public var isRecordEditable: Bool { minutesStatus == .draft && status != .cancelled }

    /// The meeting lasted longer than its slot (a flag, not a breach).
    public func ranOver(slotMinutes: Int) -> Bool {
        guard let startedAt, let endedAt else { return false }
        return endedAt.timeIntervalSince(startedAt) > TimeInterval(slotMinutes * 60)
    }
}

/// How a service manager agreed to move or cancel a booking (seed 003).
public enum Agreement: String, Sendable, Codable, CaseIterable {
    /// The service manager made the change themselves, signed in.
    case signedIn
    /// The change waits until the service manager, signed in, approves it.
    case requested
    /// Given by telephone and recorded for them; the service manager is told and acknowledges it.
    case byTelephone
}

/// Where a change to a booking stands: waiting for the service manager, agreed (made), or declined.
public enum MeetingChangeStatus: String, Sendable, Codable, CaseIterable { case pending, agreed, declined }

/// A change to a booking, agreed by a service manager (seed 003).
public struct MeetingChange: Sendable, Equatable, Codable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case moved, cancelled }
    public var id: UUID
    public var meetingId: UUID
    public var kind: Kind
    public var previousStart: Date
    public var newStart: Date?
    /// The service manager who agreed, or who is asked to.
    public var agreedBy: UUID
    public var reason: String
    public var recordedAt: Date
    /// The signed-in person who made, asked for or recorded the change.
    public var recordedBy: UUID?
    public var agreement: Agreement
    public var status: MeetingChangeStatus
    /// When the service manager approved or declined a requested change.
    public var decidedAt: Date?
    /// Why a requested change was declined.
    public var declinedReason: String?
    /// When the service manager acknowledged an agreement recorded for them by telephone.
    public var acknowledgedAt: Date?
    /// Why a move goes past the request's timescale, when it does.
    public var lateReason: String?

    public init(
        id: UUID, meetingId: UUID, kind: Kind, previousStart: Date, newStart: Date?, agreedBy: UUID,
        reason: String, recordedAt: Date, recordedBy: UUID? = nil, agreement: Agreement = .signedIn,
        status: MeetingChangeStatus = .agreed, lateReason: String? = nil
    ) {
        self.id = id
        self.meetingId = meetingId
        self.kind = kind
        self.previousStart = previousStart
        self.newStart = newStart
        self.agreedBy = agreedBy
        self.reason = reason
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.agreement = agreement
        self.status = status
        self.lateReason = lateReason
    }
}

/// Whether an invitee took part.
public enum Attendance: String, Sendable, Codable, CaseIterable {
    case notRecorded, present, absent, apologies, sentWrittenInformation
}

/// An invitation, personal to one professional; it must not be forwarded.
public struct Invitation: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var professionalId: UUID
    public var invitedAt: Date
    public var attendance: Attendance

    public init(id: UUID, meetingId: UUID, professionalId: UUID, invitedAt: Date, attendance: Attendance = .notRecorded) {
        self.id = id
        self.meetingId = meetingId
        self.professionalId = professionalId
        self.invitedAt = invitedAt
        self.attendance = attendance
    }
}

/// What one agency told the discussion.
public struct Contribution: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var agencyId: UUID
    public var professionalId: UUID?
    public var summary: String
    public var recordedAt: Date
    /// The signed-in person who recorded it: the minute taker, recording for the professional who spoke.
    public var recordedBy: UUID?

    public init(
        id: UUID, meetingId: UUID, agencyId: UUID, professionalId: UUID?, summary: String, recordedAt: Date,
        recordedBy: UUID? = nil
    ) {
        self.id = id
        self.meetingId = meetingId
        self.agencyId = agencyId
        self.professionalId = professionalId
        self.summary = summary
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}

/// Where a professional disagreement stands (seed 004: practitioner level first,
/// then line management).
public enum DissentStatus: String, Sendable, Codable, CaseIterable {
    case open, resolved, escalated
}

/// A recorded disagreement: evidence of professional challenge.
public struct Dissent: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var decisionKind: DecisionKind?
    public var raisedBy: UUID
    public var view: String
    public var resolution: String?
    public var status: DissentStatus
    public var recordedAt: Date
    /// The signed-in person who recorded it, for the professional who raised it.
    public var recordedBy: UUID?
    /// Increases with every change, for optimistic locking: the API's ETag and the forms' hidden version.
    public var version: Int

    public init(
        id: UUID, meetingId: UUID, decisionKind: DecisionKind?, raisedBy: UUID, view: String,
        resolution: String?, status: DissentStatus, recordedAt: Date, recordedBy: UUID? = nil, version: Int = 1
    ) {
        self.id = id
        self.meetingId = meetingId
        self.decisionKind = decisionKind
        self.raisedBy = raisedBy
        self.view = view
        self.resolution = resolution
        self.status = status
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.version = version
    }
}

extension Meeting {
    /// Those the discussion needs, who stay invited: the case's social worker and team manager,
    /// the chair and the minute taker. Anyone else may be taken off before it starts.
    public func staysInvited(_ caseRecord: Case) -> Set<UUID> {
        [caseRecord.socialWorkerId, caseRecord.teamManagerId, chairId, minuteTakerId]
    }
}
