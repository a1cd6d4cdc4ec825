import Foundation

/// An RFC 5545 calendar object for one invitee of one meeting: a REQUEST when the meeting is
/// booked or moved (the SEQUENCE rising with each change), and a CANCEL, with the same UID, when
/// it is cancelled or the invitee is taken off. Times are in UTC, so every calendar shows them
/// right across the clock change. Only the recipient is an ATTENDEE, and the text names the case
/// by its reference, never the child.
public struct CalendarInvitation: Sendable, Equatable {
    public enum Method: String, Sendable, Codable {
        case request = "REQUEST"
        case cancel = "CANCEL"
    }

    public var method: Method
    public var meetingId: UUID
    public var sequence: Int
    public var start: Date
    public var end: Date
    /// When this version of the invitation was made (DTSTAMP).
    public var stamp: Date
    public var caseReference: String
    public var format: MeetingFormat?
    public var link: String
    public var organizerName: String
    public var organizerAddress: String
    public var attendeeName: String
    public var attendeeAddress: String

    public init(
        method: Method, meetingId: UUID, sequence: Int, start: Date, end: Date, stamp: Date, caseReference: String,
        format: MeetingFormat?, link: String, organizerName: String, organizerAddress: String, attendeeName: String,
        attendeeAddress: String
    ) {
        self.method = method
        self.meetingId = meetingId
        self.sequence = sequence
        self.start = start
        self.end = end
        self.stamp = stamp
        self.caseReference = caseReference
        self.format = format
        self.link = link
        self.organizerName = organizerName
        self.organizerAddress = organizerAddress
        self.attendeeName = attendeeName
        self.attendeeAddress = attendeeAddress
    }

    /// The same for every message about one meeting, so calendars update the one event.
    public static func uid(of meetingId: UUID) -> String { "strategy-discussion-\(meetingId.uuidString.lowercased())@convene" }

    /// The calendar object, lines ended by CRLF and folded at 75 octets.
    public var text: String {
        let cancelled = method == .cancel
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene//Strategy discussions//EN", "CALSCALE:GREGORIAN",
            "METHOD:\(method.rawValue)", "BEGIN:VEVENT", "UID:\(Self.uid(of: meetingId))", "SEQUENCE:\(sequence)",
            "DTSTAMP:\(Self.utc(stamp))", "DTSTART:\(Self.utc(start))", "DTEND:\(Self.utc(end))",
            "SUMMARY:\(Self.escaped("Strategy discussion: case \(caseReference)"))",
            "DESCRIPTION:"
                + Self.escaped(
                    "Sign in to Convene to see the details: \(link)\nThis invitation is for you only. Do not forward it."),
            "LOCATION:\(Self.escaped(format.map { $0.label + ". See Convene for how to join" } ?? "See Convene for how to join"))",
            "URL:\(link)",
            "STATUS:\(cancelled ? "CANCELLED" : "CONFIRMED")", "TRANSP:OPAQUE",
            "ORGANIZER;CN=\(Self.parameter(organizerName)):mailto:\(organizerAddress)",
            "ATTENDEE;CN=\(Self.parameter(attendeeName));CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:\(attendeeAddress)",
        ]
        if !cancelled {
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Strategy discussion", "TRIGGER:-PT15M", "END:VALARM"]
        }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - RFC 5545 text

    /// "20261123T130000Z"
    public static func utc(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return String(format: "%04d", c.year ?? 0) + two(c.month) + two(c.day) + "T" + two(c.hour) + two(c.minute)
            + two(c.second) + "Z"
    }

    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// A parameter value (a CN): quoted, with no quotes or control characters in it.
    static func parameter(_ text: String) -> String {
        "\"" + String(text.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            + "\""
    }

    /// Folds a line longer than 75 octets into continuation lines starting with a space, never
    /// splitting a UTF-8 character.
    static func folded(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
