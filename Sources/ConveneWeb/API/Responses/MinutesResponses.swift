import ConveneCore
import ConveneStore
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

/// One titled part of the minutes, such as "Risk analysis".
struct MinutesSectionResponse: APIResponseBody {
    var key: String
    var heading: String
    var text: String

    static let sample = Self(key: "analysis", heading: "Risk analysis", text: "Bruising seen at school")
}

extension MinutesSectionResponse {
    init(_ section: MinutesSection) {
        self.init(key: section.key, heading: section.heading, text: section.text)
    }
}

/// One version of the minutes: version 1 is what the chair finalised, each later one an amendment.
struct MinutesVersionResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var version: Int
    var sections: [MinutesSectionResponse]
    var createdBy: UUID
    var createdAt: Date
    /// What an amendment changed and why, in the chair's words.
    var changeSummary: String?
    var changedSections: [String]

    static let sample = Self(
        id: UUID(), meetingId: UUID(), version: 2, sections: [.sample], createdBy: UUID(), createdAt: sampleTime,
        changeSummary: "Corrected the school's account", changedSections: ["analysis"])
}

extension MinutesVersionResponse {
    init(_ v: MinutesVersion) {
        self.init(
            id: v.id, meetingId: v.meetingId, version: v.version,
            sections: v.sections.map(MinutesSectionResponse.init),
            createdBy: v.createdBy, createdAt: v.createdAt, changeSummary: v.changeSummary, changedSections: v.changedSections)
    }
}

/// Who was sent which version of the minutes, and when.
struct CirculationResponse: APIResponseBody {
    var id: UUID
    var meetingId: UUID
    var minutesVersion: Int
    var professionalId: UUID
    var sentAt: Date

    static let sample = Self(id: UUID(), meetingId: UUID(), minutesVersion: 1, professionalId: UUID(), sentAt: sampleTime)
}

extension CirculationResponse {
    init(_ c: Circulation) {
        self.init(
            id: c.id, meetingId: c.meetingId, minutesVersion: c.minutesVersion, professionalId: c.professionalId,
            sentAt: c.sentAt)
    }
}

/// The minutes of a discussion: their state, every version, who was sent them, and corrections.
struct MinutesDetailResponse: APIResponseBody {
    var meetingId: UUID
    var status: MinutesStatus
    var finalisedAt: Date?
    var circulatedAt: Date?
    /// When the corrections window closes, once circulated.
    var correctionsDueAt: Date?
    var versions: [MinutesVersionResponse]
    var circulations: [CirculationResponse]
    var corrections: [CorrectionResponse]

    static let sample = Self(
        meetingId: UUID(), status: .finalised, finalisedAt: sampleTime, circulatedAt: sampleTime,
        correctionsDueAt: sampleTime + 5 * 86_400, versions: [.sample], circulations: [.sample], corrections: [.sample])
}

extension MinutesDetailResponse {
    init(_ d: MinutesDetail) {
        self.init(
            meetingId: d.meetingId, status: d.status, finalisedAt: d.finalisedAt, circulatedAt: d.circulatedAt,
            correctionsDueAt: d.correctionsDueAt, versions: d.versions.map(MinutesVersionResponse.init),
            circulations: d.circulations.map(CirculationResponse.init), corrections: d.corrections.map(CorrectionResponse.init))
    }
}
