import ConveneCore
import Foundation
import SQLKit

/// An open escalation with where it belongs, for the dashboard.
public struct EscalationItem: Sendable {
    public var escalation: Escalation
    public var caseReference: String
    /// A disagreement's different view.
    public var dissent: Dissent?
}

extension ConveneStore {
    /// Escalates the non-attendance of a statutory partner, or a disagreement, to the case's
    /// service manager, as `person` (the signed-in person), with a reason. At any time after
    /// booking, after the minutes are final too; once per partner or view while it is open.
    public func escalate(_ meetingId: UUID, _ input: EscalationInput, by person: Professional) async throws -> Escalation {
        try input.validate()
        let record = try await meetingRecord(meetingId)
        guard record.meeting.status != .cancelled else { throw DomainError.conflict("the meeting was cancelled") }
        let open = record.escalations.filter(\.isOpen)
        switch input.kind! {
        case .nonAttendance:
            let id = input.professionalId!
            guard let invitation = record.invitations.first(where: { $0.professionalId == id }),
                let partner = record.professional(id), let agency = record.agency(partner.agencyId)
            else { throw DomainError.invalid("professionalId", "only an invitee's non-attendance can be escalated") }
            guard agency.kind.isStatutoryPartner else {
                throw DomainError.invalid(
                    "professionalId",
                    "\(partner.name) is not of a statutory partner (police or health); record their apologies instead")
            }
            guard invitation.attendance == .absent || invitation.attendance == .apologies else {
                throw DomainError.invalid(
                    "professionalId", "\(partner.name) is not recorded as absent; record their attendance first")
            }
            if open.contains(where: { $0.absentProfessionalId == id }) {
                throw DomainError.conflict("\(partner.name)'s non-attendance is already escalated and not yet resolved")
            }
        case .disagreement:
            guard let dissent = record.dissents.first(where: { $0.id == input.dissentId }) else {
                throw DomainError.invalid("dissentId", "no different view of this discussion has this id")
            }
            guard dissent.status != .resolved else { throw DomainError.conflict("this different view is already resolved") }
            if open.contains(where: { $0.dissentId == dissent.id }) {
                throw DomainError.conflict("this different view is already escalated and not yet resolved")
            }
        }
        let escalation = Escalation(
            id: newID(), meetingId: meetingId, caseId: record.caseRecord.id, kind: input.kind!,
            absentProfessionalId: input.kind == .nonAttendance ? input.professionalId : nil,
            dissentId: input.kind == .disagreement ? input.dissentId : nil, escalatedTo: record.caseRecord.serviceManagerId,
            reason: input.reason!, escalatedBy: person.id, escalatedAt: now())
        try await transaction { store in
            try await store.insert(escalation, into: "escalations")
            try await store.notifyAbout(
                record.meeting, escalation.kind == .nonAttendance ? .partnerDidNotAttend : .viewEscalated,
                to: [escalation.escalatedTo])
            if let dissentId = escalation.dissentId {
                _ = try await store.changeVersioned(
                    Dissent.self, in: "dissents", id: dissentId, expected: nil, entity: "different view"
                ) { $0.status = .escalated }
            }
        }
        return escalation
    }

    /// Records how an escalation was resolved, as `person`. Resolving twice is refused (409), so
    /// one resolution never overwrites another. A disagreement's different view is resolved with it.
    public func resolveEscalation(
        _ id: UUID, of meetingId: UUID, _ input: EscalationResolution, by person: Professional
    ) async throws -> Escalation {
        var v = Validator()
        v.require(input.resolution, "resolution")
        v.limit(input.resolution, TextFields.Escalation.resolution)
        try v.throwIfInvalid()
        let found = try await load(Escalation.self, from: "escalations", id: id, entity: "escalation")
        guard found.meetingId == meetingId else { throw DomainError.notFound(entity: "escalation", id: id.uuidString) }
        return try await transaction { store in
            let saved = try await store.changeVersioned(
                Escalation.self, in: "escalations", id: id, expected: found.version, entity: "escalation"
            ) { escalation in
                guard escalation.isOpen else { throw DomainError.conflict("this escalation is already resolved") }
                escalation.resolution = input.resolution
                escalation.resolvedBy = person.id
                escalation.resolvedAt = store.now()
            }
            if let dissentId = saved.dissentId {
                _ = try await store.changeVersioned(
                    Dissent.self, in: "dissents", id: dissentId, expected: nil, entity: "different view"
                ) { dissent in
                    dissent.status = .resolved
                    if dissent.resolution.isBlank { dissent.resolution = input.resolution }
                }
            }
            return saved
        }
    }

    /// Open escalations of one team's cases (or all), oldest first.
    public func openEscalations(teamId: UUID?) async throws -> [EscalationItem] {
        let team: SQLQueryString = teamId.map { "AND c.team_id = \(bind: $0)" } ?? ""
        struct Row: Decodable {
            var id: UUID
            var reference: String
        }
        let rows = try await sql.raw(
            """
            SELECT e.id, c.reference FROM escalations e JOIN cases c ON c.id = e.case_id
            WHERE e.resolved_at IS NULL \(team)
            """
        ).all(decoding: Row.self, with: rowDecoder)
        let references = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.reference) })
        let escalations = try await fetchAll(
            Escalation.self, from: "escalations", where: "id", in: rows.map(\.id), orderBy: "escalated_at")
        let dissents = Dictionary(
            uniqueKeysWithValues: try await fetchAll(
                Dissent.self, from: "dissents", where: "id", in: escalations.compactMap(\.dissentId)
            ).map { ($0.id, $0) })
        return escalations.map {
            EscalationItem(escalation: $0, caseReference: references[$0.id] ?? "", dissent: $0.dissentId.flatMap { dissents[$0] })
        }
    }
}
