import ConveneCore
import Foundation
import Testing

/// The calendar object a mail program reads (RFC 5545): METHOD at the calendar level, UTC times,
/// text escaped, long lines folded without breaking a character, one attendee.
@Suite("Calendar invitations")
struct CalendarInvitationTests {
    static func invitation(_ method: CalendarInvitation.Method = .request, name: String = "Zoë Ó Briain-Łukasz")
        -> CalendarInvitation
    {
        CalendarInvitation(
            method: method, meetingId: UUID(uuidString: "F08784E7-BA6A-45AE-9C98-1CCA05093D20")!, sequence: 3,
            start: LocalTimeZone.london.instant(on: LocalDate("2026-07-01")!, minuteOfDay: 13 * 60),
            end: LocalTimeZone.london.instant(on: LocalDate("2026-07-01")!, minuteOfDay: 14 * 60),
            stamp: Date(timeIntervalSince1970: 1_790_000_000), caseReference: "NS-1;2,3", format: .video,
            link: "https://convene.example/meetings/F08784E7-BA6A-45AE-9C98-1CCA05093D20", organizerName: "Northmoor \"CSC\"",
            organizerAddress: "convene@northmoor.example", attendeeName: name, attendeeAddress: "zoe@police.example")
    }

    @Test func summerTimesAreWrittenInUTCAndTheMethodIsTheCalendars() {
        let text = Self.invitation().text
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.contains("\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"))
        #expect(text.contains("\r\nDTSTART:20260701T120000Z\r\nDTEND:20260701T130000Z\r\n"))  // 13:00 BST
        #expect(text.contains("\r\nSEQUENCE:3\r\n") && text.contains("\r\nSTATUS:CONFIRMED\r\n"))
        #expect(text.contains("UID:strategy-discussion-f08784e7-ba6a-45ae-9c98-1cca05093d20@convene"))
        #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
    }

    @Test func aCancellationKeepsTheUIDAndCarriesNoAlarm() {
        let text = Self.invitation(.cancel).text
        #expect(text.contains("\r\nMETHOD:CANCEL\r\n") && text.contains("\r\nSTATUS:CANCELLED\r\n") && !text.contains("VALARM"))
        #expect(text.contains("UID:strategy-discussion-f08784e7-ba6a-45ae-9c98-1cca05093d20@convene"))
    }

    @Test func textIsEscapedAndLongLinesFoldWithoutSplittingACharacter() throws {
        let text = Self.invitation(name: String(repeating: "Łukasz ", count: 20)).text
        #expect(text.contains("SUMMARY:Strategy discussion: case NS-1\\;2\\,3\r\n"))
        #expect(text.contains("ORGANIZER;CN=\"Northmoor CSC\":mailto:convene@northmoor.example"))
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("ATTENDEE;CN=\"\(String(repeating: "Łukasz ", count: 20))\";"))
        #expect(unfolded.components(separatedBy: "\r\nATTENDEE;").count == 2)
    }

    @Test(arguments: [
        ("hana.okafor@northmoor.gov.uk", true), ("o'neill+cait@police.example", true), ("a@b", false),
        ("two words@x.example", false), ("a@b.example\r\nBcc: c@d.example", false), ("<a@b.example>", false),
        ("a,b@c.example", false), ("a..b@c.example", false), ("a@-b.example", false), ("zoë@x.example", false),
        ("a@b.example.", false),
    ])
    func onlyAddressesMailCanSafelyGoToAreAccepted(address: String, accepted: Bool) {
        #expect(Validator.isEmailAddress(address) == accepted)
    }
}
