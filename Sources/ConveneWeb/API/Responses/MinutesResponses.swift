import ConveneCore
import Foundation

/// The chair's permission for someone who was not invited to read the minutes.
struct MinutesShareResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var professionalId: UUID
    var grantedBy: UUID
    var reason: String
    var grantedAt: Date
    var revokedAt: Date?
    var revokedBy: UUID?

    static let sample = Self(
        id: UUID(), meetingId: UUID(), professionalId: UUID(), grantedBy: UUID(), reason: "Covering the duty rota",
        grantedAt: Date(timeIntervalSince1970: 1_795_000_000), revokedAt: Date(timeIntervalSince1970: 1_795_100_000),
        revokedBy: UUID())
}

extension MinutesShareResponse {
    init(_ share: MinutesShare) {
        self.init(
            id: share.id, meetingId: share.meetingId, professionalId: share.professionalId, grantedBy: share.grantedBy,
            reason: share.reason, grantedAt: share.grantedAt, revokedAt: share.revokedAt, revokedBy: share.revokedBy)
    }
}

/// One entry of the disclosure log: what of the minutes went to whom, why, and when.
struct DisclosureResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var caseId: UUID
    var disclosedBy: UUID
    var disclosedTo: UUID
    var what: String
    var why: String
    var at: Date

    static let sample = Self(
        id: UUID(), meetingId: UUID(), caseId: UUID(), disclosedBy: UUID(), disclosedTo: UUID(), what: "Minutes version 2",
        why: "Covering the duty rota", at: Date(timeIntervalSince1970: 1_795_000_000))
}

extension DisclosureResponse {
    init(_ disclosure: Disclosure) {
        self.init(
            id: disclosure.id, meetingId: disclosure.meetingId, caseId: disclosure.caseId, disclosedBy: disclosure.disclosedBy,
            disclosedTo: disclosure.disclosedTo, what: disclosure.what, why: disclosure.why, at: disclosure.at)
    }
}

/// A correction sent back on circulated minutes, and what became of it.
struct CorrectionResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var professionalId: UUID
    var text: String
    var receivedAt: Date
    /// Whether it arrived within the corrections window.
    var withinWindow: Bool
    var status: CorrectionStatus
    var appliedInVersion: Int?
    var recordedBy: UUID?

    static let sample = Self(
        id: UUID(), meetingId: UUID(), professionalId: UUID(), text: "The officer sent apologies",
        receivedAt: Date(timeIntervalSince1970: 1_795_000_000), withinWindow: true, status: .applied, appliedInVersion: 2,
        recordedBy: UUID())
}

extension CorrectionResponse {
    init(_ correction: Correction) {
        self.init(
            id: correction.id, meetingId: correction.meetingId, professionalId: correction.professionalId,
            text: correction.text, receivedAt: correction.receivedAt, withinWindow: correction.withinWindow,
            status: correction.status, appliedInVersion: correction.appliedInVersion, recordedBy: correction.recordedBy)
    }
}
