import ConveneCore
import Foundation

/// A clock as a table row: tag colour, state words, due time and time left.
struct ClockRow {
    var label: String
    var kind: String
    var caseReference: String
    var caseHref: String
    var owner: String
    var due: String
    var timeLeft: String
    var stateLabel: String
    var tagClass: String
    var warning: String?

    init(_ clock: Clock, now: Date, zone: LocalTimeZone, owners: [UUID: String]) {
        label = clock.label
        kind = clock.kind.rawValue
        caseReference = clock.caseReference
        caseHref = SitePath.caseRecord(.value(clock.caseId)).href
        owner = clock.ownerId.flatMap { owners[$0] } ?? "–"
        due = zone.long(clock.dueAt)
        timeLeft = clock.timeLeftText(at: now)
        stateLabel = clock.state.label
        tagClass = "tag-\(clock.rag)"
        warning = clock.warning
    }
}

/// A meeting as a list row.
struct MeetingRow {
    var href: String
    var when: String
    var caseReference: String
    var status: String
    var tagClass: String
    var role: String

    init(_ meeting: Meeting, caseReference: String, zone: LocalTimeZone, role: String = "") {
        href = SitePath.meeting(.value(meeting.id)).href
        when = zone.long(meeting.scheduledStart)
        self.caseReference = caseReference
        (status, tagClass) = Self.status(of: meeting)
        self.role = role
    }

    /// The words and tag colour for where a meeting stands, used wherever a meeting is shown.
    static func status(of meeting: Meeting) -> (text: String, tagClass: String) {
        status(meeting.status, minutes: meeting.minutesStatus)
    }

    /// The same, from the meeting's and its minutes' states (what every audience sees).
    static func status(_ status: MeetingStatus, minutes: MinutesStatus) -> (text: String, tagClass: String) {
        switch status {
        case .booked: return ("Booked", "tag-blue")
        case .held: return (minutes == .draft ? "Held – minutes in draft" : "Minutes \(minutes.rawValue)", "tag-green")
        case .cancelled: return ("Cancelled", "tag-grey")
        }
    }
}
