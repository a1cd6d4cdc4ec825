import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// The record of a discussion: its sections, contributions, decisions, dissent and SMART actions.
struct RecordController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.updateRecord, use: updateRecord)
        routes.on(.addContribution, use: addContribution)
        routes.on(.recordDecision, use: recordDecision)
        routes.on(.reviewDecision, use: reviewDecision)
        routes.on(.addDissent, use: addDissent)
        routes.on(.updateDissent, use: updateDissent)
        routes.on(.escalate, use: escalate)
        routes.on(.resolveEscalation, use: resolveEscalation)
        routes.on(.addAction, use: addAction)
        routes.on(.listActions, use: actions)
        routes.on(.getAction, use: action)
        routes.on(.listActionChanges, use: actionHistory)
        routes.on(.updateAction, use: updateAction)
    }

    struct Review: Decodable { var reviewedAt: Date? }
    struct DissentUpdate: Decodable {
        var status: DissentStatus?
        var resolution: String?
    }

    /// Checks the meeting exists before reading the body, so unknown ids are 404 whatever the body.
    private func meetingID(_ req: Request) async throws -> UUID {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        return id
    }

    /// Changes sections of the record from the version the caller read: `If-Match` with the
    /// meeting's ETag, or the body's `expectedVersion`, or `sectionVersions` for every section it
    /// changes (so two people can write different sections at once); 428 without any of them.
    func updateRecord(req: Request) async throws -> Response {
        let id = try await meetingID(req)
        var update = try req.body(RecordUpdate.self)
        if let ifMatch = try req.givenVersion(of: "meeting record", readAt: SitePath.api(.meeting(.value(id))).href) {
            update.expectedVersion = ifMatch
        }
        let sections = update.sections
        let everySectionVersioned =
            !sections.isEmpty && sections.allSatisfy { update.sectionVersions?[$0.rawValue] != nil }
        guard update.expectedVersion != nil || everySectionVersioned else {
            throw PreconditionRequired(entity: "meeting record", readAt: SitePath.api(.meeting(.value(id))).href)
        }
        let record = try await req.refusingStale {
            try await req.store.updateRecord(id, update)
        } current: {
            let now = try await req.store.meetingRecord(id)
            return (try await MeetingResponse(now, req: req), now.meeting.version)
        }
        return try await MeetingResponse(record, req: req).encodeResponse(for: req).tagged(record.meeting.version)
    }

    func addContribution(req: Request) async throws -> Response {
        let id = try await meetingID(req)
        let contribution = try await req.store.addContribution(
            to: id, try req.body(ContributionInput.self), recordedBy: try req.actingProfessional().id)
        return try await ContributionResponse(contribution).created(for: req)
    }

    /// Records a decision: a new one with no `If-Match`; replacing one needs `If-Match` with the
    /// version the record shows it at (428 without; 409 with the current decision when it changed).
    func recordDecision(req: Request) async throws -> Response {
        let id = try await meetingID(req)
        let text = req.parameters.get("kind") ?? ""
        guard let kind = DecisionKind(rawValue: text) else {
            throw DomainError.notFound(entity: "decision kind", id: text)
        }
        let input = try req.body(DecisionInput.self)
        let precondition: DecisionPrecondition
        if let version = try req.givenVersion(of: "decision", readAt: SitePath.api(.meeting(.value(id))).href) {
            precondition = .version(version)
        } else if try await req.store.decision(of: id, kind: kind) != nil {
            throw PreconditionRequired(
                entity: "\(kind.label) decision (its version in the record)", readAt: SitePath.api(.meeting(.value(id))).href)
        } else {
            precondition = .new
        }
        let decision = try await req.refusingStale {
            try await req.store.recordDecision(
                id, kind: kind, input, recordedBy: try req.actingProfessional().id, expectedVersion: precondition)
        } current: {
            let now = try await req.store.decision(of: id, kind: kind)
            return (now.map(DecisionResponse.init), now?.version ?? 0)
        }
        return try await DecisionResponse(decision).encodeResponse(for: req).tagged(decision.version)
    }

    /// Records the review of a decision not to inform parents; the body is optional.
    func reviewDecision(req: Request) async throws -> DecisionResponse {
        let id = try req.id("decisionID", entity: "decision")
        let hasBody = (req.body.data?.readableBytes ?? 0) > 0
        let reviewedAt = hasBody ? try req.body(Review.self).reviewedAt : nil
        return DecisionResponse(try await req.store.reviewDecision(id, reviewedAt: reviewedAt))
    }

    func addDissent(req: Request) async throws -> Response {
        let id = try await meetingID(req)
        let dissent = try await req.store.addDissent(
            to: id, try req.body(DissentInput.self), recordedBy: try req.actingProfessional().id)
        return try await DissentResponse(dissent).created(for: req)
    }

    /// Resolves or escalates a different view from the version the record shows it at (`If-Match`).
    func updateDissent(req: Request) async throws -> Response {
        let id = try req.id("dissentID", entity: "dissent")
        let meeting = try await req.store.dissent(id).meetingId
        let body = try req.body(DissentUpdate.self)
        let expected = try req.requiredVersion(
            of: "different view (its version in the record)", readAt: SitePath.api(.meeting(.value(meeting))).href)
        let saved = try await req.refusingStale {
            try await req.store.updateDissent(id, status: body.status, resolution: body.resolution, expectedVersion: expected)
        } current: {
            let now = try await req.store.dissent(id)
            return (DissentResponse(now), now.version)
        }
        return try await DissentResponse(saved).encodeResponse(for: req).tagged(saved.version)
    }

    func addAction(req: Request) async throws -> Response {
        let id = try await meetingID(req)
        return try await SmartActionResponse(req.store.addAction(to: id, try req.body(ActionInput.self))).created(for: req)
    }

    /// The actions the caller may see (their own, and those of meetings they may see), of one
    /// owner or all, in one state or all, soonest due first, a page at a time (`ListPage`).
    func actions(req: Request) async throws -> Response {
        let owner = try req.query("ownerId", parse: UUID.init(uuidString:), expected: "a professional id")
        let status = try req.query("status", parse: ActionStatus.init(rawValue:), expected: "one of: \(ActionStatus.choices)")
        let page = try ListPage(req)
        guard let person = req.principal?.professional else {
            return try await [SmartActionResponse]().encodeResponse(for: req)
        }
        let filter = ActionFilter(ownerId: owner, status: status, visibleTo: person, limit: page.limit, offset: page.offset)
        let total = try await req.store.actionCount(filter)
        let actions = try await req.store.actions(filter)
        req.listed(actions.map(\.caseId))
        return try await page.response(actions.map(SmartActionResponse.init), total: total, for: req)
    }

    func action(req: Request) async throws -> Response {
        let action = try await req.store.action(try req.id("actionID", entity: "action"))
        return try await SmartActionResponse(action).encodeResponse(for: req).tagged(action.version)
    }

    /// Escalates non-attendance or a disagreement to the case's service manager, as the signed-in person.
    func escalate(req: Request) async throws -> Response {
        let id = try req.id("meetingID", entity: "meeting")
        _ = try await req.accessedMeeting(id)
        let escalation = try await req.store.escalate(
            id, try req.body(EscalationInput.self), by: try req.actingProfessional())
        return try await EscalationResponse(escalation).created(for: req)
    }

    func resolveEscalation(req: Request) async throws -> EscalationResponse {
        let id = try req.id("meetingID", entity: "meeting")
        let escalationId = try req.id("escalationID", entity: "escalation")
        _ = try await req.accessedMeeting(id)
        return EscalationResponse(
            try await req.store.resolveEscalation(
                escalationId, of: id, try req.body(EscalationResolution.self), by: try req.actingProfessional()))
    }

    func actionHistory(req: Request) async throws -> [ActionChangeResponse] {
        let id = try req.id("actionID", entity: "action")
        return try await req.store.actionHistory(id).map(ActionChangeResponse.init)
    }

    /// Completes, cancels or reopens an action from the version the caller read (`If-Match`, from
    /// GET /actions/{id}).
    func updateAction(req: Request) async throws -> Response {
        let id = try req.id("actionID", entity: "action")
        let input = try req.body(ActionUpdate.self)
        let expected = try req.requiredVersion(of: "action", readAt: SitePath.api(.action(.value(id))).href)
        let saved = try await req.refusingStale {
            try await req.store.updateAction(
                id, input, expectedVersion: expected, by: try req.actingProfessional(),
                mayRearrange: req.meetingAudience == .meetingTeam)
        } current: {
            let now = try await req.store.action(id)
            return (SmartActionResponse(now), now.version)
        }
        return try await SmartActionResponse(saved).encodeResponse(for: req).tagged(saved.version)
    }
}
