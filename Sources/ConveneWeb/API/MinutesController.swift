import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Minutes: finalise, circulate, corrections and amendments.
struct MinutesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.getMinutes, use: show)
        routes.on(.finaliseMinutes, use: finalise)
        routes.on(.circulateMinutes, use: circulate)
        routes.on(.addCorrection, use: addCorrection)
        routes.on(.amendMinutes, use: amend)
        routes.on(.listMinutesShares, use: shares)
        routes.on(.shareMinutes, use: share)
        routes.on(.revokeMinutesShare, use: revokeShare)
        routes.on(.listDisclosures, use: disclosures)
    }

    struct ShareInput: Decodable {
        var professionalId: UUID?
        var reason: String?
    }

    func shares(req: Request) async throws -> [MinutesShareResponse] {
        try await req.store.minutesShares(try await meetingID(req)).map(MinutesShareResponse.init)
    }

    func share(req: Request) async throws -> Response {
        let id = try await meetingID(req)
        let input = try req.body(ShareInput.self)
        let share = try await req.store.shareMinutes(
            id, with: input.professionalId, by: try req.actingProfessional().id, reason: input.reason)
        return try await MinutesShareResponse(share).created(for: req)
    }

    func revokeShare(req: Request) async throws -> MinutesShareResponse {
        let id = try await meetingID(req)
        return MinutesShareResponse(
            try await req.store.revokeMinutesShare(
                try req.id("shareID", entity: "permission to share"), of: id, by: try req.actingProfessional().id))
    }

    func disclosures(req: Request) async throws -> [DisclosureResponse] {
        try await req.store.disclosures(try await meetingID(req)).map(DisclosureResponse.init)
    }

    private func meetingID(_ req: Request) async throws -> UUID {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        return id
    }

    func show(req: Request) async throws -> MinutesDetailResponse {
        MinutesDetailResponse(try await req.store.minutes(of: try req.id("meetingID", entity: "meeting")))
    }

    func finalise(req: Request) async throws -> MinutesDetailResponse {
        let id = try await meetingID(req)
        let input = try req.body(MinutesActorInput.self)
        return MinutesDetailResponse(
            try await req.store.finaliseMinutes(id, by: try req.yourself(input.by, field: "by"), quorumReason: input.quorumReason)
        )
    }

    func circulate(req: Request) async throws -> MinutesDetailResponse {
        let id = try await meetingID(req)
        return MinutesDetailResponse(
            try await req.store.circulateMinutes(id, by: try req.yourself(try req.body(MinutesActorInput.self).by, field: "by")))
    }

    func addCorrection(req: Request) async throws -> Response {
        let id = try await meetingID(req)
        var input = try req.body(CorrectionInput.self)
        input.professionalId = try req.recordedFor(input.professionalId, field: "professionalId", forOthers: req.may(.editRecord))
        // When a correction arrived is recorded by the chair or minute taker for one sent by return;
        // an invitee's own arrives now.
        if input.receivedAt != nil && !req.may(.editRecord) {
            throw DomainError.invalid("receivedAt", "is set by the chair or minute taker only; your correction is received now")
        }
        let correction = try await req.store.addCorrection(to: id, input, recordedBy: try req.actingProfessional().id)
        return try await CorrectionResponse(correction).created(for: req)
    }

    func amend(req: Request) async throws -> MinutesDetailResponse {
        let id = try await meetingID(req)
        var amendment = try req.body(MinutesAmendment.self)
        amendment.amendedBy = try req.yourself(amendment.amendedBy, field: "amendedBy")
        return MinutesDetailResponse(try await req.store.amendMinutes(id, amendment))
    }
}
