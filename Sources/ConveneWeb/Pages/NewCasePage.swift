import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// "Create a case": a social worker or manager opens a case in a team of their own organisation,
/// with its allocated social worker, team manager and service manager.
struct NewCasePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showNewCase, use: show)
        routes.on(.postCases, use: create)
    }

    static let labels = [
        "reference": "Case reference", "teamId": "Team", "socialWorkerId": "Allocated social worker",
        "teamManagerId": "Team manager", "serviceManagerId": "Service manager", "caseType": "Case type",
        "referralDate": "Referral date",
    ]

    struct Form {
        var layout: Layout
        var values: [String: String]
        var teams: [Option]
        var socialWorkers: [Option]
        var teamManagers: [Option]
        var serviceManagers: [Option]
        var caseTypes: [Option]
        var errors: FormErrors
    }

    func show(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let me = try req.actingProfessional()
        // The form starts with the person's own team, and themselves in their own role.
        var values = ["teamId": me.teamId?.uuidString ?? ""]
        switch me.role {
        case .socialWorker: values["socialWorkerId"] = me.id.uuidString
        case .teamManager: values["teamManagerId"] = me.id.uuidString
        case .serviceManager: values["serviceManagerId"] = me.id.uuidString
        default: break
        }
        return try await render(req, user: user, values: values, errors: .none)
    }

    func create(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let fields = try req.form()
        var reader = FormReader(fields, zone: req.zone)
        let input = CaseInput(
            teamId: reader.id("teamId"), reference: reader.text("reference"), caseType: reader.choice("caseType", CaseType.self),
            referralDate: reader.date("referralDate"), socialWorkerId: reader.id("socialWorkerId"),
            teamManagerId: reader.id("teamManagerId"), serviceManagerId: reader.id("serviceManagerId"))
        var problems = reader.problems
        if problems.isEmpty {
            do {
                let created = try await req.store.createCase(input, by: try req.actingProfessional())
                return try await redirect(
                    req, to: .caseRecord(.value(created.id)),
                    notice: "Case \(created.reference) created. Add the children and adults, then start a request")
            } catch DomainError.invalid(let found) {
                problems = found
            }
        }
        return try await render(req, user: user, values: fields, errors: FormErrors(problems, labels: Self.labels))
            .encodeResponse(status: .unprocessableEntity, for: req)
    }

    private func render(_ req: Request, user: CurrentUser, values: [String: String], errors: FormErrors) async throws -> View {
        let teams = try await req.ownTeams()
        let people = try await req.store.professionals(
            roles: [.socialWorker, .teamManager, .serviceManager], inTeams: teams.map(\.id))
        let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        func options(_ role: ProfessionalRole, _ field: String) -> [Option] {
            people.filter { $0.role == role }.map {
                Option(
                    value: $0.id.uuidString, label: "\($0.name) (\($0.teamId.flatMap { teamNames[$0] } ?? ""))",
                    selected: values[field] == $0.id.uuidString)
            }
        }
        let page = Form(
            layout: req.layout("Create a case", user, nav: "cases"), values: values,
            teams: teams.map {
                Option(
                    value: $0.id.uuidString, label: "\($0.name) (\($0.locality))", selected: values["teamId"] == $0.id.uuidString)
            },
            socialWorkers: options(.socialWorker, "socialWorkerId"), teamManagers: options(.teamManager, "teamManagerId"),
            serviceManagers: options(.serviceManager, "serviceManagerId"),
            caseTypes: CaseType.allCases.map {
                Option(value: $0.rawValue, label: $0.label, selected: values["caseType"] == $0.rawValue)
            },
            errors: errors)
        return page.view
    }
}
