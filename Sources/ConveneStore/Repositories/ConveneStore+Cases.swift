import ConveneCore
import Foundation
import SQLKit

/// A case with its people, requests, discussions and clocks.
public struct CaseDetail: Sendable, Codable {
    public var caseRecord: Case
    public var team: Team
    public var people: [CasePerson]
    public var requests: [StrategyRequest]
    public var meetings: [Meeting]
    public var decisions: [Decision]
    public var clocks: [Clock]
}

extension ConveneStore {
    /// Creates a case in a team of the creator's own organisation, with that team's social worker
    /// and team manager and a service manager of the organisation. Its reference is unique within
    /// the organisation; a team or reference of another organisation is answered as if it did not
    /// exist, so nothing is learnt across organisations.
    public func createCase(_ input: CaseInput, by creator: Professional) async throws -> Case {
        var policy = LocalPolicy.twoHourTwentyFourHour
        var organisationId: UUID?
        if let teamId = input.teamId {
            let own = try await self.organisationId(of: creator)
            guard let team = try await fetch(Team.self, from: "teams", id: teamId), team.organisationId == own else {
                throw DomainError.invalid("teamId", "no team of your organisation has id \(teamId)")
            }
            organisationId = team.organisationId
            policy = try await organisation(ofTeam: teamId).policy
        }
        try input.validate(today: policy.zone.localDate(of: now()), limits: policy.limits)
        let teamId = input.teamId!
        for (field, id, role) in [
            ("socialWorkerId", input.socialWorkerId, ProfessionalRole.socialWorker),
            ("teamManagerId", input.teamManagerId, .teamManager),
        ] {
            let person = try await professional(id, field: field, roles: [role])
            guard person.teamId == teamId else {
                throw DomainError.invalid(field, "\(person.name) is not a \(role.label.lowercased()) of this team")
            }
        }
        _ = try await professional(
            input.serviceManagerId, field: "serviceManagerId", roles: [.serviceManager], of: organisationId!)
        let reference = input.reference!.trimmingCharacters(in: .whitespaces)
        if try await caseRecord(reference: reference, organisationId: organisationId!) != nil {
            throw DomainError.invalid("reference", "another case of your organisation already has reference \(reference)")
        }
        let record = Case(
            id: newID(), teamId: teamId, reference: reference, caseType: input.caseType!,
            referralDate: input.referralDate, socialWorkerId: input.socialWorkerId!, teamManagerId: input.teamManagerId!,
            serviceManagerId: input.serviceManagerId!, createdAt: now())
        try await changingHistory(of: record.id) { store in
            try await store.insert(record, into: "cases")
            try await store.sql.raw(M016_ReferencesUniqueInOrganisation.fillOrganisation(where: "id = \(bind: record.id)"))
                .run()
        }
        return record
    }

    public func caseRecord(_ id: UUID) async throws -> Case {
        try await load(Case.self, from: "cases", id: id, entity: "case")
    }

    /// Cases, optionally of one team, newest first.
    public func cases(teamId: UUID? = nil) async throws -> [Case] {
        var query = sql.select().column("*").from("cases")
        if let teamId { query = query.where("team_id", .equal, teamId) }
        return try await query.orderBy("created_at", .descending).all(decoding: Case.self, with: rowDecoder)
    }

    /// The cases with these ids (any number: read 10,000 to a query).
    public func cases(ids: some Collection<UUID>) async throws -> [Case] {
        let all = Array(ids)
        var found: [Case] = []
        for start in stride(from: 0, to: all.count, by: 10_000) {
            found += try await fetchAll(
                Case.self, from: "cases", where: "id", in: Array(all[start..<min(start + 10_000, all.count)]))
        }
        return found
    }

    /// The case of one organisation with this reference, ignoring case and surrounding spaces, or nil.
    public func caseRecord(reference: String, organisationId: UUID) async throws -> Case? {
        try await cases(reference: reference, organisationId: organisationId).first
    }

