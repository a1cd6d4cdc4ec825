import ConveneCore
import ConveneStore
import Foundation

/// A child, parent or carer, or other relevant person of a case, as the API answers it.
struct CasePersonResponse: APIResponseBody {
    var id: UUID
    var caseId: UUID
    var role: PersonRole
    var fullName: String
    var dateOfBirth: LocalDate?
    var dateOfBirthUnknown: Bool
    var expectedDeliveryDate: LocalDate?
    var ethnicity: String?
    var disability: String?
    var caseNumber: String?
    var address: String?
    var relationship: String?
    var checksRequired: String?
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        id: UUID(), caseId: UUID(), role: .child, fullName: "Wren Ashdown",
        dateOfBirth: LocalDate(year: 2019, month: 5, day: 14), dateOfBirthUnknown: false,
        expectedDeliveryDate: LocalDate(year: 2027, month: 2, day: 1), ethnicity: "White British", disability: "None known",
        caseNumber: "LCS-1042", address: "1 Heron Court", relationship: "Daughter", checksRequired: "Health records", version: 1)
}

extension CasePersonResponse {
    init(_ person: CasePerson) {
        self.init(
            id: person.id, caseId: person.caseId, role: person.role, fullName: person.fullName, dateOfBirth: person.dateOfBirth,
            dateOfBirthUnknown: person.dateOfBirthUnknown, expectedDeliveryDate: person.expectedDeliveryDate,
            ethnicity: person.ethnicity, disability: person.disability, caseNumber: person.caseNumber, address: person.address,
            relationship: person.relationship, checksRequired: person.checksRequired, version: person.version)
    }
}

/// A case as the API lists it and answers its changes (its page, `GET /cases/{id}`, adds its people,
/// requests, meetings and clocks).
struct CaseResponse: APIResponseBody {
    var id: UUID
    var teamId: UUID
    var reference: String
    var caseType: CaseType
    var referralDate: LocalDate?
    var socialWorkerId: UUID
    var teamManagerId: UUID
    var serviceManagerId: UUID
    var assessmentCompletedOn: LocalDate?
    var s47CompletedOn: LocalDate?
    var icpcHeldOn: LocalDate?
    var createdAt: Date
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        id: UUID(), teamId: UUID(), reference: "NS-10482", caseType: .newReferral,
        referralDate: LocalDate(year: 2026, month: 11, day: 20), socialWorkerId: UUID(), teamManagerId: UUID(),
        serviceManagerId: UUID(), assessmentCompletedOn: LocalDate(year: 2026, month: 12, day: 1),
        s47CompletedOn: LocalDate(year: 2026, month: 12, day: 2), icpcHeldOn: LocalDate(year: 2026, month: 12, day: 3),
        createdAt: sampleTime, version: 1)
}

extension CaseResponse {
    init(_ record: Case) {
        self.init(
            id: record.id, teamId: record.teamId, reference: record.reference, caseType: record.caseType,
            referralDate: record.referralDate, socialWorkerId: record.socialWorkerId, teamManagerId: record.teamManagerId,
            serviceManagerId: record.serviceManagerId, assessmentCompletedOn: record.assessmentCompletedOn,
            s47CompletedOn: record.s47CompletedOn, icpcHeldOn: record.icpcHeldOn, createdAt: record.createdAt,
            version: record.version)
    }
}

/// A statutory or local clock of a case: what runs, from when, until when, and its state.
struct ClockResponse: APIResponseBody {
    var kind: ClockKind
    var caseId: UUID
    var caseReference: String
    /// What the clock times: the request, meeting, action or case it belongs to.
    var subjectId: UUID
    var label: String
    var startedAt: Date
    var dueAt: Date
    var completedAt: Date?
    var ownerId: UUID?
    var state: ClockState
    var warning: String?

    static let sample = Self(
        kind: .meeting, caseId: UUID(), caseReference: "NS-10482", subjectId: UUID(), label: "Strategy discussion held",
        startedAt: sampleTime, dueAt: sampleTime + 86_400, completedAt: sampleTime + 3600, ownerId: UUID(), state: .met,
        warning: "Due on a closure day")
}

extension ClockResponse {
    init(_ c: Clock) {
        self.init(
            kind: c.kind, caseId: c.caseId, caseReference: c.caseReference, subjectId: c.subjectId, label: c.label,
            startedAt: c.startedAt, dueAt: c.dueAt, completedAt: c.completedAt, ownerId: c.ownerId, state: c.state,
            warning: c.warning)
    }
}

/// A clock with the time left, for dashboards and scripts.
struct TimedClockResponse: APIResponseBody {
    var clock: ClockResponse
    /// Seconds until due; negative when overdue.
    var secondsLeft: Int

    static let sample = Self(clock: .sample, secondsLeft: -3600)
}

/// A case with its team, people, requests, discussions, decisions and clocks (`GET /cases/{id}`).
struct CaseDetailResponse: APIResponseBody {
    var caseRecord: CaseResponse
    var team: TeamResponse
    var people: [CasePersonResponse]
    var requests: [StrategyRequestResponse]
    var meetings: [MeetingDetailsResponse]
    var decisions: [DecisionResponse]
    var clocks: [ClockResponse]

    static let sample = Self(
        caseRecord: .sample, team: .sample, people: [.sample], requests: [.sample], meetings: [.sample],
        decisions: [.sample], clocks: [.sample])
}

extension CaseDetailResponse {
    init(_ d: CaseDetail) {
        self.init(
            caseRecord: CaseResponse(d.caseRecord), team: TeamResponse(d.team), people: d.people.map(CasePersonResponse.init),
            requests: d.requests.map(StrategyRequestResponse.init), meetings: d.meetings.map(MeetingDetailsResponse.init),
            decisions: d.decisions.map(DecisionResponse.init), clocks: d.clocks.map(ClockResponse.init))
    }
}
