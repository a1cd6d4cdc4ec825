import ConveneCore
import Foundation
import SQLKit

extension ConveneStore {
    // MARK: - Minutes shared beyond the invitees

    /// Records the chair's permission for a professional outside the invitees and case team to read
    /// the minutes, and logs the disclosure, in one transaction.
    public func shareMinutes(
        _ meetingId: UUID, with professionalId: UUID?, by chairId: UUID, reason: String?
    ) async throws -> MinutesShare {
        let meeting = try await load(Meeting.self, from: "meetings", id: meetingId, entity: "meeting")
        var v = Validator()
        // Every missing field at once, so the form says all that is wrong in one go.
        v.check(professionalId != nil, "professionalId", "is required")
        v.require(reason, "reason")
        v.limit(reason, TextFields.Minutes.shareReason)
        try v.throwIfInvalid()
        let person = try await professional(professionalId, field: "professionalId")
        guard chairId == meeting.chairId else {
            throw DomainError.conflict("only the chair of the discussion can give permission to share its minutes")
        }
        let invited = try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meetingId)
        if invited.contains(where: { $0.professionalId == person.id }) || person.id == meeting.minuteTakerId {
            throw DomainError.invalid("professionalId", "\(person.name) was invited and can already read the minutes")
        }
        if try await minutesShares(meetingId).contains(where: { $0.professionalId == person.id && $0.revokedAt == nil }) {
            throw DomainError.invalid("professionalId", "\(person.name) already has permission")
        }
        let version =
            try await sql.select().column(SQLFunction("MAX", args: SQLIdentifier("version")), as: "v")
            .from("minutes_versions").where("meeting_id", .equal, meetingId).first()
            .flatMap { try? $0.decode(column: "v", as: Int?.self) } ?? nil
        let share = MinutesShare(
            id: newID(), meetingId: meetingId, professionalId: person.id, grantedBy: chairId,
            reason: reason!.trimmingCharacters(in: .whitespacesAndNewlines), grantedAt: now())
        try await transaction { store in
            try await store.insert(share, into: "minutes_shares")
            try await store.insert(
                Disclosure(
                    id: store.newID(), meetingId: meetingId, caseId: meeting.caseId, disclosedBy: chairId,
                    disclosedTo: person.id, what: version.map { "Minutes version \($0)" } ?? "Minutes (not yet finalised)",
                    why: share.reason, at: share.grantedAt),
                into: "disclosures")
        }
        return share
    }

    /// Ends a permission to share. The permission and its disclosure stay on record.
    public func revokeMinutesShare(_ shareId: UUID, of meetingId: UUID, by chairId: UUID) async throws -> MinutesShare {
        guard var share = try await fetch(MinutesShare.self, from: "minutes_shares", id: shareId), share.meetingId == meetingId
        else { throw DomainError.notFound(entity: "permission to share", id: shareId.uuidString) }
        let meeting = try await load(Meeting.self, from: "meetings", id: meetingId, entity: "meeting")
        guard chairId == meeting.chairId else {
            throw DomainError.conflict("only the chair of the discussion can revoke permission to share its minutes")
        }
        guard share.revokedAt == nil else { throw DomainError.conflict("this permission was already revoked") }
        share.revokedAt = now()
        share.revokedBy = chairId
        try await update(share, in: "minutes_shares", id: shareId)
        return share
    }

    public func minutesShares(_ meetingId: UUID) async throws -> [MinutesShare] {
        try await fetchAll(
            MinutesShare.self, from: "minutes_shares", where: "meeting_id", equals: meetingId, orderBy: "granted_at")
    }

    /// The disclosure log of a meeting's minutes, oldest first.
    public func disclosures(_ meetingId: UUID) async throws -> [Disclosure] {
        try await fetchAll(Disclosure.self, from: "disclosures", where: "meeting_id", equals: meetingId, orderBy: "at")
    }

    // MARK: - Break-glass

    /// Grants emergency read access to a case the professional has no role in. The reason is
    /// required and the grant lasts `BreakGlassGrant.duration`; the case's service manager is told.
    public func breakGlass(caseReference: String?, professionalId: UUID, reason: String?) async throws -> BreakGlassGrant {
        var v = Validator()
        v.require(caseReference, "caseReference")
        v.require(reason, "reason")
        let reasonText = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !reasonText.isEmpty && reasonText.count < BreakGlassGrant.minimumReasonLength {
            v.add("reason", "must say why in at least \(BreakGlassGrant.minimumReasonLength) characters")
        }
        v.limit(reason, TextFields.Minutes.shareReason)
        try v.throwIfInvalid()
        let person = try await professional(professionalId)
        guard person.role != .partnerProfessional else {
            throw DomainError.conflict("partner agencies cannot use emergency access; ask the case's team")
        }
        guard let own = try await organisationId(of: person),
            let caseRecord = try await caseRecord(reference: caseReference!, organisationId: own)
        else {
            throw DomainError.invalid("caseReference", "no case has this reference")
        }
        let target = AccessTarget(caseRecord: caseRecord, recordKind: "case", recordId: caseRecord.id, state: AccessState())
        if AccessPolicy.allows(
            .viewCase, role: AccessRole(person.role), relationships: try await relationships(of: person, to: target))
        {
            throw DomainError.invalid("caseReference", "you already have a role in this case; open it from your work")
        }
        let grant = BreakGlassGrant(
            id: newID(), caseId: caseRecord.id, professionalId: person.id, reason: reasonText, grantedAt: now(),
            expiresAt: now().addingTimeInterval(BreakGlassGrant.duration), serviceManagerId: caseRecord.serviceManagerId)
        try await insert(grant, into: "break_glass_grants")
        return grant
    }

    /// The professional's unexpired grant for a case, if any.
    public func activeBreakGlass(caseId: UUID, professionalId: UUID) async throws -> BreakGlassGrant? {
        try await sql.select().column("*").from("break_glass_grants").where("case_id", .equal, caseId)
            .where("professional_id", .equal, professionalId).where("expires_at", .greaterThan, now())
            .first(decoding: BreakGlassGrant.self, with: rowDecoder)
    }

    /// A professional's emergency accesses that are still open (a few at most).
    public func openBreakGlassGrants(professionalId: UUID) async throws -> [BreakGlassGrant] {
        try await sql.select().column("*").from("break_glass_grants").where("professional_id", .equal, professionalId)
            .where("expires_at", .greaterThan, now()).all(decoding: BreakGlassGrant.self, with: rowDecoder)
    }

    /// What was read under an emergency access: the audit log's flagged reads of its case by its
    /// professional while it was open, as each route with how many times, most read first.
    public func readsUnder(_ grant: BreakGlassGrant) async throws -> [(route: String, count: Int)] {
        struct Row: Decodable {
            var route: String
            var reads: Int
        }
        let query: SQLQueryString = """
            SELECT a.route AS route, COUNT(*) AS reads FROM audit_events a JOIN accounts ac ON ac.id = a.account_id
            WHERE ac.professional_id = \(bind: grant.professionalId) AND a.case_id = \(bind: grant.caseId)
            AND a.break_glass = \(bind: true) AND a.action = \(bind: AuditAction.read.rawValue)
            AND a.at >= \(bind: Self.auditTime(grant.grantedAt)) AND a.at <= \(bind: Self.auditTime(grant.expiresAt))
            GROUP BY a.route ORDER BY reads DESC, route
            """
        return try await sql.raw(query).all(decoding: Row.self, with: rowDecoder).map { ($0.route, $0.reads) }
    }

    /// Emergency accesses a service manager has not yet looked at, newest first.
    public func breakGlassAlerts(for serviceManagerId: UUID) async throws -> [BreakGlassGrant] {
        try await sql.select().column("*").from("break_glass_grants")
            .where("service_manager_id", .equal, serviceManagerId).where("acknowledged_at", .is, SQLLiteral.null)
            .orderBy("granted_at", .descending).all(decoding: BreakGlassGrant.self, with: rowDecoder)
    }

    /// The service manager has reviewed an emergency access.
    public func acknowledgeBreakGlass(_ grantId: UUID, by serviceManagerId: UUID) async throws {
        guard let grant = try await fetch(BreakGlassGrant.self, from: "break_glass_grants", id: grantId),
            grant.serviceManagerId == serviceManagerId
        else { throw DomainError.notFound(entity: "emergency access", id: grantId.uuidString) }
        try await sql.update("break_glass_grants").set("acknowledged_at", to: now()).where("id", .equal, grantId).run()
    }
}
