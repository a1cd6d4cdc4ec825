import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// The children, parents and carers, and other relevant people of a case: added from the case page
/// or the request form, and changed or removed while the case's requests are drafts.
struct PersonPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.postCasePeople, use: add)
        routes.on(.showPerson, use: show)
        routes.on(.postPerson, use: update)
        routes.on(.postCasePersonRemove, use: remove)
    }

    /// The form's labels, for messages ("Date of birth: must not be in the future").
    static let labels = [
        "role": "Role", "fullName": "Full name", "dateOfBirth": "Date of birth", "dateOfBirthUnknown": "Date of birth not known",
        "expectedDeliveryDate": "Expected date of delivery", "ethnicity": "Ethnicity", "disability": "Disability",
        "caseNumber": "Case number", "address": "Full address", "relationship": "Relationship",
        "checksRequired": "Checks required", "version": "Someone else's change",
    ]

    /// The person the form describes, and a problem for each field that could not be read.
    static func input(_ fields: [String: String], zone: LocalTimeZone) -> (PersonInput, [FieldProblem]) {
        var reader = FormReader(fields, zone: zone)
        let input = PersonInput(
            role: reader.choice("role", PersonRole.self), fullName: reader.text("fullName"),
            dateOfBirth: reader.date("dateOfBirth"), dateOfBirthUnknown: reader.bool("dateOfBirthUnknown"),
            expectedDeliveryDate: reader.date("expectedDeliveryDate"), ethnicity: reader.text("ethnicity"),
            disability: reader.text("disability"), caseNumber: reader.text("caseNumber"), address: reader.text("address"),
            relationship: reader.text("relationship"), checksRequired: reader.text("checksRequired"))
        return (input, reader.problems)
    }

    /// Where to go after a change: the request form that asked, else the case page's people.
    static func back(_ fields: [String: String], caseId: UUID) -> (SitePath, String?) {
        fields["returnTo"].flatMap(UUID.init(uuidString:)).map { (SitePath.request(.value($0)), "field-children") }
            ?? (.caseRecord(.value(caseId)), "people")
    }

    /// Adds a person. Invalid input shows the case page with the messages and what was typed.
    func add(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let id = try req.id("caseID", entity: "case")
        _ = try await req.accessedCase(id)
        let fields = try req.form()
        var (input, problems) = Self.input(fields, zone: req.zone)
        if problems.isEmpty {
            do {
                let person = try await req.store.addPerson(to: id, input)
                let (path, fragment) = Self.back(fields, caseId: id)
                return try await redirect(req, to: path, notice: "\(person.fullName) added", fragment: fragment)
            } catch DomainError.invalid(let found) {
                problems = found
            }
        }
        return try await CasePages().render(
            req, user: user, id: id, posted: fields,
            errors: FormErrors(problems, labels: Self.labels, anchorPrefix: "person-")
        ).encodeResponse(status: .unprocessableEntity, for: req)
    }

    struct EditPage {
        var layout: Layout
        var caseReference: String
        var caseHref: String
        var name: String
        var personAction: String
        var removeAction: String
        var version: Int
        var returnTo: String?
        var personRoles: [Option]
        var posted: [String: String]
        var errors: FormErrors
    }

    func show(req: Request) async throws -> View {
        let user = try await req.requireUser()
        let caseId = try req.id("caseID", entity: "case")
        let person = try await req.store.person(try req.id("personID", entity: "person"), of: caseId)
        var fields = Self.fields(of: person)
        fields["returnTo"] = req.query[String.self, at: "returnTo"].flatMap(UUID.init(uuidString:))?.uuidString
        return try await render(req, user: user, person: person, fields: fields, errors: .none)
    }

    func update(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let caseId = try req.id("caseID", entity: "case")
        let person = try await req.store.person(try req.id("personID", entity: "person"), of: caseId)
        let fields = try req.form()
        var (input, problems) = Self.input(fields, zone: req.zone)
        let version = fields["version"].flatMap(Int.init)
        if version == nil { problems.append(.init(field: "version", reason: "reload the page and make the change again")) }
        if problems.isEmpty {
            do {
                let saved = try await req.store.updatePerson(person.id, of: caseId, input, expectedVersion: version)
                let (path, fragment) = Self.back(fields, caseId: caseId)
                return try await redirect(req, to: path, notice: "\(saved.fullName)'s details changed", fragment: fragment)
            } catch DomainError.invalid(let found) {
                problems = found
            } catch DomainError.staleVersion {
                problems = [Self.stale]
            } catch DomainError.conflict(let reason) {
                problems = [.init(field: "version", reason: reason)]
            }
        }
        let current = try await req.store.person(person.id, of: caseId)
        return try await render(req, user: user, person: current, fields: fields, errors: Self.errors(problems))
            .encodeResponse(status: .unprocessableEntity, for: req)
    }

    func remove(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        let caseId = try req.id("caseID", entity: "case")
        let person = try await req.store.person(try req.id("personID", entity: "person"), of: caseId)
        let fields = try req.form()
        do {
            try await req.store.removePerson(person.id, of: caseId, expectedVersion: fields["version"].flatMap(Int.init))
            let (path, fragment) = Self.back(fields, caseId: caseId)
            return try await redirect(req, to: path, notice: "\(person.fullName) removed", fragment: fragment)
        } catch DomainError.staleVersion {
            let current = try await req.store.person(person.id, of: caseId)
            return try await render(
                req, user: user, person: current, fields: Self.fields(of: current),
                errors: Self.errors([
                    .init(
                        field: "version",
                        reason:
                            "someone else changed this person after you opened the page. Check the details below, then remove again"
                    )
                ])
            ).encodeResponse(status: .conflict, for: req)
        } catch DomainError.conflict(let reason) {
            return try await render(
                req, user: user, person: person, fields: Self.fields(of: person),
                errors: Self.errors([.init(field: "version", reason: reason)])
            ).encodeResponse(status: .conflict, for: req)
        }
    }

    static let stale = FieldProblem(
        field: "version",
        reason: "someone else changed this person after you opened the page. The details below are what you typed; "
            + "check them against the case page, then save again")

    static func errors(_ problems: [FieldProblem]) -> FormErrors {
        FormErrors(problems, labels: labels, anchorPrefix: "person-")
    }

    /// The form's fields for a person as they are.
    static func fields(of person: CasePerson) -> [String: String] {
        var fields = [
            "role": person.role.rawValue, "fullName": person.fullName, "dateOfBirth": person.dateOfBirth?.description,
            "expectedDeliveryDate": person.expectedDeliveryDate?.description, "ethnicity": person.ethnicity,
            "disability": person.disability, "caseNumber": person.caseNumber, "address": person.address,
            "relationship": person.relationship, "checksRequired": person.checksRequired,
        ].compactMapValues { $0 }
        if person.dateOfBirthUnknown { fields["dateOfBirthUnknown"] = "true" }
        return fields
    }

    private func render(_ req: Request, user: CurrentUser, person: CasePerson, fields: [String: String], errors: FormErrors)
        async throws -> View
    {
        let c = try await req.store.caseRecord(person.caseId)
        let path = SitePath.person(.value(c.id), person: .value(person.id)).href
        let page = EditPage(
            layout: req.layout("Change \(person.fullName)'s details", user, nav: "cases"), caseReference: c.reference,
            caseHref: SitePath.caseRecord(.value(c.id)).href, name: person.fullName, personAction: path,
            removeAction: SitePath.casePersonRemove(.value(c.id), person: .value(person.id)).href,
            version: person.version, returnTo: fields["returnTo"],
            personRoles: PersonRole.allCases.map {
                Option(value: $0.rawValue, label: $0.label, selected: fields["role"] == $0.rawValue)
            },
            posted: fields, errors: errors)
        return page.view
    }
}
