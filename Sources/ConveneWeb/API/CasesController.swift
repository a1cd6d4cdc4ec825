import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Cases, the people on them, and their milestones.
struct CasesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.listCases, use: list)
        routes.on(.createCase, use: create)
        routes.on(.searchCases, use: search)
        routes.on(.getCase, use: show)
        routes.on(.listPeople, use: people)
        routes.on(.addPerson, use: addPerson)
        routes.on(.getPerson, use: person)
        routes.on(.updatePerson, use: updatePerson)
        routes.on(.removePerson, use: removePerson)
        routes.on(.recordMilestones, use: milestones)
    }

    /// The cases the caller has a role in, of one team or all, newest first, a page at a time
    /// (`ListPage`): found, ordered and cut in SQL, never every case of the authority.
    func list(req: Request) async throws -> Response {
        let teamId = try req.query("teamId", parse: UUID.init(uuidString:), expected: "a team id")
        let page = try ListPage(req)
        guard let person = req.principal?.professional else { return try await [CaseResponse]().encodeResponse(for: req) }
        let total = try await req.store.caseCount(visibleTo: person, teamId: teamId)
        let cases = try await req.store.cases(visibleTo: person, teamId: teamId, limit: page.limit, offset: page.offset)
        req.listed(cases.map(\.id))
        return try await page.response(cases.map(CaseResponse.init), total: total, for: req)
    }

    /// The cases the caller may see that match a reference, a name or a date of birth, a page at a
    /// time, under the same need-to-know rule as the list; each read is audited as the list's are.
    func search(req: Request) async throws -> Response {
        let input = try req.body(CaseSearchInput.self)
        try input.validate()
        let page = try ListPage(req)
        guard let person = req.principal?.professional, let search = CaseSearch(input.q) else {
            return try await [CaseResponse]().encodeResponse(for: req)
        }
        let total = try await req.store.caseCount(visibleTo: person, matching: search)
        let cases = try await req.store.cases(visibleTo: person, matching: search, limit: page.limit, offset: page.offset)
        req.listed(cases.map(\.id))
        return try await page.response(cases.map(CaseResponse.init), total: total, for: req)
    }

    func create(req: Request) async throws -> Response {
        try await CaseResponse(req.store.createCase(try req.body(CaseInput.self), by: try req.actingProfessional()))
            .created(for: req)
    }

    func show(req: Request) async throws -> Response {
        let detail = try await req.store.caseDetail(of: try await req.accessedCase(try req.id("caseID", entity: "case")))
        return try await CaseDetailResponse(detail).encodeResponse(for: req).tagged(detail.caseRecord.version)
    }

    func people(req: Request) async throws -> [CasePersonResponse] {
        let id = try req.id("caseID", entity: "case")
        _ = try await req.accessedCase(id)
        return try await req.store.people(of: id).map(CasePersonResponse.init)
    }

    func addPerson(req: Request) async throws -> Response {
        let id = try req.id("caseID", entity: "case")
        _ = try await req.accessedCase(id)
        return try await CasePersonResponse(req.store.addPerson(to: id, try req.body(PersonInput.self))).created(for: req)
    }

    func person(req: Request) async throws -> Response {
        let caseId = try req.id("caseID", entity: "case")
        let person = try await req.store.person(try req.id("personID", entity: "person"), of: caseId)
        return try await CasePersonResponse(person).encodeResponse(for: req).tagged(person.version)
    }

    /// Replaces a person's details, from the version the caller read (`If-Match`), while the
    /// case's requests are drafts.
    func updatePerson(req: Request) async throws -> Response {
        let caseId = try req.id("caseID", entity: "case")
        let id = try req.id("personID", entity: "person")
        _ = try await req.store.person(id, of: caseId)
        let input = try req.body(PersonInput.self)
        let expected = try req.requiredVersion(
            of: "person", readAt: SitePath.api(.casePerson(.value(caseId), person: .value(id))).href)
        let saved = try await req.refusingStale {
            try await req.store.updatePerson(id, of: caseId, input, expectedVersion: expected)
        } current: {
            let now = try await req.store.person(id, of: caseId)
            return (CasePersonResponse(now), now.version)
        }
        return try await CasePersonResponse(saved).encodeResponse(for: req).tagged(saved.version)
    }

    /// Removes a person added in error, from the version the caller read (`If-Match`).
    func removePerson(req: Request) async throws -> Response {
        let caseId = try req.id("caseID", entity: "case")
        let id = try req.id("personID", entity: "person")
        _ = try await req.store.person(id, of: caseId)
        let expected = try req.requiredVersion(
            of: "person", readAt: SitePath.api(.casePerson(.value(caseId), person: .value(id))).href)
        try await req.refusingStale {
            try await req.store.removePerson(id, of: caseId, expectedVersion: expected)
        } current: {
            let now = try await req.store.person(id, of: caseId)
            return (CasePersonResponse(now), now.version)
        }
        return Response(status: .noContent)
    }

    /// Records milestones from the version of the case the caller read (`If-Match`, from GET /cases/{id}).
    func milestones(req: Request) async throws -> Response {
        let id = try req.id("caseID", entity: "case")
        _ = try await req.accessedCase(id)
        let input = try req.body(MilestonesInput.self)
        let expected = try req.requiredVersion(of: "case", readAt: SitePath.api(.caseRecord(.value(id))).href)
        let saved = try await req.refusingStale {
            try await req.store.recordMilestones(of: id, input, expectedVersion: expected)
        } current: {
            let now = try await req.store.caseRecord(id)
            return (CaseResponse(now), now.version)
        }
        return try await CaseResponse(saved).encodeResponse(for: req).tagged(saved.version)
    }
}
