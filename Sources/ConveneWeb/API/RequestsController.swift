import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Strategy meeting requests: draft, submit, approve or return.
struct RequestsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("cases", ":caseID", "requests", use: draft)
        routes.get("requests", use: list)
        routes.get("requests", ":requestID", use: show)
        routes.put("requests", ":requestID", use: update)
        routes.post("requests", ":requestID", "submit", use: submit)
        routes.post("requests", ":requestID", "approve", use: approve)
        routes.post("requests", ":requestID", "return", use: sendBack)
    }

    struct DraftedBy: Decodable { var draftedBy: UUID? }
    struct Approval: Decodable { var teamManagerId: UUID? }
    struct Return: Decodable {
        var teamManagerId: UUID?
        var reason: String?
    }

    func draft(req: Request) async throws -> Response {
        let caseId = try req.id("caseID", entity: "case")
        _ = try await req.store.caseRecord(caseId)
        let form = try req.body(RequestForm.self)
        let author = try req.body(DraftedBy.self)
        let draftedBy = try req.yourself(author.draftedBy, field: "draftedBy")
        return try await req.store.draftRequest(for: caseId, draftedBy: draftedBy, form).created(for: req)
    }

    /// The requests the caller may see (those of their cases, and approved ones of cases they may
    /// book), in one state or all, oldest first, a page at a time (`ListPage`).
    func list(req: Request) async throws -> Response {
        let status = try req.query("status", parse: RequestStatus.init(rawValue:), expected: "one of: \(RequestStatus.choices)")
        let page = try ListPage(req)
        guard let person = req.principal?.professional else { return try await [StrategyRequest]().encodeResponse(for: req) }
        let filter = RequestFilter(visibleTo: person, status: status, limit: page.limit, offset: page.offset)
        let total = try await req.store.requestCount(filter)
        let requests = try await req.store.requests(filter)
        req.listed(requests.map(\.caseId))
        return try await page.response(requests, total: total, for: req)
    }

    func show(req: Request) async throws -> RequestDetail {
        try await req.store.request(try req.id("requestID", entity: "request"))
    }

    func update(req: Request) async throws -> RequestDetail {
        let id = try req.id("requestID", entity: "request")
        _ = try await req.store.request(id)
        return try await req.store.updateRequest(id, try req.body(RequestForm.self))
    }

    func submit(req: Request) async throws -> RequestDetail {
        try await req.store.submitRequest(try req.id("requestID", entity: "request"))
    }

    func approve(req: Request) async throws -> RequestDetail {
        let id = try req.id("requestID", entity: "request")
        _ = try await req.store.request(id)
        return try await req.store.approveRequest(
            id, by: try req.yourself(try req.body(Approval.self).teamManagerId, field: "teamManagerId"))
    }

    func sendBack(req: Request) async throws -> RequestDetail {
        let id = try req.id("requestID", entity: "request")
        _ = try await req.store.request(id)
        let body = try req.body(Return.self)
        return try await req.store.returnRequest(
            id, by: try req.yourself(body.teamManagerId, field: "teamManagerId"), reason: body.reason)
    }
}

extension StrategyRequest: Content {}
