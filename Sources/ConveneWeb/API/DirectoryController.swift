import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Organisations and their policy, calendars, teams, agencies and professionals.
struct DirectoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.getPolicyPresets, use: presets)
        routes.on(.listOrganisations, use: organisations)
        routes.on(.createOrganisation, use: createOrganisation)
        routes.on(.getOrganisation, use: organisation)
        routes.on(.updatePolicy, use: updatePolicy)
        routes.on(.listClosureDays, use: closureDays)
        routes.on(.addClosureDay, use: addClosureDay)
        routes.on(.listSlots, use: slots)
        routes.on(.createTeam, use: createTeam)
        routes.on(.getHolidays, use: holidays)
        routes.on(.importHolidays, use: importHolidays)
        routes.on(.listTeams, use: teams)
        routes.on(.getTeam, use: team)
        routes.on(.listAgencies, use: agencies)
        routes.on(.createAgency, use: createAgency)
        routes.on(.getAgency, use: agency)
        routes.on(.listProfessionals, use: professionals)
        routes.on(.createProfessional, use: createProfessional)
        routes.on(.getProfessional, use: professional)
    }

    struct OrganisationBody: Decodable {
        var name: String?
        /// A preset key; `policy` overrides it when given.
        var preset: String?
        var policy: LocalPolicy?
    }

    struct ClosureDayBody: Decodable {
        var date: LocalDate?
        var reason: String?
    }

    /// The bank holidays in use, and the years they cover.
    struct HolidayListResponse: APIResponseBody {
        var division: String
        var coveredFrom: LocalDate?
        var coveredThrough: LocalDate?
        var holidays: [Holiday]

        struct Holiday: Codable {
            var date: LocalDate
            var title: String
        }

        static let sample = Self(
            division: "england-and-wales", coveredFrom: sampleDate, coveredThrough: sampleDate,
            holidays: [Holiday(date: sampleDate, title: "Christmas Day")])
    }

    func presets(req: Request) async throws -> [String: LocalPolicy] { LocalPolicy.presets }

    func organisations(req: Request) async throws -> [OrganisationResponse] {
        try await req.store.organisations().map(OrganisationResponse.init)
    }

    func createOrganisation(req: Request) async throws -> Response {
        let body = try req.body(OrganisationBody.self)
        let presetKey = body.preset ?? "2h-24h"
        guard let preset = LocalPolicy.presets[presetKey] else {
            throw DomainError.invalid("preset", "must be one of: \(LocalPolicy.presets.keys.sorted().joined(separator: ", "))")
        }
        let organisation = try await req.store.createOrganisation(name: body.name ?? "", policy: body.policy ?? preset)
        return try await OrganisationResponse(organisation).created(for: req)
    }

    func organisation(req: Request) async throws -> Response {
        let organisation = try await req.store.organisation(try req.id("organisationID", entity: "organisation"))
        return try await OrganisationResponse(organisation).encodeResponse(for: req).tagged(organisation.version)
    }

    /// Replaces the policy from the version the administrator read (`If-Match`, from GET /organisations/{id}).
    func updatePolicy(req: Request) async throws -> Response {
        let id = try req.id("organisationID", entity: "organisation")
        _ = try await req.store.organisation(id)
        let policy = try req.body(LocalPolicy.self)
        let expected = try req.requiredVersion(of: "organisation", readAt: SitePath.api(.organisation(.value(id))).href)
        let saved = try await req.refusingStale {
            try await req.store.updatePolicy(of: id, to: policy, expectedVersion: expected)
        } current: {
            let now = try await req.store.organisation(id)
            return (OrganisationResponse(now), now.version)
        }
        return try await OrganisationResponse(saved).encodeResponse(for: req).tagged(saved.version)
    }

    func closureDays(req: Request) async throws -> [ClosureDayResponse] {
        let id = try req.id("organisationID", entity: "organisation")
        _ = try await req.store.organisation(id)
        return try await req.store.closureDays(of: id).map(ClosureDayResponse.init)
    }

    func addClosureDay(req: Request) async throws -> Response {
        let id = try req.id("organisationID", entity: "organisation")
        _ = try await req.store.organisation(id)
        let body = try req.body(ClosureDayBody.self)
        return try await ClosureDayResponse(req.store.addClosureDay(to: id, date: body.date, reason: body.reason))
            .created(for: req)
    }

    func slots(req: Request) async throws -> [SlotResponse] {
        let id = try req.id("organisationID", entity: "organisation")
        _ = try await req.store.organisation(id)
        let from = try req.query("from", parse: LocalDate.init(_:), expected: "a date as YYYY-MM-DD")
        let to = try req.query("to", parse: LocalDate.init(_:), expected: "a date as YYYY-MM-DD")
        guard let from else { throw DomainError.invalid("from", "is required as YYYY-MM-DD") }
        let slots = try await req.store.slots(organisationId: id, from: from, through: to ?? from.adding(days: 6))
        // Which meetings are booked is for the organisation's own people (and never administrators).
        var own: UUID?
        if let person = req.principal?.professional { own = try await req.store.organisationId(of: person) }
        return (own == id ? slots : slots.map(\.withoutMeetingIds)).map(SlotResponse.init)
    }

    func createTeam(req: Request) async throws -> Response {
        let id = try req.id("organisationID", entity: "organisation")
        _ = try await req.store.organisation(id)
        return try await TeamResponse(req.store.createTeam(in: id, try req.body(TeamInput.self))).created(for: req)
    }

    func holidays(req: Request) async throws -> HolidayListResponse {
        let list = try await req.store.bankHolidays()
        return HolidayListResponse(
            division: list.division, coveredFrom: list.coveredFrom, coveredThrough: list.coveredThrough,
            holidays: list.holidays.map { .init(date: $0.date, title: $0.title) })
    }

    /// Replaces the bank-holiday list with a document in the published UK shape.
    func importHolidays(req: Request) async throws -> HolidayListResponse {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw BodyError(status: 400, detail: "The request body is empty; send the published bank-holiday JSON.")
        }
        let list: BankHolidayList
        do {
            list = try BankHolidayList.parse(Data(buffer: buffer))
        } catch let error as BankHolidayImportError {
            throw DomainError.invalid("body", error.description)
        }
        try await req.store.importBankHolidays(list)
        return try await holidays(req: req)
    }

    func teams(req: Request) async throws -> [TeamResponse] { try await req.store.teams().map(TeamResponse.init) }

    func team(req: Request) async throws -> TeamResponse {
        TeamResponse(try await req.store.team(try req.id("teamID", entity: "team")))
    }

    func agencies(req: Request) async throws -> [AgencyResponse] { try await req.store.agencies().map(AgencyResponse.init) }

    func createAgency(req: Request) async throws -> Response {
        try await AgencyResponse(req.store.createAgency(try req.body(AgencyInput.self))).created(for: req)
    }

    func agency(req: Request) async throws -> AgencyResponse {
        AgencyResponse(try await req.store.agency(try req.id("agencyID", entity: "agency")))
    }

    func professionals(req: Request) async throws -> [ProfessionalResponse] {
        let role = try req.query("role", parse: ProfessionalRole.init(rawValue:), expected: "one of: \(ProfessionalRole.choices)")
        let teamId = try req.query("teamId", parse: UUID.init(uuidString:), expected: "a team id")
        return try await req.store.professionals(role: role, teamId: teamId).map(ProfessionalResponse.init)
    }

    func createProfessional(req: Request) async throws -> Response {
        try await ProfessionalResponse(req.store.createProfessional(try req.body(ProfessionalInput.self))).created(for: req)
    }

    func professional(req: Request) async throws -> ProfessionalResponse {
        ProfessionalResponse(try await req.store.professional(try req.id("professionalID", entity: "professional")))
    }
}
