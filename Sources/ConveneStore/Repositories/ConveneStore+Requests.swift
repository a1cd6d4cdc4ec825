import ConveneCore
import Foundation
import SQLKit

/// A request with the professionals it asks to invite.
public struct RequestDetail: Sendable, Codable {
    public var request: StrategyRequest
    public var inviteeIds: [UUID]
}

/// Which requests a list holds: those one professional may see, in one state or all, a page at a time.
public struct RequestFilter: Sendable {
    public var visibleTo: Professional
    public var status: RequestStatus?
    /// At most `limit` requests after the first `offset`, oldest first; all of them when nil.
    public var limit: Int?
    public var offset: Int

    public init(visibleTo: Professional, status: RequestStatus? = nil, limit: Int? = nil, offset: Int = 0) {
        self.visibleTo = visibleTo
        self.status = status
        self.limit = limit
        self.offset = offset
    }

    func conditions(sees: (Professional) -> SQLQueryString) -> SQLQueryString {
        guard let status else { return sees(visibleTo) }
        return "strategy_requests.status = \(bind: status.rawValue) AND \(sees(visibleTo))"
    }
}

struct RequestInviteeRow: Codable, Sendable {
    var id: UUID
    var requestId: UUID
    var professionalId: UUID
}

extension ConveneStore {
    /// A social worker starts a request as a draft; any field may still be missing.
    public func draftRequest(for caseId: UUID, draftedBy: UUID?, _ form: RequestForm) async throws -> RequestDetail {
        let record = try await caseRecord(caseId)
        _ = try await professional(draftedBy, field: "draftedBy", roles: [.socialWorker, .teamManager])
        let policy = try await organisation(ofTeam: record.teamId).policy
        var request = StrategyRequest(id: newID(), caseId: caseId, draftedBy: draftedBy!, createdAt: now(), updatedAt: now())
        request.apply(form, at: now())
        try await checkDraft(request, form: form, policy: policy)
        let saved = request
        return try await changingHistory(of: caseId) { store in
            try await store.insert(saved, into: "strategy_requests")
            try await store.replaceInvitees(of: saved.id, with: form.inviteeIds ?? [])
            return RequestDetail(request: saved, inviteeIds: form.inviteeIds ?? [])
        }
    }

    /// Replaces every field of a draft request with the form's (a field left out is emptied),
    /// if the request is still at `expectedVersion` (409 when someone else saved it since; the
    /// API and the pages always send it).
    public func updateRequest(_ id: UUID, _ form: RequestForm, expectedVersion: Int?) async throws -> RequestDetail {
        let first = try await load(StrategyRequest.self, from: "strategy_requests", id: id, entity: "request")
        let policy = try await organisation(ofTeam: try await caseRecord(first.caseId).teamId).policy
        return try await changingHistory(of: first.caseId) { store in
            let request = try await store.changeVersioned(
                StrategyRequest.self, in: "strategy_requests", id: id, expected: expectedVersion, entity: "request"
            ) { request in
                guard request.status == .draft else {
                    throw DomainError.conflict("the request is \(request.status.rawValue); only a draft can be edited")
                }
                request.apply(form, at: store.now())
                try await store.checkDraft(request, form: form, policy: policy)
            }
            try await store.replaceInvitees(of: id, with: form.inviteeIds ?? [])
            return RequestDetail(request: request, inviteeIds: form.inviteeIds ?? [])
        }
    }

    public func request(_ id: UUID) async throws -> RequestDetail {
        let request = try await load(StrategyRequest.self, from: "strategy_requests", id: id, entity: "request")
        return RequestDetail(request: request, inviteeIds: try await inviteeIds(of: id))
    }

    /// Requests in one state, oldest first (the team manager's queue).
    public func requests(status: RequestStatus? = nil) async throws -> [StrategyRequest] {
        var query = sql.select().column("*").from("strategy_requests")
        if let status { query = query.where("status", .equal, status.rawValue) }
        return try await query.orderBy("created_at").all(decoding: StrategyRequest.self, with: rowDecoder)
    }

    /// The requests a professional may see in lists (`seesRequest`), in one state or all, oldest
    /// first, a page at a time: chosen, ordered and cut in the database.
    public func requests(_ filter: RequestFilter) async throws -> [StrategyRequest] {
        // The id makes the order total, so that pages neither repeat nor skip a request.
        var query = sql.select().column("*").from("strategy_requests").where(filter.conditions(sees: seesRequest))
            .orderBy("created_at").orderBy("id")
        if let limit = filter.limit { query = query.limit(limit).offset(filter.offset) }
        return try await query.all(decoding: StrategyRequest.self, with: rowDecoder)
    }

    /// How many requests the filter keeps, whatever page it asks for.
    public func requestCount(_ filter: RequestFilter) async throws -> Int {
        try await count(from: "strategy_requests", where: [filter.conditions(sees: seesRequest)])
    }

    /// The approved requests no live meeting has been booked for, of the cases a professional may
    /// book (`bookableRequests`, found from the person's cases), oldest first: the scheduling
    /// board's queue.
    public func requestsAwaitingBooking(by person: Professional) async throws -> [StrategyRequest] {
        try await sql.raw(
            """
            SELECT * FROM strategy_requests WHERE strategy_requests.id IN (\(bookableRequests(of: person)))
            AND NOT EXISTS (SELECT 1 FROM meetings WHERE meetings.request_id = strategy_requests.id
            AND meetings.status <> \(bind: MeetingStatus.cancelled.rawValue))
            ORDER BY created_at, id
            """
        ).all(decoding: StrategyRequest.self, with: rowDecoder)
    }

