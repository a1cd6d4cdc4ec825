import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Cases, the people on them, and their milestones.
struct CasesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", use: list)
        routes.post("cases", use: create)
        routes.get("cases", ":caseID", use: show)
        routes.get("cases", ":caseID", "people", use: people)
        routes.post("cases", ":caseID", "people", use: addPerson)
        routes.put("cases", ":caseID", "milestones", use: milestones)
    }

    func list(req: Request) async throws -> [Case] {
        let teamId = try req.query("teamId", parse: UUID.init(uuidString:), expected: "a team id")
        let visible = try await req.visibleCaseIds()
        return try await req.store.cases(teamId: teamId).filter { visible.contains($0.id) }
    }

    func create(req: Request) async throws -> Response {
        try await req.store.createCase(try req.body(CaseInput.self)).created(for: req)
    }

    func show(req: Request) async throws -> CaseDetail {
        try await req.store.caseDetail(try req.id("caseID", entity: "case"))
    }

    func people(req: Request) async throws -> [CasePerson] {
        let id = try req.id("caseID", entity: "case")
        _ = try await req.store.caseRecord(id)
        return try await req.store.people(of: id)
    }

    func addPerson(req: Request) async throws -> Response {
        let id = try req.id("caseID", entity: "case")
        _ = try await req.store.caseRecord(id)
        return try await req.store.addPerson(to: id, try req.body(PersonInput.self)).created(for: req)
    }

    func milestones(req: Request) async throws -> Case {
        let id = try req.id("caseID", entity: "case")
        _ = try await req.store.caseRecord(id)
        return try await req.store.recordMilestones(of: id, try req.body(MilestonesInput.self))
    }
}
