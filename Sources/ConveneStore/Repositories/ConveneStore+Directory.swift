import ConveneCore
import Foundation
import SQLKit
import Synchronization

/// How an organisation is stored: its policy as JSON.
struct OrganisationRow: Codable, Sendable {
    var id: UUID
    var name: String
    var policyJson: String
    var version: Int

    init(_ organisation: Organisation) throws {
        id = organisation.id
        name = organisation.name
        policyJson = String(decoding: try JSONEncoder().encode(organisation.policy), as: UTF8.self)
        version = organisation.version
    }

    func organisation() throws -> Organisation {
        Organisation(id: id, name: name, policy: try DecodedPolicies.policy(from: policyJson), version: version)
    }
}

/// Policies decoded from their stored JSON, by that exact text. Every change to an action or a
/// meeting reads its organisation's policy, and decoding it cost more than the read. This only
/// remembers what a given text decodes to: the row is still read each time, so a changed policy
/// (a different text) is decoded afresh and a superseded one is never used.
enum DecodedPolicies {
    /// Few texts are ever current at once (one per organisation); past this the memo starts again.
    static let capacity = 16
    private static let known = Mutex<[String: LocalPolicy]>([:])

    static func policy(from json: String) throws -> LocalPolicy {
        if let policy = known.withLock({ $0[json] }) { return policy }
        let policy = try JSONDecoder().decode(LocalPolicy.self, from: Data(json.utf8))
        known.withLock { known in
            if known.count >= capacity { known.removeAll() }
            known[json] = policy
        }
        return policy
    }
}

extension ConveneStore {
    // MARK: - Organisations and policy

    public func createOrganisation(name: String, policy: LocalPolicy) async throws -> Organisation {
        var v = Validator()
        v.require(name, "name")
        v.limit(name, TextFields.Organisation.name)
        try v.throwIfInvalid()
        let problems = policy.validate()
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        let organisation = Organisation(id: newID(), name: name, policy: policy)
        try await insert(try OrganisationRow(organisation), into: "organisations")
        return organisation
    }

    public func organisations() async throws -> [Organisation] {
        try await sql.select().column("*").from("organisations").orderBy("name")
            .all(decoding: OrganisationRow.self, with: rowDecoder).map { try $0.organisation() }
    }

    public func organisation(_ id: UUID) async throws -> Organisation {
        try await load(OrganisationRow.self, from: "organisations", id: id, entity: "organisation").organisation()
    }

    /// Replaces an organisation's local policy.
    /// Replaces the organisation's policy, if it is still at `expectedVersion` (409 when another
    /// administrator changed it since; the API always sends it).
    public func updatePolicy(of id: UUID, to policy: LocalPolicy, expectedVersion: Int?) async throws -> Organisation {
        _ = try await organisation(id)
        let problems = policy.validate()
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return try await transaction { store in
            let version = try await store.advanceVersion(
                of: "organisations", id: id, expected: expectedVersion, entity: "organisation")
            var organisation = try await store.organisation(id)
            organisation.policy = policy
            organisation.version = version
            try await store.update(try OrganisationRow(organisation), in: "organisations", id: id)
            try await store.rebuildClocks(organisationId: id)
            return organisation
        }
    }

    /// The organisation a team belongs to.
    /// The organisation a professional works for, through their team; nil for those in no team
    /// (partner agencies).
    public func organisationId(of person: Professional) async throws -> UUID? {
        guard let team = person.teamId else { return nil }
        return try await organisation(ofTeam: team).id
    }

    public func organisation(ofTeam teamId: UUID) async throws -> Organisation {
        let query: SQLQueryString =
            "SELECT o.* FROM organisations o JOIN teams t ON t.organisation_id = o.id WHERE t.id = \(bind: teamId)"
        guard let row = try await sql.raw(query).first(decoding: OrganisationRow.self, with: rowDecoder) else {
            throw DomainError.notFound(entity: "team", id: teamId.uuidString)
        }
        return try row.organisation()
    }

    // MARK: - Teams, agencies, professionals

    public func createTeam(in organisationId: UUID, _ input: TeamInput) async throws -> Team {
        try input.validate()
        _ = try await organisation(organisationId)
        let team = Team(id: newID(), organisationId: organisationId, name: input.name!, locality: input.locality!)
        try await insert(team, into: "teams")
        return team
    }