    /// The cases with this reference, ignoring case and surrounding spaces: of one organisation, or
    /// of every organisation (for administrators, who search the audit log of them all).
    public func cases(reference: String, organisationId: UUID? = nil) async throws -> [Case] {
        var query: SQLQueryString = """
            SELECT * FROM cases WHERE LOWER(reference) = LOWER(\(bind: reference.trimmingCharacters(in: .whitespaces)))
            """
        if let organisationId { query = "\(query) AND organisation_id = \(bind: organisationId)" }
        return try await sql.raw(query).all(decoding: Case.self, with: rowDecoder)
    }

    public func addPerson(to caseId: UUID, _ input: PersonInput) async throws -> CasePerson {
        let record = try await caseRecord(caseId)
        let policy = try await organisation(ofTeam: record.teamId).policy
        try input.validate(today: policy.zone.localDate(of: now()), limits: policy.limits)
        let person = input.person(id: newID(), caseId: caseId)
        try await insert(person, into: "case_people")
        return person
    }

    /// One person of one case (a person of another case is not found here).
    public func person(_ id: UUID, of caseId: UUID) async throws -> CasePerson {
        let person = try await load(CasePerson.self, from: "case_people", id: id, entity: "person")
        guard person.caseId == caseId else { throw DomainError.notFound(entity: "person", id: id.uuidString) }
        return person
    }

    /// Replaces a person's details while every request of the case is still a draft, if the person
    /// is still at `expectedVersion` (409 when someone else changed them since).
    public func updatePerson(_ id: UUID, of caseId: UUID, _ input: PersonInput, expectedVersion: Int?) async throws
        -> CasePerson
    {
        _ = try await person(id, of: caseId)
        let policy = try await organisation(ofTeam: try await caseRecord(caseId).teamId).policy
        try input.validate(today: policy.zone.localDate(of: now()), limits: policy.limits)
        return try await transaction { store in
            try await store.checkPeopleCanChange(caseId)
            return try await store.changeVersioned(
                CasePerson.self, in: "case_people", id: id, expected: expectedVersion, entity: "person"
            ) { person in
                person = input.person(id: id, caseId: caseId)
            }
        }
    }

    /// Removes a person added in error while every request of the case is still a draft, if the
    /// person is still at `expectedVersion`.
    public func removePerson(_ id: UUID, of caseId: UUID, expectedVersion: Int?) async throws {
        _ = try await person(id, of: caseId)
        try await transaction { store in
            try await store.checkPeopleCanChange(caseId)
            _ = try await store.advanceVersion(of: "case_people", id: id, expected: expectedVersion, entity: "person")
            try await store.sql.delete(from: "case_people").where("id", .equal, id).run()
        }
    }

    /// The people are the request's family details: once a request is with the team manager (or
    /// approved) they stay as submitted. A returned request is a draft again.
    private func checkPeopleCanChange(_ caseId: UUID) async throws {
        let sent = try await fetchAll(StrategyRequest.self, from: "strategy_requests", where: "case_id", equals: caseId)
            .filter { $0.status != .draft }
        if !sent.isEmpty {
            throw DomainError.conflict(
                "the family details went to the team manager with the request and can no longer be changed or removed; "
                    + "ask the team manager to return the request, or add a person instead")
        }
    }

    public func people(of caseId: UUID) async throws -> [CasePerson] {
        try await fetchAll(CasePerson.self, from: "case_people", where: "case_id", equals: caseId, orderBy: "full_name")
    }

    /// Records assessment, S47 or ICPC milestones, which stop their clocks.
    /// Records the milestones given (the others stay), if the case is still at `expectedVersion`
    /// (409 when someone else changed it since; the API always sends it).
    public func recordMilestones(of caseId: UUID, _ input: MilestonesInput, expectedVersion: Int?) async throws -> Case {
        let first = try await caseRecord(caseId)
        let policy = try await organisation(ofTeam: first.teamId).policy
        try input.validate(today: policy.zone.localDate(of: now()), limits: policy.limits)
        return try await changingHistory(of: caseId) { store in
            try await store.changeVersioned(Case.self, in: "cases", id: caseId, expected: expectedVersion, entity: "case") {
                record in
                if let date = input.assessmentCompletedOn { record.assessmentCompletedOn = date }
                if let date = input.s47CompletedOn { record.s47CompletedOn = date }
                if let date = input.icpcHeldOn { record.icpcHeldOn = date }
            }
        }
    }

