import Foundation

/// What one message says, before it is written: only facts that may travel by email (GOV.UK
/// Notify's guidance). There is deliberately no field for a name of the family, a date of birth,
/// an address or any text of the record, so none can reach a message.
public struct MessageFacts: Sendable, Equatable {
    public var kind: MessageKind
    public var caseReference: String?
    public var meetingStart: Date?
    public var meetingEnd: Date?
    /// A moved meeting's old start.
    public var previousStart: Date?
    public var format: MeetingFormat?
    /// A SMART action's due date.
    public var due: Date?
    /// A digest's lines.
    public var items: [DigestItem]
    /// The page, under the organisation's base URL, that says more once signed in ("/meetings/…").
    public var path: String

    public init(
        kind: MessageKind, caseReference: String? = nil, meetingStart: Date? = nil, meetingEnd: Date? = nil,
        previousStart: Date? = nil, format: MeetingFormat? = nil, due: Date? = nil, items: [DigestItem] = [], path: String
    ) {
        self.kind = kind
        self.caseReference = caseReference
        self.meetingStart = meetingStart
        self.meetingEnd = meetingEnd
        self.previousStart = previousStart
        self.format = format
        self.due = due
        self.items = items
        self.path = path
    }
}

/// One line of a daily reminder: which case, what is due, when, and whether it is late.
public struct DigestItem: Sendable, Equatable, Codable {
    /// "SMART action", "Minutes circulation", "Section 47 enquiry" …
    public var what: String
    public var caseReference: String
    public var due: Date
    public var overdue: Bool

    public init(what: String, caseReference: String, due: Date, overdue: Bool) {
        self.what = what
        self.caseReference = caseReference
        self.due = due
        self.overdue = overdue
    }
}

/// Writes a message's subject and plain-text body in plain English (GOV.UK style): nothing
/// sensitive in the subject or the first line, what is asked of the person, and a link that
/// needs sign-in. Every message ends with the guidance's line that it must not be forwarded.
public struct MessageWriter: Sendable {
    public var settings: MailSettings
    public var zone: LocalTimeZone

    public init(settings: MailSettings, zone: LocalTimeZone) {
        self.settings = settings
        self.zone = zone
    }

    public func link(_ path: String) -> String { settings.baseUrl + path }

    public func subject(_ facts: MessageFacts) -> String {
        let reference = facts.caseReference.map { ": case \($0)" } ?? ""
        switch facts.kind {
        case .requestSubmitted: return "Strategy discussion request to approve" + reference
        case .requestApproved: return "Strategy discussion to book" + reference
        case .requestReturned: return "Strategy discussion request returned" + reference
        case .meetingBooked, .invitationAdded: return "Invitation to a strategy discussion" + reference
        case .meetingMoved: return "Strategy discussion moved" + reference
        case .meetingCancelled: return "Strategy discussion cancelled" + reference
        case .invitationWithdrawn: return "Invitation to a strategy discussion withdrawn" + reference
        case .quorumAtRisk: return "Strategy discussion may not be quorate" + reference
        case .changeToAgree: return "Change to a strategy discussion for you to agree" + reference
        case .agreementToAcknowledge: return "Your agreement by telephone was recorded" + reference
        case .minutesCirculated: return "Strategy discussion minutes to read" + reference
        case .correctionReceived: return "Correction to the minutes" + reference
        case .actionAgreed: return "SMART action for you" + reference
        case .actionReassigned: return "SMART action given to someone else" + reference
        case .actionCancelled: return "SMART action cancelled" + reference
        case .actionsDue: return "Your SMART actions due or overdue"
        case .clocksDue: return "Timescales due or overdue"
        case .partnerDidNotAttend: return "Statutory partner did not attend" + reference
        case .viewEscalated: return "Different view escalated to you" + reference
        }
    }

