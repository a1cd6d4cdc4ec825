import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Booking, moving and cancelling strategy discussions; invitations and attendance.
struct MeetingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.bookMeeting, use: book)
        routes.on(.listMeetings, use: list)
        routes.on(.getMeeting, use: show)
        routes.on(.moveMeeting, use: move)
        routes.on(.approveMeetingChange, use: approveChange)
        routes.on(.declineMeetingChange, use: declineChange)
        routes.on(.acknowledgeMeetingChange, use: acknowledgeChange)
        routes.on(.cancelMeeting, use: cancel)
        routes.on(.getQuorum, use: quorum)
        routes.on(.invite, use: invite)
        routes.on(.withdrawInvitation, use: withdraw)
        routes.on(.recordAttendance, use: attendance)
        routes.on(.releasePeople, use: releasePeople)
    }

    func book(req: Request) async throws -> Response {
        let input = try req.body(BookingInput.self)
        // Without a request id the booking's own validation names every missing field.
        if let requestId = input.requestId { try await req.authorize(.bookMeeting, .request, id: requestId, field: "requestId") }
        return try await MeetingResponse(
            try await req.store.book(input, recordedBy: try req.actingProfessional()), req: req
        ).created(for: req)
    }

    /// The meetings' logistics only, whoever asks: the record of each is read one meeting at a time,
    /// through its audience's projection.
    func list(req: Request) async throws -> [MeetingLogisticsResponse] {
        let from = try req.query("from", parse: JSONCoding.parseInstant, expected: "a date-time such as 2027-01-13T00:00:00Z")
        let to = try req.query("to", parse: JSONCoding.parseInstant, expected: "a date-time such as 2027-01-20T00:00:00Z")
        let who = try req.query("professionalId", parse: UUID.init(uuidString:), expected: "a professional id")
        // Either end alone means the four weeks from it or up to it; neither, from a week ago.
        let start =
            from ?? to?.addingTimeInterval(-28 * 86_400) ?? req.application.conveneClock.now().addingTimeInterval(-7 * 86_400)
        let end = to ?? start.addingTimeInterval(28 * 86_400)
        guard end > start else { throw DomainError.invalid("to", "must be after from") }
        guard end.timeIntervalSince(start) <= 366 * 86_400 else {
            throw DomainError.invalid("to", "the range must be a year or less")
        }
        // Only the meetings the caller may see, chosen in SQL: never every meeting of their cases.
        guard let person = req.principal?.professional else { return [] }
        let meetings = try await req.store.meetings(from: start, to: end, professionalId: who, visibleTo: person)
        let references = try await req.store.caseReferences(meetings.map(\.caseId))
        req.listed(meetings.map(\.caseId))
        return meetings.map { MeetingLogisticsResponse(MeetingLogistics($0, caseReference: references[$0.caseId] ?? "")) }
    }

    func show(req: Request) async throws -> Response {
        try await Self.projected(try await req.accessedMeetingRecord(try req.id("meetingID", entity: "meeting")), req: req)
    }

    /// A meeting as the signed-in person's audience sees it (`AccessPolicy.meetingAudience`): the
    /// whole record for the meeting team, `InviteeMeeting` for invitees.
    static func projected(_ record: MeetingRecord, req: Request) async throws -> Response {
        switch req.meetingAudience {
        case .meetingTeam:
            return try await MeetingResponse(record, req: req).encodeResponse(for: req).tagged(record.meeting.version)
        case .invitee:
            let released = try await req.store.releasedPersonIds(of: record.meeting.id)
            return try await InviteeMeetingResponse(InviteeMeeting(record, released: released)).encodeResponse(for: req)
        }
    }

    struct ReleaseInput: Decodable {
        var personIds: [UUID]?
    }

    /// The chair sets which family members' details the invitees see; everyone else is withheld.
    func releasePeople(req: Request) async throws -> ReleasedPeopleResponse {
        let id = try req.id("meetingID", entity: "meeting")
        guard let personIds = try req.body(ReleaseInput.self).personIds else {
            throw DomainError.invalid("personIds", "is required: the ids of the people to release, [] for none")
        }
        let released = try await req.store.releasePeople(id, personIds: personIds, by: try req.actingProfessional().id)
        return ReleasedPeopleResponse(released)
    }

    func move(req: Request) async throws -> MeetingResponse {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        return try await MeetingResponse(
            try await req.store.move(id, try req.body(RebookingInput.self), by: try req.actingProfessional()), req: req)
    }

    func cancel(req: Request) async throws -> MeetingResponse {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        return try await MeetingResponse(
            try await req.store.cancel(id, try req.body(RebookingInput.self), by: try req.actingProfessional()), req: req)
    }

    /// The case's service manager, signed in, agrees to a change they were asked to agree; it is made now.
    func approveChange(req: Request) async throws -> MeetingResponse {
        let id = try req.id("meetingID", entity: "meeting")
        let changeId = try req.id("changeID", entity: "change")
        return try await MeetingResponse(
            try await req.store.approveChange(changeId, of: id, by: try req.actingProfessional()), req: req)
    }

    func declineChange(req: Request) async throws -> MeetingResponse {
        let id = try req.id("meetingID", entity: "meeting")
        let changeId = try req.id("changeID", entity: "change")
        return try await MeetingResponse(
            try await req.store.declineChange(
                changeId, of: id, try req.body(AgreementDecision.self), by: try req.actingProfessional()), req: req)
    }

    /// The service manager acknowledges the telephone agreement someone recorded for them.
    func acknowledgeChange(req: Request) async throws -> MeetingResponse {
        let id = try req.id("meetingID", entity: "meeting")
        let changeId = try req.id("changeID", entity: "change")
        return try await MeetingResponse(
            try await req.store.acknowledgeChange(changeId, of: id, by: try req.actingProfessional()), req: req)
    }

    func quorum(req: Request) async throws -> QuorumResponse {
        QuorumResponse(try await req.accessedMeetingRecord(try req.id("meetingID", entity: "meeting")).quorum)
    }

    func invite(req: Request) async throws -> Response {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        let invitation = try await req.store.invite(id, professionalId: try req.body(InvitationInput.self).professionalId)
        return try await InvitationResponse(invitation).created(for: req)
    }

    func withdraw(req: Request) async throws -> HTTPStatus {
        let id = try req.id("meetingID", entity: "meeting")
        let professionalId = try req.id("inviteeID", entity: "invitation")
        _ = try await req.accessedMeeting(id)
        try await req.store.withdrawInvitation(id, professionalId: professionalId)
        return .noContent
    }

    func attendance(req: Request) async throws -> InvitationResponse {
        let id = try req.id("meetingID", entity: "meeting")
        let professionalId = try req.id("professionalID", entity: "invitation")
        _ = try await req.accessedMeeting(id)
        return InvitationResponse(
            try await req.store.recordAttendance(id, professionalId: professionalId, try req.body(AttendanceInput.self)))
    }
}

extension MeetingResponse {
    /// The record as the meeting team sees it, with what the page needs besides.
    init(_ record: MeetingRecord, req: Request) async throws {
        let organisation = try await req.store.organisation(ofTeam: record.caseRecord.teamId)
        self.init(
            record: MeetingRecordResponse(record),
            releasedPersonIds: ReleasedPeopleResponse.ordered(try await req.store.releasedPersonIds(of: record.meeting.id)),
            quorum: QuorumResponse(record.quorum),
            overran: record.meeting.ranOver(slotMinutes: organisation.policy.slotMinutes),
            sectionVersions: try await req.store.sectionVersions(record.meeting.id))
    }
}