    /// Every team, or only one organisation's, by name.
    public func teams(of organisationId: UUID? = nil) async throws -> [Team] {
        var query = sql.select().column("*").from("teams")
        if let organisationId { query = query.where("organisation_id", .equal, organisationId) }
        return try await query.orderBy("name").all(decoding: Team.self, with: rowDecoder)
    }

    public func team(_ id: UUID) async throws -> Team {
        try await load(Team.self, from: "teams", id: id, entity: "team")
    }

    public func createAgency(_ input: AgencyInput) async throws -> Agency {
        try input.validate()
        let agency = Agency(id: newID(), name: input.name!, kind: input.kind!)
        try await insert(agency, into: "agencies")
        return agency
    }

    public func agencies() async throws -> [Agency] {
        try await sql.select().column("*").from("agencies").orderBy("name").all(decoding: Agency.self, with: rowDecoder)
    }

    public func agency(_ id: UUID) async throws -> Agency {
        try await load(Agency.self, from: "agencies", id: id, entity: "agency")
    }

    public func createProfessional(_ input: ProfessionalInput) async throws -> Professional {
        try input.validate()
        guard try await fetch(Agency.self, from: "agencies", id: input.agencyId!) != nil else {
            throw DomainError.invalid("agencyId", "no agency has id \(input.agencyId!)")
        }
        if let teamId = input.teamId, try await fetch(Team.self, from: "teams", id: teamId) == nil {
            throw DomainError.invalid("teamId", "no team has id \(teamId)")
        }
        let person = Professional(
            id: newID(), name: input.name!, role: input.role!, jobTitle: input.jobTitle!, agencyId: input.agencyId!,
            teamId: input.teamId, email: input.email?.trimmingCharacters(in: .whitespaces) ?? "",
            phone: input.phone.isBlank ? nil : input.phone)
        try await insert(person, into: "professionals")
        return person
    }

    /// The professionals of these teams with one of these roles, by name: the choices of a form.
    public func professionals(roles: Set<ProfessionalRole>, inTeams teamIds: [UUID]) async throws -> [Professional] {
        guard !teamIds.isEmpty else { return [] }
        return try await sql.select().column("*").from("professionals")
            .where("team_id", .in, teamIds).where("role", .in, roles.map(\.rawValue).sorted())
            .orderBy("name").all(decoding: Professional.self, with: rowDecoder)
    }

    /// Professionals, optionally only those with one role or in one team.
    public func professionals(role: ProfessionalRole? = nil, teamId: UUID? = nil) async throws -> [Professional] {
        var query = sql.select().column("*").from("professionals")
        if let role { query = query.where("role", .equal, role.rawValue) }
        if let teamId { query = query.where("team_id", .equal, teamId) }
        return try await query.orderBy("name").all(decoding: Professional.self, with: rowDecoder)
    }

    /// Everyone in the directory but these (only those with one of `roles`, or among `only`, when
    /// given), by name, as choices in a form: five columns read one by one, not every
    /// professional's whole record (a form choosing a person lists hundreds).
    public func directoryEntries(
        excluding ids: Set<UUID> = [], roles: Set<ProfessionalRole>? = nil, only: Set<UUID>? = nil
    ) async throws -> [DirectoryEntry] {
        if let only, only.isEmpty { return [] }
        var query = sql.select().columns("id", "name", "job_title", "role", "agency_id").from("professionals")
        if !ids.isEmpty { query = query.where("id", .notIn, Array(ids)) }
        if let roles { query = query.where("role", .in, roles.map(\.rawValue).sorted()) }
        if let only { query = query.where("id", .in, Array(only)) }
        return try await query.orderBy("name").all().map { row in
            let role = try row.decode(column: "role", as: String.self)
            guard let known = ProfessionalRole(rawValue: role) else {
                throw DomainError.conflict("the directory holds an unknown role \(role)")
            }
            return DirectoryEntry(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                jobTitle: try row.decode(column: "job_title", as: String.self), role: known,
                agencyId: try row.decode(column: "agency_id", as: UUID.self))
        }
    }

    /// The names of these professionals, by id (for pages that show a few names).
    public func professionalNames(_ ids: some Collection<UUID>) async throws -> [UUID: String] {
        try await texts("name", from: "professionals", ids: ids)
    }

    public func professional(_ id: UUID) async throws -> Professional {
        try await load(Professional.self, from: "professionals", id: id, entity: "professional")
    }
}

/// A professional as a choice in a form.
public struct DirectoryEntry: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var jobTitle: String
    public var role: ProfessionalRole
    public var agencyId: UUID
}
