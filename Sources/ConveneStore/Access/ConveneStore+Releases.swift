import ConveneCore
import Foundation
import SQLKit

extension ConveneStore {
    // MARK: - Family details released to a meeting's invitees

    /// The people on the case whose details the chair released to this meeting's invitees.
    public func releasedPersonIds(of meetingId: UUID) async throws -> Set<UUID> {
        Set(
            try await fetchAll(PersonRelease.self, from: "person_releases", where: "meeting_id", equals: meetingId)
                .map(\.personId))
    }

    /// The chair sets which family members' details the invitees see: these, and nobody else.
    /// Each person must be on the meeting's case. Releases that stay keep who released them and when.
    public func releasePeople(_ meetingId: UUID, personIds: [UUID], by chairId: UUID) async throws -> Set<UUID> {
        let meeting = try await load(Meeting.self, from: "meetings", id: meetingId, entity: "meeting")
        guard chairId == meeting.chairId else {
            throw DomainError.conflict("only the chair of the discussion decides which family details are shared")
        }
        let onCase = Set(try await people(of: meeting.caseId).map(\.id))
        var v = Validator()
        for (index, id) in personIds.enumerated() where !onCase.contains(id) {
            v.add("personIds[\(index)]", "no person on this case has id \(id)")
        }
        try v.throwIfInvalid()
        let wanted = Set(personIds)
        return try await transaction { store in
            let current = try await store.fetchAll(
                PersonRelease.self, from: "person_releases", where: "meeting_id", equals: meetingId)
            for release in current where !wanted.contains(release.personId) {
                try await store.sql.delete(from: "person_releases").where("id", .equal, release.id).run()
            }
            let kept = Set(current.map(\.personId))
            for personId in wanted.subtracting(kept) {
                try await store.insert(
                    PersonRelease(
                        id: store.newID(), meetingId: meetingId, personId: personId, releasedBy: chairId,
                        releasedAt: store.now()),
                    into: "person_releases")
            }
            return wanted
        }
    }
}
