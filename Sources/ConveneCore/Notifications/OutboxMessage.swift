import Foundation

/// What a message tells its recipient (issue 23's table of events). Stored as text.
public enum MessageKind: String, Sendable, Codable, CaseIterable {
    case requestSubmitted, requestApproved, requestReturned
    case meetingBooked, meetingMoved, meetingCancelled
    /// An invitee added after booking gets the invitation; one taken off gets a cancellation.
    case invitationAdded, invitationWithdrawn
    case quorumAtRisk
    /// A move or cancellation waits for the service manager's agreement; or their agreement by
    /// telephone was recorded for them to acknowledge.
    case changeToAgree, agreementToAcknowledge
    case minutesCirculated, correctionReceived
    case actionAgreed
    /// A SMART action given to someone else, or cancelled: its owner is told it has left their list.
    case actionReassigned, actionCancelled
    /// The daily reminders: SMART actions due soon or overdue, and statutory clocks.
    case actionsDue, clocksDue
    case partnerDidNotAttend, viewEscalated

    public var label: String {
        switch self {
        case .requestSubmitted: return "Request submitted"
        case .requestApproved: return "Request approved"
        case .requestReturned: return "Request returned"
        case .meetingBooked: return "Invitation"
        case .meetingMoved: return "Meeting moved"
        case .meetingCancelled: return "Meeting cancelled"
        case .invitationAdded: return "Invitation"
        case .invitationWithdrawn: return "Invitation withdrawn"
        case .quorumAtRisk: return "Quorum at risk"
        case .changeToAgree: return "Change to agree"
        case .agreementToAcknowledge: return "Telephone agreement to acknowledge"
        case .minutesCirculated: return "Minutes circulated"
        case .correctionReceived: return "Correction received"
        case .actionAgreed: return "SMART action agreed"
        case .actionReassigned: return "SMART action given to someone else"
        case .actionCancelled: return "SMART action cancelled"
        case .actionsDue: return "SMART actions due"
        case .clocksDue: return "Timescales due"
        case .partnerDidNotAttend: return "Statutory partner did not attend"
        case .viewEscalated: return "Different view escalated"
        }
    }
}

/// Where a message in the outbox stands.
public enum MessageStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for its next try (`nextAttemptAt`).
    case queued
    /// Claimed by one delivery worker until `claimedUntil`; claimed again after that if the
    /// worker died mid-send, so a message is sent at least once.
    case sending
    case sent
    /// Parked after the last try, with its last error; an administrator can retry it.
    case failed
    /// The recipient has no email address: someone telephones them instead.
    case notNotified

    public var label: String {
        switch self {
        case .queued: return "Queued"
        case .sending: return "Sending"
        case .sent: return "Sent"
        case .failed: return "Failed"
        case .notNotified: return "Not notified: no email address"
        }
    }
}

/// One message to one person, written in the same transaction as the change that causes it,
/// and delivered later by the delivery worker (never inside a web request). It carries no
/// child's or family member's name, date of birth or address, and no record text: only the case
/// reference, the meeting's time and format, what is asked, and a link that needs sign-in.
public struct OutboxMessage: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    /// The RFC 5322 Message-ID, the same on every try, so a retried message is recognisable.
    public var messageId: String
    public var organisationId: UUID?
    public var kind: MessageKind
    public var recipientId: UUID?
    public var recipientName: String
    /// Nil when the recipient has no email address (status `notNotified`).
    public var recipientAddress: String?
    public var caseId: UUID?
    public var meetingId: UUID?
    /// The organisation's sender name and reply-to address when the message was queued.
    public var senderName: String
    public var replyTo: String?
    public var subject: String
    public var body: String
    /// The RFC 5545 calendar object, for invitations and their cancellations.
    public var calendar: String?
    public var calendarMethod: CalendarInvitation.Method?
    public var calendarSequence: Int?
    public var status: MessageStatus
    public var attempts: Int
    public var nextAttemptAt: Date
    public var claimedBy: String?
    public var claimedUntil: Date?
    /// The last delivery error, one line (never the message).
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?

    public init(
        id: UUID, messageId: String, organisationId: UUID?, kind: MessageKind, recipientId: UUID?, recipientName: String,
        recipientAddress: String?, caseId: UUID?, meetingId: UUID?, senderName: String, replyTo: String?,
        subject: String, body: String, calendar: String? = nil, calendarMethod: CalendarInvitation.Method? = nil,
        calendarSequence: Int? = nil, createdAt: Date
    ) {
        self.id = id
        self.messageId = messageId
        self.organisationId = organisationId
        self.kind = kind
        self.recipientId = recipientId
        self.recipientName = recipientName
        self.recipientAddress = recipientAddress
        self.caseId = caseId
        self.meetingId = meetingId
        self.senderName = senderName
        self.replyTo = replyTo
        self.subject = subject
        self.body = body
        self.calendar = calendar
        self.calendarMethod = calendarMethod
        self.calendarSequence = calendarSequence
        self.status = recipientAddress == nil ? .notNotified : .queued
        self.attempts = 0
        self.nextAttemptAt = createdAt
        self.createdAt = createdAt
    }
}

/// How each person takes the reminders (`actionsDue`, `clocksDue`). Overdue statutory
/// clocks are sent either way: they cannot be switched off.
public enum ReminderPreference: String, Sendable, Codable, CaseIterable {
    /// One message per reminder, when it falls due (still at most one a day for each).
    case immediate
    /// One digest a day with every reminder in it.
    case dailyDigest

    public var label: String { self == .immediate ? "As each one falls due" : "In one daily digest" }
}
