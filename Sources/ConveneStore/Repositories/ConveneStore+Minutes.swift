import ConveneCore
import Foundation
import SQLKit

/// The minutes of a discussion: every version, who received them, and corrections.
public struct MinutesDetail: Sendable, Codable {
    public var meetingId: UUID
    public var status: MinutesStatus
    public var finalisedAt: Date?
    public var circulatedAt: Date?
    /// When the corrections window closes, once circulated.
    public var correctionsDueAt: Date?
    public var versions: [MinutesVersion]
    public var circulations: [Circulation]
    public var corrections: [Correction]
}

struct MinutesVersionRow: Codable, Sendable {
    var id: UUID
    var meetingId: UUID
    var version: Int
    var sectionsJson: String
    var createdBy: UUID
    var createdAt: Date
    var changeSummary: String?
    var changedSectionsJson: String

    init(_ v: MinutesVersion) throws {
        id = v.id
        meetingId = v.meetingId
        version = v.version
        sectionsJson = String(decoding: try JSONEncoder().encode(v.sections), as: UTF8.self)
        createdBy = v.createdBy
        createdAt = v.createdAt
        changeSummary = v.changeSummary
        changedSectionsJson = String(decoding: try JSONEncoder().encode(v.changedSections), as: UTF8.self)
    }

    func minutesVersion() throws -> MinutesVersion {
        MinutesVersion(
            id: id, meetingId: meetingId, version: version,
            sections: try JSONDecoder().decode([MinutesSection].self, from: Data(sectionsJson.utf8)),
            createdBy: createdBy, createdAt: createdAt, changeSummary: changeSummary,
            changedSections: try JSONDecoder().decode([String].self, from: Data(changedSectionsJson.utf8)))
    }
}

extension ConveneStore {
    public func minutes(of meetingId: UUID) async throws -> MinutesDetail {
        let meeting = try await load(Meeting.self, from: "meetings", id: meetingId, entity: "meeting")
        let versions = try await fetchAll(
            MinutesVersionRow.self, from: "minutes_versions", where: "meeting_id", equals: meetingId, orderBy: "version"
        )
        .map { try $0.minutesVersion() }
        var correctionsDueAt: Date?
        if let circulated = meeting.circulatedAt {
            let organisation = try await organisation(ofTeam: try await caseRecord(meeting.caseId).teamId)
            correctionsDueAt =
                organisation.policy.correctionsWindow.due(
                    from: circulated, calendar: try await calendar(of: organisation.id), zone: organisation.policy.zone
                ).due
        }
        return MinutesDetail(
            meetingId: meetingId, status: meeting.minutesStatus, finalisedAt: meeting.finalisedAt,
            circulatedAt: meeting.circulatedAt, correctionsDueAt: correctionsDueAt, versions: versions,
            circulations: try await fetchAll(
                Circulation.self, from: "circulations", where: "meeting_id", equals: meetingId, orderBy: "sent_at"),
            corrections: try await fetchAll(
                Correction.self, from: "corrections", where: "meeting_id", equals: meetingId, orderBy: "received_at"))
    }

    /// The chair finalises the minutes: version 1 is written from the record, which is then frozen.
    /// The chair finalises the minutes. A discussion that was not quorate can still be finalised,
    /// but only with the chair's reason, which the minutes then give.
    public func finaliseMinutes(_ meetingId: UUID, by chairId: UUID?, quorumReason: String? = nil) async throws
        -> MinutesDetail
    {
        var record = try await meetingRecord(meetingId)
        let meeting = record.meeting
        _ = try await professional(chairId, field: "by")
        guard meeting.chairId == chairId else { throw DomainError.invalid("by", "only the chair can finalise the minutes") }
        guard meeting.status != .cancelled else { throw DomainError.conflict("the meeting was cancelled") }
        guard meeting.minutesStatus == .draft else {
            throw DomainError.conflict("the minutes are already \(meeting.minutesStatus.rawValue)")
        }
        var problems = record.problemsBeforeFinalising()
        var v = Validator()
        v.limit(quorumReason, TextFields.Minutes.quorumReason)
        if !record.quorum.isQuorate && quorumReason.isBlank {
            v.add(
                "quorumReason",
                "the discussion was not quorate (\(record.quorum.missingInWords) did not take part): give the reason "
                    + "the minutes are finalised without quorum, for example \"urgent decisions with the agencies "
                    + "available; police information obtained in writing\"")
        }
        problems += v.problems
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        record.meeting.quorumReason = record.quorum.isQuorate || quorumReason.isBlank ? nil : quorumReason
        let zone = try await organisation(ofTeam: record.caseRecord.teamId).policy.zone
        let version = MinutesVersion(
            id: newID(), meetingId: meetingId, version: 1, sections: MinutesWriter.sections(for: record, zone: zone),
            createdBy: chairId!, createdAt: now(), changeSummary: nil, changedSections: [])
        var saved = record.meeting
        saved.minutesStatus = .finalised
        saved.finalisedAt = now()
        saved.status = .held
        saved.version += 1
        let final = saved
        try await changingHistory(of: final.caseId) { store in
            try await store.insert(try MinutesVersionRow(version), into: "minutes_versions")
            try await store.update(final, in: "meetings", id: meetingId)
        }
        return try await minutes(of: meetingId)
    }

