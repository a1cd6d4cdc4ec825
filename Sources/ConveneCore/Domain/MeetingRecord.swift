import Foundation

/// Everything recorded about one strategy discussion, loaded together.
public struct MeetingRecord: Sendable, Equatable, Codable {
    public var meeting: Meeting
    public var caseRecord: Case
    public var request: StrategyRequest
    public var people: [CasePerson]
    public var invitations: [Invitation]
    public var professionals: [Professional]
    public var agencies: [Agency]
    public var contributions: [Contribution]
    public var decisions: [Decision]
    public var dissents: [Dissent]
    public var actions: [SmartAction]
    public var changes: [MeetingChange]
    /// Non-attendance and disagreements escalated, oldest first.
    public var escalations: [Escalation]

    public init(
        meeting: Meeting, caseRecord: Case, request: StrategyRequest, people: [CasePerson],
        invitations: [Invitation], professionals: [Professional], agencies: [Agency],
        contributions: [Contribution], decisions: [Decision], dissents: [Dissent],
        actions: [SmartAction], changes: [MeetingChange], escalations: [Escalation] = []
    ) {
        self.escalations = escalations
        self.meeting = meeting
        self.caseRecord = caseRecord
        self.request = request
        self.people = people
        self.invitations = invitations
        self.professionals = professionals
        self.agencies = agencies
        self.contributions = contributions
        self.decisions = decisions
        self.dissents = dissents
        self.actions = actions
        self.changes = changes
    }

    public func professional(_ id: UUID) -> Professional? { professionals.first { $0.id == id } }
    public func agency(_ id: UUID) -> Agency? { agencies.first { $0.id == id } }
    public func decision(_ kind: DecisionKind) -> Decision? { decisions.first { $0.kind == kind } }

    /// The quorum check: which minimum attendees are missing (DOMAIN §2).
    public var quorum: Quorum { Quorum.check(self) }

    /// Everything missing before the chair may finalise the minutes.
    public func problemsBeforeFinalising() -> [FieldProblem] {
        var v = Validator()
        v.check(meeting.status == .held || meeting.startedAt != nil, "startedAt", "the start time is not saved yet")
        v.check(meeting.endedAt != nil, "endedAt", "the meeting end time is not recorded")
        v.check(meeting.format != nil, "format", "the meeting format is not recorded")
        v.check(meeting.familyDetailsConfirmed, "familyDetailsConfirmed", "family details were not checked for accuracy")
        for invitation in invitations where invitation.attendance == .notRecorded {
            let name = professional(invitation.professionalId)?.name ?? invitation.professionalId.uuidString
            v.add("attendance.\(invitation.professionalId)", "attendance of \(name) is not recorded")
        }
        for kind in DecisionKind.requiredBeforeFinalising where decision(kind) == nil {
            v.add("decisions.\(kind.rawValue)", "this decision is not recorded")
        }
        v.require(meeting.riskFactors, "riskFactors")
        v.require(meeting.safetyPlan, "safetyPlan")
        return v.problems
    }
}

/// The result of the quorum check.
public struct Quorum: Sendable, Equatable, Codable {
    /// The minimum attendees who are not present: socialWorker, teamManager, police, health.
    public var missing: [String]
    /// True when every minimum attendee is present.
    public var isQuorate: Bool

    public init(missing: [String]) {
        self.missing = missing
        self.isQuorate = missing.isEmpty
    }

    /// Who is missing, in words: "police and health".
    public var missingInWords: String {
        let words = missing.map { code -> String in
            switch code {
            case "socialWorker": return "the social worker"
            case "teamManager": return "the team manager"
            default: return code
            }
        }
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + words.last!
    }

    /// Social worker, team manager (or the chair standing in), police and health must be present.
    /// Before attendance is taken, "present" means invited.
    static func check(_ record: MeetingRecord) -> Quorum {
        let people = Dictionary(record.professionals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let kinds = Dictionary(record.agencies.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        return check(
            chairId: record.meeting.chairId,
            invitees: record.invitations.map { invitation in
                let person = people[invitation.professionalId]
                return QuorumInvitee(
                    professionalId: invitation.professionalId, attendance: invitation.attendance, role: person?.role,
                    agencyKind: person.flatMap { kinds[$0.agencyId] })
            })
    }

    /// The same check from each invitee's attendance, role and agency, for lists that check many
    /// meetings at once (read in one query).
    public static func check(chairId: UUID, invitees: [QuorumInvitee]) -> Quorum {
        let attendanceTaken = invitees.contains { $0.attendance != .notRecorded }
        // An invitee whose professional is not known counts for nobody.
        let here = invitees.filter { (attendanceTaken ? $0.attendance == .present : true) && $0.role != nil }
        let kinds = Set(here.compactMap(\.agencyKind))
        var missing: [String] = []
        if !here.contains(where: { $0.role == .socialWorker }) { missing.append("socialWorker") }
        if !here.contains(where: { $0.role == .teamManager || $0.professionalId == chairId }) {
            missing.append("teamManager")
        }
        if !kinds.contains(.police) { missing.append("police") }
        if !kinds.contains(.health) { missing.append("health") }
        return Quorum(missing: missing)
    }
}

extension Quorum {
    /// Before the discussion: the statutory partners (police, health) none of whose invitees can
    /// be expected, because none is invited or each has sent apologies or is recorded absent.
    public static func partnersAtRisk(_ invitees: [QuorumInvitee]) -> [AgencyKind] {
        let expected = Set(
            invitees.filter { $0.attendance != .apologies && $0.attendance != .absent }.compactMap(\.agencyKind))
        return [AgencyKind.police, .health].filter { !expected.contains($0) }
    }
}

/// One invitee of a meeting as the quorum check sees them.
public struct QuorumInvitee: Sendable, Equatable {
    public var professionalId: UUID
    public var attendance: Attendance
    /// The professional's role; nil when no professional has the invitation's id.
    public var role: ProfessionalRole?
    /// The kind of the professional's agency; nil when it is not known.
    public var agencyKind: AgencyKind?

    public init(professionalId: UUID, attendance: Attendance, role: ProfessionalRole?, agencyKind: AgencyKind?) {
        self.professionalId = professionalId
        self.attendance = attendance
        self.role = role
        self.agencyKind = agencyKind
    }
}
