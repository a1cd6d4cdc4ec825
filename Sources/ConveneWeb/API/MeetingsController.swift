import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Booking, moving and cancelling strategy discussions; invitations and attendance.
struct MeetingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("meetings", use: book)
        routes.get("meetings", use: list)
        routes.get("meetings", ":meetingID", use: show)
        routes.post("meetings", ":meetingID", "move", use: move)
        routes.post("meetings", ":meetingID", "cancel", use: cancel)
        routes.get("meetings", ":meetingID", "quorum", use: quorum)
        routes.post("meetings", ":meetingID", "invitations", use: invite)
        routes.put("meetings", ":meetingID", "attendance", ":professionalID", use: attendance)
    }

    func book(req: Request) async throws -> Response {
        let input = try req.body(BookingInput.self)
        // Without a request id the booking's own validation names every missing field.
        if let requestId = input.requestId { try await req.authorize(.bookMeeting, .request, id: requestId, field: "requestId") }
        return try await MeetingResponse(try await req.store.book(input), req: req).created(for: req)
    }

    func list(req: Request) async throws -> [Meeting] {
        let from = try req.query("from", parse: JSONCoding.parseInstant, expected: "a date-time such as 2027-01-13T00:00:00Z")
        let to = try req.query("to", parse: JSONCoding.parseInstant, expected: "a date-time such as 2027-01-20T00:00:00Z")
        let who = try req.query("professionalId", parse: UUID.init(uuidString:), expected: "a professional id")
        let start = from ?? req.application.conveneClock.now().addingTimeInterval(-7 * 86_400)
        let end = to ?? start.addingTimeInterval(28 * 86_400)
        guard end > start else { throw DomainError.invalid("to", "must be after from") }
        guard end.timeIntervalSince(start) <= 366 * 86_400 else {
            throw DomainError.invalid("to", "the range must be a year or less")
        }
        // Only the meetings the caller may see, chosen in SQL: never every meeting of their cases.
        guard let person = req.principal?.professional else { return [] }
        return try await req.store.meetings(from: start, to: end, professionalId: who, visibleTo: person)
    }

    func show(req: Request) async throws -> MeetingResponse {
        try await MeetingResponse(try await req.store.meetingRecord(try req.id("meetingID", entity: "meeting")), req: req)
    }

    func move(req: Request) async throws -> MeetingResponse {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.store.meeting(id)
        return try await MeetingResponse(try await req.store.move(id, try req.body(RebookingInput.self)), req: req)
    }

    func cancel(req: Request) async throws -> MeetingResponse {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.store.meeting(id)
        return try await MeetingResponse(try await req.store.cancel(id, try req.body(RebookingInput.self)), req: req)
    }

    func quorum(req: Request) async throws -> Quorum {
        try await req.store.meetingRecord(try req.id("meetingID", entity: "meeting")).quorum
    }

    func invite(req: Request) async throws -> Response {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.store.meeting(id)
        return try await req.store.invite(id, professionalId: try req.body(InvitationInput.self).professionalId).created(for: req)
    }

    func attendance(req: Request) async throws -> Invitation {
        let id = try req.id("meetingID", entity: "meeting")
        let professionalId = try req.id("professionalID", entity: "invitation")
        _ = try await req.store.meeting(id)
        return try await req.store.recordAttendance(id, professionalId: professionalId, try req.body(AttendanceInput.self))
    }
}

extension Meeting: Content {}

/// A meeting's whole record with its quorum check and the one-hour flag.
struct MeetingResponse: Content {
    var record: MeetingRecord
    var quorum: Quorum
    /// True when the meeting ran past its slot length (a flag, not a breach).
    var overran: Bool
    /// Each record section's version, to send back as `sectionVersions` when editing.
    var sectionVersions: [String: Int]

    init(_ record: MeetingRecord, req: Request) async throws {
        let organisation = try await req.store.organisation(ofTeam: record.caseRecord.teamId)
        self.record = record
        self.sectionVersions = try await req.store.sectionVersions(record.meeting.id)
        self.quorum = record.quorum
        self.overran = record.meeting.ranOver(slotMinutes: organisation.policy.slotMinutes)
    }
}
