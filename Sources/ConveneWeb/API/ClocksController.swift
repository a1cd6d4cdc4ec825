import ConveneCore
import ConveneStore
import Foundation
import NIOCore
import Vapor

/// Statutory and local clocks across cases.
struct ClocksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.listClocks, use: list)
        routes.on(.listCaseClocks, use: forCase)
    }

    /// Clocks across cases, most urgent first, a page at a time (`ListPage`).
    func list(req: Request) async throws -> Response {
        var filter = ClockFilter()
        filter.teamId = try req.query("teamId", parse: UUID.init(uuidString:), expected: "a team id")
        filter.ownerId = try req.query("ownerId", parse: UUID.init(uuidString:), expected: "a professional id")
        filter.overdueOnly = try req.query("overdue", parse: Bool.init, expected: "true or false") ?? false
        filter.dueWithin = try req.query(
            "dueWithin", parse: DurationText.seconds, expected: "a duration such as 30m, 12h, 2d or 1w")
        filter.includeStopped = try req.query("includeStopped", parse: Bool.init, expected: "true or false") ?? false
        filter.kind = try req.query("kind", parse: ClockKind.init(rawValue:), expected: "one of: \(ClockKind.choices)")
        filter.dueSoonOnly = try req.query("dueSoon", parse: Bool.init, expected: "true or false") ?? false
        let page = try ListPage(req)
        filter.limit = page.limit
        filter.offset = page.offset
        guard let person = req.principal?.professional else { return try await [TimedClockResponse]().encodeResponse(for: req) }
        filter.visibleTo = person
        let tally = try await req.store.clockTally(filter)
        let clocks = try await respond(filter, req: req)
        req.listed(clocks.map(\.clock.caseId))
        return try await page.response(clocks, total: tally.total, for: req)
    }

    func forCase(req: Request) async throws -> [TimedClockResponse] {
        let id = try req.id("caseID", entity: "case")
        return try await respond(ClockFilter(caseId: id, includeStopped: true), req: req)
    }

    private func respond(_ filter: ClockFilter, req: Request) async throws -> [TimedClockResponse] {
        let now = req.application.conveneClock.now()
        guard let person = req.principal?.professional else { return [] }
        var filter = filter
        filter.visibleTo = person
        return try await req.store.clocks(filter).map {
            TimedClockResponse(clock: ClockResponse($0), secondsLeft: Int($0.secondsLeft(at: now)))
        }
    }
}