    public func caseDetail(_ id: UUID) async throws -> CaseDetail {
        try await caseDetail(of: try await caseRecord(id))
    }

    /// The detail of a case already loaded (the access check of a page loads it). The actions are
    /// not loaded: the detail shows them only as clocks, which are stored.
    public func caseDetail(of record: Case) async throws -> CaseDetail {
        let id = record.id
        let history = try await histories(of: [record], actions: false)[0]
        return CaseDetail(
            caseRecord: record, team: try await team(record.teamId), people: try await people(of: id),
            requests: history.requests, meetings: history.meetings, decisions: history.decisions,
            clocks: try await clocks(ClockFilter(caseId: id, includeStopped: true)))
    }

    /// Loads the clock inputs of many cases with one query per table (the actions only when asked:
    /// their clocks depend on nothing else, so a case's other clocks are worked out without them).
    func histories(of cases: [Case], actions includingActions: Bool = true) async throws -> [CaseHistory] {
        let ids = cases.map(\.id)
        let requests = try await fetchAll(
            StrategyRequest.self, from: "strategy_requests", where: "case_id", in: ids, orderBy: "created_at")
        let meetings = try await fetchAll(Meeting.self, from: "meetings", where: "case_id", in: ids, orderBy: "scheduled_start")
        let decisions = try await fetchAll(Decision.self, from: "decisions", where: "meeting_id", in: meetings.map(\.id))
        let actions =
            includingActions
            ? try await fetchAll(SmartAction.self, from: "smart_actions", where: "case_id", in: ids, orderBy: "due_at") : []
        let meetingCase = Dictionary(uniqueKeysWithValues: meetings.map { ($0.id, $0.caseId) })
        let requestsByCase = Dictionary(grouping: requests, by: \.caseId)
        let meetingsByCase = Dictionary(grouping: meetings, by: \.caseId)
        let decisionsByCase = Dictionary(grouping: decisions) { meetingCase[$0.meetingId]! }
        let actionsByCase = Dictionary(grouping: actions, by: \.caseId)
        return cases.map { c in
            CaseHistory(
                caseRecord: c, requests: requestsByCase[c.id] ?? [], meetings: meetingsByCase[c.id] ?? [],
                decisions: decisionsByCase[c.id] ?? [], actions: actionsByCase[c.id] ?? [])
        }
    }
}

/// A case's children and stage, for the cases list.
public struct CaseSummary: Sendable {
    public var children: [String]
    public var stage: CaseStage
}

extension ConveneStore {
    /// The children (by name) and the stage of each of these cases, in three queries for them all.
    public func caseSummaries(_ ids: [UUID]) async throws -> [UUID: CaseSummary] {
        let people = try await fetchAll(CasePerson.self, from: "case_people", where: "case_id", in: ids, orderBy: "full_name")
        let requests = try await fetchAll(StrategyRequest.self, from: "strategy_requests", where: "case_id", in: ids)
        let meetings = try await fetchAll(Meeting.self, from: "meetings", where: "case_id", in: ids)
            .filter { $0.status != .cancelled }
        var result: [UUID: CaseSummary] = [:]
        for id in ids {
            let latest = requests.filter { $0.caseId == id }.max { $0.createdAt < $1.createdAt }
            let meeting = meetings.filter { $0.requestId == latest?.id }.max { $0.scheduledStart < $1.scheduledStart }
            result[id] = CaseSummary(
                children: people.filter { $0.caseId == id && $0.role == .child }.map(\.fullName),
                stage: .of(latest: latest, meeting: meeting))
        }
        return result
    }
}