    /// Records that the latest version went to every invitee by secure means.
    public func circulateMinutes(_ meetingId: UUID, by senderId: UUID?) async throws -> MinutesDetail {
        var meeting = try await load(Meeting.self, from: "meetings", id: meetingId, entity: "meeting")
        _ = try await professional(senderId, field: "by")
        guard senderId == meeting.minuteTakerId || senderId == meeting.chairId else {
            throw DomainError.invalid("by", "only the minute taker or the chair can circulate the minutes")
        }
        guard meeting.minutesStatus == .finalised || meeting.minutesStatus == .amended else {
            throw DomainError.conflict(
                meeting.minutesStatus == .draft
                    ? "the chair must finalise the minutes first" : "the minutes are already circulated")
        }
        let versions = try await fetchAll(
            MinutesVersionRow.self, from: "minutes_versions", where: "meeting_id", equals: meetingId)
        let latest = versions.map(\.version).max() ?? 1
        let invitations = try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meetingId)
        let sentAt = now()
        if meeting.circulatedAt == nil { meeting.circulatedAt = sentAt }
        meeting.minutesStatus = .circulated
        meeting.version += 1
        let saved = meeting
        try await changingHistory(of: saved.caseId) { store in
            for invitation in invitations {
                try await store.insert(
                    Circulation(
                        id: store.newID(), meetingId: meetingId, minutesVersion: latest,
                        professionalId: invitation.professionalId, sentAt: sentAt),
                    into: "circulations")
                try await store.insert(
                    Disclosure(
                        id: store.newID(), meetingId: meetingId, caseId: saved.caseId, disclosedBy: senderId!,
                        disclosedTo: invitation.professionalId, what: "Minutes version \(latest)",
                        why: "Circulation to the people invited", at: sentAt),
                    into: "disclosures")
            }
            try await store.update(saved, in: "meetings", id: meetingId)
            // Each invitee, and each person the chair permitted to read them, is told: the
            // circulation is met when these are queued, and the outbox keeps who was sent what, when.
            let permitted = try await store.minutesShares(meetingId).filter { $0.revokedAt == nil }.map(\.professionalId)
            try await store.notifyMinutesCirculated(saved, to: invitations.map(\.professionalId) + permitted)
        }
        return try await minutes(of: meetingId)
    }

    /// Records a correction from an invitee. One after the window is kept and flagged late.
    /// Records a correction from an invitee, recorded by `recordedBy` (the signed-in person).
    public func addCorrection(to meetingId: UUID, _ input: CorrectionInput, recordedBy: UUID? = nil) async throws
        -> Correction
    {
        let meeting = try await load(Meeting.self, from: "meetings", id: meetingId, entity: "meeting")
        try input.validate(now: now())
        guard meeting.circulatedAt != nil else { throw DomainError.conflict("the minutes have not been circulated yet") }
        let invitations = try await fetchAll(Invitation.self, from: "invitations", where: "meeting_id", equals: meetingId)
        guard invitations.contains(where: { $0.professionalId == input.professionalId }) else {
            throw DomainError.invalid("professionalId", "only an invitee can send corrections")
        }
        let due = try await minutes(of: meetingId).correctionsDueAt!
        if let receivedAt = input.receivedAt, let circulated = meeting.circulatedAt, receivedAt < circulated {
            throw DomainError.invalid("receivedAt", "must not be before the minutes were circulated")
        }
        let received = input.receivedAt ?? now()
        let correction = Correction(
            id: newID(), meetingId: meetingId, professionalId: input.professionalId!, text: input.text!,
            receivedAt: received, withinWindow: received <= due, recordedBy: recordedBy)
        try await transaction { store in
            try await store.insert(correction, into: "corrections")
            try await store.notifyAbout(meeting, .correctionReceived, to: [meeting.chairId])
        }
        return correction
    }

    /// The chair amends circulated or finalised minutes: a new version that keeps the old.
    public func amendMinutes(_ meetingId: UUID, _ amendment: MinutesAmendment) async throws -> MinutesDetail {
        var meeting = try await load(Meeting.self, from: "meetings", id: meetingId, entity: "meeting")
        guard meeting.minutesStatus != .draft else {
            throw DomainError.conflict("draft minutes are changed by editing the record, not by amendment")
        }
        if let by = amendment.amendedBy {
            _ = try await professional(by, field: "amendedBy")
            guard by == meeting.chairId else { throw DomainError.invalid("amendedBy", "only the chair can amend the minutes") }
        }
        let detail = try await minutes(of: meetingId)
        let next = try amendment.apply(to: detail.versions.last!, id: newID(), at: now())
        let correctionIds = amendment.correctionIds ?? []
        for id in correctionIds where !detail.corrections.contains(where: { $0.id == id }) {
            throw DomainError.invalid("correctionIds", "no correction of these minutes has id \(id)")
        }
        meeting.minutesStatus = .amended
        meeting.version += 1
        let saved = meeting
        try await changingHistory(of: saved.caseId) { store in
            try await store.insert(try MinutesVersionRow(next), into: "minutes_versions")
            try await store.update(saved, in: "meetings", id: meetingId)
            for id in correctionIds {
                try await store.sql.update("corrections").set("status", to: CorrectionStatus.applied.rawValue)
                    .set("applied_in_version", to: next.version).where("id", .equal, id).run()
            }
        }
        return try await minutes(of: meetingId)
    }
}
