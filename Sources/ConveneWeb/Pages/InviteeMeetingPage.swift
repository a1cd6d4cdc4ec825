import ConveneCore
import Foundation
import Vapor

/// The meeting page of an invitee: built from `InviteeMeeting` alone (the logistics, the family
/// details the chair released, and a link to the minutes once finalised), never from the record.
struct InviteeMeetingPage {
    struct Invitee {
        var name: String
        var role: String
        var attendance: String
    }

    struct Person {
        var name: String
        var role: String
        var born: String
        var detail: String
    }

    var layout: Layout
    var meetingId: UUID
    var caseReference: String
    var when: String
    var status: String
    var tagClass: String
    var format: String
    var chair: String
    var minuteTaker: String
    var minutesHref: String?
    var isQuorate: Bool
    /// No invitee's attendance is recorded yet: the quorum is of those invited.
    var attendanceNotTaken: Bool
    var quorumMissing: String
    var invitees: [Invitee]
    var family: [Person]
    var confidentiality: String
    /// The SMART actions this invitee owns at this meeting, to mark done.
    var actions: [OwnAction]
    var errors: FormErrors
    /// The action whose form failed (`MeetingPage.actionSection`), and what was typed in it.
    var errorSection: String
    var posted: [String: String]

    struct OwnAction {
        var id: UUID
        var description: String
        var due: String
        var status: String
        var isOpen: Bool
        var version: Int
        var evidence: String
    }

    static func build(
        _ view: InviteeMeeting, req: Request, user: CurrentUser, ownActions: [SmartAction], errors: FormErrors = .none,
        errorSection: String = "", posted: [String: String] = [:]
    ) -> InviteeMeetingPage {
        let zone = req.zone
        let m = view.meeting
        let people = Dictionary(view.professionals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let agencies = Dictionary(view.agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func name(_ id: UUID) -> String { people[id]?.name ?? "" }
        let (status, tagClass) = MeetingRow.status(m.status, minutes: m.minutesStatus)
        return InviteeMeetingPage(
            layout: req.layout("Strategy discussion \(m.caseReference)", user, nav: "my-work"),
            meetingId: m.id, caseReference: m.caseReference, when: zone.long(m.scheduledStart), status: status,
            tagClass: tagClass,
            format: m.format?.label ?? "Not recorded yet", chair: name(m.chairId), minuteTaker: name(m.minuteTakerId),
            minutesHref: view.minutesAvailable ? SitePath.minutes(.value(m.id)).href : nil,
            isQuorate: view.quorum.isQuorate,
            attendanceNotTaken: view.invitations.allSatisfy { $0.attendance == .notRecorded },
            quorumMissing: view.quorum.missing.map(HomePages.QuorumRow.words).joined(separator: ", "),
            invitees: view.invitations.compactMap { invitation in
                guard let person = people[invitation.professionalId] else { return nil }
                return Invitee(
                    name: person.name, role: "\(person.jobTitle), \(agencies[person.agencyId] ?? "")",
                    attendance: invitation.attendance.label)
            },
            family: view.people.map {
                Person(
                    name: $0.fullName, role: $0.role.label, born: $0.dateOfBirth?.long ?? "Not known",
                    detail: [$0.relationship, $0.address, $0.checksRequired.map { "Checks: \($0)" }].compactMap { $0 }
                        .joined(separator: "; "))
            },
            confidentiality: MinutesWriter.confidentialityStatement,
            actions: ownActions.map {
                OwnAction(
                    id: $0.id, description: $0.description, due: zone.long($0.dueAt), status: $0.status.label,
                    isOpen: $0.status == .open, version: $0.version, evidence: $0.completionEvidence ?? "")
            }, errors: errors, errorSection: errorSection, posted: posted)
    }
}