    /// The body: the greeting, what happened and what is asked, the facts, the link, the footer.
    public func body(_ facts: MessageFacts, to recipientName: String) -> String {
        var lines = ["Dear \(recipientName),", ""]
        lines += ask(facts)
        lines.append("")
        if let reference = facts.caseReference { lines.append("Case reference: \(reference)") }
        if let start = facts.meetingStart {
            let end = facts.meetingEnd.map { " to " + LocalTimeZone.clockTime(zone.wallClock(of: $0).minuteOfDay) } ?? ""
            lines.append("Date and time: \(zone.long(start))\(end) (UK time)")
        }
        if let previous = facts.previousStart { lines.append("It was at: \(zone.long(previous))") }
        // How to join, on the messages about taking part; the others are about a discussion held.
        if facts.meetingStart != nil, [.meetingBooked, .meetingMoved, .invitationAdded, .quorumAtRisk].contains(facts.kind) {
            lines.append("Format: \(facts.format?.label ?? "to be confirmed: Convene will show it before the discussion")")
        }
        if let due = facts.due { lines.append("Due: \(zone.long(due))") }
        for item in facts.items {
            lines.append(
                "- \(item.what), case \(item.caseReference): \(item.overdue ? "overdue since" : "due") \(zone.long(item.due))")
        }
        if !facts.items.isEmpty { lines.append("") }
        lines += [
            "", "Sign in to Convene to see the details:", link(facts.path), "",
            "This message is for you only. Do not forward it. It holds no details of the child or family: they are in Convene.",
        ]
        if facts.kind == .meetingBooked || facts.kind == .invitationAdded {
            lines.append("If someone else from your agency should attend instead, tell the minute taker.")
        }
        lines += ["", settings.senderName]
        if let replyTo = settings.replyTo { lines.append("Replies to: \(replyTo)") }
        return lines.joined(separator: "\n")
    }

    private func ask(_ facts: MessageFacts) -> [String] {
        switch facts.kind {
        case .requestSubmitted:
            return [
                "A social worker has asked for a strategy discussion.", "Please approve the request or return it with a reason.",
            ]
        case .requestApproved:
            return [
                "A strategy discussion request has been approved.", "Please book the discussion and invite the professionals.",
            ]
        case .requestReturned:
            return [
                "Your team manager has returned your strategy discussion request.",
                "Please read their reason, change the request and submit it again.",
            ]
        case .meetingBooked, .invitationAdded:
            return [
                "You are invited to a strategy discussion.",
                "Please attend, and bring what your agency knows. If you cannot attend, send your apologies and any information before the discussion.",
            ]
        case .meetingMoved:
            return ["A strategy discussion you are invited to has moved to a new time.", "Please update your calendar."]
        case .meetingCancelled:
            return ["A strategy discussion you were invited to has been cancelled.", "You do not need to attend."]
        case .invitationWithdrawn:
            return ["You are no longer invited to a strategy discussion.", "You do not need to attend."]
        case .quorumAtRisk:
            return [
                "A strategy discussion you chair or manage may not be quorate: police or health have sent apologies or are not invited.",
                "Please make sure both statutory partners can take part, or decide whether the discussion goes ahead.",
            ]
        case .changeToAgree:
            return [
                "You are asked to agree to moving or cancelling a strategy discussion.",
                "Nothing changes until you agree or decline it in Convene.",
            ]
        case .agreementToAcknowledge:
            return [
                "A move or cancellation of a strategy discussion was made with your agreement by telephone.",
                "Please check it in Convene and acknowledge it.",
            ]
        case .minutesCirculated:
            return [
                "The minutes of a strategy discussion you were invited to are ready to read.",
                "Please read them and send any correction within one working day.",
            ]
        case .correctionReceived:
            return ["Someone has sent a correction to the minutes of a strategy discussion you chaired.", "Please review it."]
        case .actionAgreed:
            return ["A strategy discussion agreed a SMART action for you.", "Please read it and complete it by the date given."]
        case .actionReassigned:
            return [
                "A SMART action you owned from a strategy discussion has been given to someone else.",
                "It is no longer yours to complete. If you have begun it, or think this is a mistake, tell the chair.",
            ]
        case .actionCancelled:
            return [
                "A SMART action of yours from a strategy discussion has been cancelled, with the reason recorded.",
                "It is no longer yours to complete. If you have begun it, or think this is a mistake, tell the chair.",
            ]
        case .actionsDue:
            return ["These SMART actions of yours are due within a working day or are overdue:"]
        case .clocksDue:
            return ["These statutory timescales you are responsible for are due soon or overdue:"]
        case .partnerDidNotAttend:
            return [
                "A statutory partner did not take part in a strategy discussion, and this has been escalated to you.",
                "Please follow it up with their agency.",
            ]
        case .viewEscalated:
            return [
                "A different view at a strategy discussion has been escalated to you.",
                "Please review it and record how it is resolved.",
            ]
        }
    }
}
