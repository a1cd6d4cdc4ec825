import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Statutory and local clocks across cases.
struct ClocksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("clocks", use: list)
        routes.get("cases", ":caseID", "clocks", use: forCase)
    }

    /// A clock with the time left, for dashboards and scripts.
    struct ClockResponse: Content {
        var clock: Clock
        /// Seconds until due; negative when overdue.
        var secondsLeft: Int
    }

    /// How many clocks a page of the list holds unless `limit` says otherwise, and the most it may.
    static let pageSize = 100
    static let largestPage = 500

    /// Clocks across cases, most urgent first, a page at a time: `limit` (1–500, 100 unless
    /// given) after `offset`. `X-Total-Count` says how many match in all and `Link` gives the next
    /// and previous pages, so that no client takes the first page for the whole list.
    func list(req: Request) async throws -> Response {
        var filter = ClockFilter()
        filter.teamId = try req.query("teamId", parse: UUID.init(uuidString:), expected: "a team id")
        filter.ownerId = try req.query("ownerId", parse: UUID.init(uuidString:), expected: "a professional id")
        filter.overdueOnly = try req.query("overdue", parse: Bool.init, expected: "true or false") ?? false
        filter.dueWithin = try req.query(
            "dueWithin", parse: DurationText.seconds, expected: "a duration such as 30m, 12h, 2d or 1w")
        filter.includeStopped = try req.query("includeStopped", parse: Bool.init, expected: "true or false") ?? false
        let limit =
            try req.query(
                "limit", parse: { Int($0).flatMap { (1...Self.largestPage).contains($0) ? $0 : nil } },
                expected: "a whole number from 1 to \(Self.largestPage)") ?? Self.pageSize
        filter.limit = limit
        filter.offset =
            try req.query(
                "offset", parse: { Int($0).flatMap { $0 >= 0 ? $0 : nil } }, expected: "a whole number, 0 or more") ?? 0
        guard let person = req.principal?.professional else { return try await [ClockResponse]().encodeResponse(for: req) }
        filter.visibleTo = person
        let tally = try await req.store.clockTally(filter)
        let response = try await respond(filter, req: req).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "X-Total-Count", value: String(tally.total))
        var links: [String] = []
        if filter.offset + limit < tally.total {
            links.append(Self.link(req, offset: filter.offset + limit, limit: limit, "next"))
        }
        if filter.offset > 0 { links.append(Self.link(req, offset: max(0, filter.offset - limit), limit: limit, "prev")) }
        if !links.isEmpty { response.headers.replaceOrAdd(name: .link, value: links.joined(separator: ", ")) }
        return response
    }

    /// A `Link` header entry for another page of the same list.
    static func link(_ req: Request, offset: Int, limit: Int, _ relation: String) -> String {
        var parts = URLComponents()
        parts.path = req.url.path
        parts.queryItems =
            (URLComponents(string: req.url.string)?.queryItems ?? []).filter { $0.name != "offset" && $0.name != "limit" }
            + [URLQueryItem(name: "limit", value: String(limit)), URLQueryItem(name: "offset", value: String(offset))]
        return "<\(parts.string ?? req.url.path)>; rel=\"\(relation)\""
    }

    func forCase(req: Request) async throws -> [ClockResponse] {
        let id = try req.id("caseID", entity: "case")
        return try await respond(ClockFilter(caseId: id, includeStopped: true), req: req)
    }

    private func respond(_ filter: ClockFilter, req: Request) async throws -> [ClockResponse] {
        let now = req.application.conveneClock.now()
        guard let person = req.principal?.professional else { return [] }
        var filter = filter
        filter.visibleTo = person
        return try await req.store.clocks(filter).map { ClockResponse(clock: $0, secondsLeft: Int($0.secondsLeft(at: now))) }
    }
}
