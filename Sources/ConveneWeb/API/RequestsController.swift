import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Strategy meeting requests: draft, submit, approve or return.
struct RequestsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.draftRequest, use: draft)
        routes.on(.listRequests, use: list)
        routes.on(.getRequest, use: show)
        routes.on(.updateRequest, use: update)
        routes.on(.patchRequest, use: patch)
        routes.on(.submitRequest, use: submit)
        routes.on(.approveRequest, use: approve)
        routes.on(.returnRequest, use: sendBack)
    }

    struct DraftedBy: Decodable { var draftedBy: UUID? }
    struct Approval: Decodable { var teamManagerId: UUID? }
    struct Return: Decodable {
        var teamManagerId: UUID?
        var reason: String?
    }

    func draft(req: Request) async throws -> Response {
        let caseId = try req.id("caseID", entity: "case")
        _ = try await req.accessedCase(caseId)
        let form = try req.body(RequestForm.self)
        let author = try req.body(DraftedBy.self)
        let draftedBy = try req.yourself(author.draftedBy, field: "draftedBy")
        return try await RequestDetailResponse(req.store.draftRequest(for: caseId, draftedBy: draftedBy, form)).created(for: req)
    }

    /// The requests the caller may see (those of their cases, and approved ones of cases they may
    /// book), in one state or all, oldest first, a page at a time (`ListPage`).
    func list(req: Request) async throws -> Response {
        let status = try req.query("status", parse: RequestStatus.init(rawValue:), expected: "one of: \(RequestStatus.choices)")
        let page = try ListPage(req)
        guard let person = req.principal?.professional else {
            return try await [StrategyRequestResponse]().encodeResponse(for: req)
        }
        let filter = RequestFilter(visibleTo: person, status: status, limit: page.limit, offset: page.offset)
        let total = try await req.store.requestCount(filter)
        let requests = try await req.store.requests(filter)
        req.listed(requests.map(\.caseId))
        return try await page.response(requests.map(StrategyRequestResponse.init), total: total, for: req)
    }

    func show(req: Request) async throws -> Response {
        let detail = try await req.store.request(try req.id("requestID", entity: "request"))
        return try await RequestDetailResponse(detail).encodeResponse(for: req).tagged(detail.request.version)
    }

    /// Replaces every field of a draft (one left out is emptied), from the version the caller
    /// read (`If-Match`, from GET /requests/{id}).
    func update(req: Request) async throws -> Response {
        let id = try req.id("requestID", entity: "request")
        let current = try await req.store.request(id)
        return try await save(try req.body(RequestForm.self), over: current, req: req)
    }

    /// Changes only the fields the body names (null empties one), from the version the caller
    /// read (`If-Match`); the others stay as they are.
    func patch(req: Request) async throws -> Response {
        let id = try req.id("requestID", entity: "request")
        let current = try await req.store.request(id)
        _ = try req.body(RequestForm.self)  // each field of the right type, or a problem naming it
        let changes = (try JSONSerialization.jsonObject(with: Data(buffer: req.body.data!)) as? [String: Any]) ?? [:]
        let base = try JSONCoding.encoder().encode(RequestForm(current.request, inviteeIds: current.inviteeIds))
        var merged = (try JSONSerialization.jsonObject(with: base) as? [String: Any]) ?? [:]
        for (field, value) in changes { merged[field] = value is NSNull ? nil : value }
        let form = try JSONCoding.decoder().decode(RequestForm.self, from: JSONSerialization.data(withJSONObject: merged))
        return try await save(form, over: current, req: req)
    }

    /// Saves a whole form over a draft from the version named in `If-Match`. Its author stays.
    private func save(_ form: RequestForm, over current: RequestDetail, req: Request) async throws -> Response {
        let id = current.request.id
        if let named = try req.body(DraftedBy.self).draftedBy, named != current.request.draftedBy {
            throw DomainError.invalid("draftedBy", "a request's author cannot be changed; leave it out")
        }
        let expected = try req.requiredVersion(of: "request", readAt: SitePath.api(.request(.value(id))).href)
        let detail = try await req.refusingStale {
            try await req.store.updateRequest(id, form, expectedVersion: expected)
        } current: {
            let now = try await req.store.request(id)
            return (RequestDetailResponse(now), now.request.version)
        }
        return try await RequestDetailResponse(detail).encodeResponse(for: req).tagged(detail.request.version)
    }

    func submit(req: Request) async throws -> RequestDetailResponse {
        RequestDetailResponse(try await req.store.submitRequest(try req.id("requestID", entity: "request")))
    }

    func approve(req: Request) async throws -> RequestDetailResponse {
        let id = try req.id("requestID", entity: "request")
        return RequestDetailResponse(
            try await req.store.approveRequest(
                id, by: try req.yourself(try req.body(Approval.self).teamManagerId, field: "teamManagerId")))
    }

    func sendBack(req: Request) async throws -> RequestDetailResponse {
        let id = try req.id("requestID", entity: "request")
        let body = try req.body(Return.self)
        return RequestDetailResponse(
            try await req.store.returnRequest(
                id, by: try req.yourself(body.teamManagerId, field: "teamManagerId"), reason: body.reason))
    }
}