    /// The social worker submits the request to the team manager. Fails listing every missing field.
    public func submitRequest(_ id: UUID) async throws -> RequestDetail {
        var detail = try await request(id)
        guard detail.request.status == .draft else {
            throw DomainError.conflict("the request is already \(detail.request.status.rawValue)")
        }
        try await checkComplete(detail)
        detail.request.status = .submitted
        detail.request.submittedAt = now()
        detail.request.returnedReason = nil
        detail.request.updatedAt = now()
        try await save(&detail.request, notifying: .requestSubmitted)
        return detail
    }

    /// The team manager approves a submitted request, which can then be booked.
    public func approveRequest(_ id: UUID, by teamManagerId: UUID?) async throws -> RequestDetail {
        var detail = try await request(id)
        _ = try await professional(teamManagerId, field: "teamManagerId", roles: [.teamManager, .serviceManager])
        guard detail.request.status == .submitted else {
            throw DomainError.conflict("only a submitted request can be approved; this one is \(detail.request.status.rawValue)")
        }
        try await checkComplete(detail)
        detail.request.status = .approved
        detail.request.approvedBy = teamManagerId
        detail.request.approvedAt = now()
        detail.request.updatedAt = now()
        try await save(&detail.request, notifying: .requestApproved)
        return detail
    }

    /// The team manager sends a submitted request back to the social worker with a reason.
    public func returnRequest(_ id: UUID, by teamManagerId: UUID?, reason: String?) async throws -> RequestDetail {
        var detail = try await request(id)
        _ = try await professional(teamManagerId, field: "teamManagerId", roles: [.teamManager, .serviceManager])
        var v = Validator()
        v.require(reason, "reason")
        v.limit(reason, TextFields.Request.returnReason)
        try v.throwIfInvalid()
        guard detail.request.status == .submitted else {
            throw DomainError.conflict("only a submitted request can be returned; this one is \(detail.request.status.rawValue)")
        }
        detail.request.status = .draft
        detail.request.returnedReason = reason
        detail.request.updatedAt = now()
        try await save(&detail.request, notifying: .requestReturned)
        return detail
    }

    /// Saves a request's own row and its case's clocks, unless another change landed since it was
    /// read (409): a request returned meanwhile is not then approved from the stale read.
    /// Saves the request as read, with the message its new status sends, in one transaction.
    private func save(_ request: inout StrategyRequest, notifying kind: MessageKind? = nil) async throws {
        let read = request
        request = try await changingHistory(of: read.caseId) { store in
            let saved = try await store.saveAsRead(read, in: "strategy_requests", entity: "request")
            if let kind { try await store.notifyRequest(kind, saved) }
            return saved
        }
    }

    // MARK: - Checks

    private func checkDraft(_ request: StrategyRequest, form: RequestForm, policy: LocalPolicy) async throws {
        var problems = RequestRules.fieldProblems(of: request, now: now(), zone: policy.zone, limits: policy.limits)
        if let agreedBy = request.urgencyAgreedBy {
            let caseOrganisation = try await organisation(ofTeam: try await caseRecord(request.caseId).teamId).id
            do {
                _ = try await professional(agreedBy, field: "urgencyAgreedBy", roles: [.serviceManager], of: caseOrganisation)
            } catch let DomainError.invalid(more) {
                problems += more
            }
        }
        let ids = form.inviteeIds ?? []
        if Set(ids).count != ids.count { problems.append(.init(field: "inviteeIds", reason: "must not repeat a professional")) }
        if ids.count > 50 { problems.append(.init(field: "inviteeIds", reason: "must list at most 50 professionals")) }
        let found = Set(try await fetchAll(Professional.self, from: "professionals", where: "id", in: ids).map(\.id))
        for id in ids where !found.contains(id) {
            problems.append(.init(field: "inviteeIds", reason: "no professional has id \(id)"))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }

    private func checkComplete(_ detail: RequestDetail) async throws {
        let record = try await caseRecord(detail.request.caseId)
        let policy = try await organisation(ofTeam: record.teamId).policy
        let invitees = try await fetchAll(Professional.self, from: "professionals", where: "id", in: detail.inviteeIds)
        let agencies = try await fetchAll(Agency.self, from: "agencies", where: "id", in: invitees.map(\.agencyId))
        let problems = RequestRules.problemsBeforeSubmitting(
            detail.request, people: try await people(of: record.id), invitees: invitees, agencies: agencies,
            now: now(), zone: policy.zone, limits: policy.limits)
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }

    func inviteeIds(of requestId: UUID) async throws -> [UUID] {
        try await fetchAll(RequestInviteeRow.self, from: "request_invitees", where: "request_id", equals: requestId)
            .map(\.professionalId)
    }

    private func replaceInvitees(of requestId: UUID, with ids: [UUID]) async throws {
        try await sql.delete(from: "request_invitees").where("request_id", .equal, requestId).run()
        for id in ids {
            try await insert(RequestInviteeRow(id: newID(), requestId: requestId, professionalId: id), into: "request_invitees")
        }
    }
}
