import Foundation

/// One titled part of the minutes, such as "Risk analysis" or "SMART actions".
public struct MinutesSection: Sendable, Equatable, Codable {
    public var key: String
    public var heading: String
    public var text: String

    public init(key: String, heading: String, text: String) {
        self.key = key
        self.heading = heading
        self.text = text
    }
}

/// One version of the minutes. Version 1 is what the chair finalised; every
/// amendment adds a version and keeps the ones before it.
public struct MinutesVersion: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var version: Int
    public var sections: [MinutesSection]
    public var createdBy: UUID
    public var createdAt: Date
    /// For an amendment: what was changed and why.
    public var changeSummary: String?
    /// For an amendment: the keys of the sections that changed.
    public var changedSections: [String]

    public init(
        id: UUID, meetingId: UUID, version: Int, sections: [MinutesSection], createdBy: UUID,
        createdAt: Date, changeSummary: String?, changedSections: [String]
    ) {
        self.id = id
        self.meetingId = meetingId
        self.version = version
        self.sections = sections
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.changeSummary = changeSummary
        self.changedSections = changedSections
    }
}

/// The record that minutes were sent to one invitee.
public struct Circulation: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var minutesVersion: Int
    public var professionalId: UUID
    public var sentAt: Date

    public init(id: UUID, meetingId: UUID, minutesVersion: Int, professionalId: UUID, sentAt: Date) {
        self.id = id
        self.meetingId = meetingId
        self.minutesVersion = minutesVersion
        self.professionalId = professionalId
        self.sentAt = sentAt
    }
}

/// Where a correction from an invitee stands.
public enum CorrectionStatus: String, Sendable, Codable, CaseIterable {
    case received, applied, declined
}

/// A correction an invitee sent back after circulation.
public struct Correction: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var meetingId: UUID
    public var professionalId: UUID
    public var text: String
    public var receivedAt: Date
    /// False when it arrived after the corrections window closed; it is kept all the same.
    public var withinWindow: Bool
    public var status: CorrectionStatus
    /// The minutes version that applied it.
    public var appliedInVersion: Int?
    /// The signed-in person who recorded it: the invitee themselves, or the chair or minute taker
    /// recording a correction the invitee sent by return.
    public var recordedBy: UUID?

    public init(
        id: UUID, meetingId: UUID, professionalId: UUID, text: String, receivedAt: Date,
        withinWindow: Bool, status: CorrectionStatus = .received, appliedInVersion: Int? = nil, recordedBy: UUID? = nil
    ) {
        self.id = id
        self.meetingId = meetingId
        self.professionalId = professionalId
        self.text = text
        self.receivedAt = receivedAt
        self.withinWindow = withinWindow
        self.status = status
        self.appliedInVersion = appliedInVersion
        self.recordedBy = recordedBy
    }
}

/// A change to the text of finalised minutes.
public struct MinutesAmendment: Sendable, Equatable, Codable {
    public var amendedBy: UUID?
    public var summary: String?
    /// New text by section key.
    public var sections: [String: String]?
    /// Corrections this amendment applies.
    public var correctionIds: [UUID]?
    /// The sections the chair confirms are to be left empty: without this, an amendment that
    /// empties a section is refused, so a blank form never wipes one by mistake.
    public var emptySections: [String]?

    public init(
        amendedBy: UUID?, summary: String?, sections: [String: String]?, correctionIds: [UUID]? = nil,
        emptySections: [String]? = nil
    ) {
        self.amendedBy = amendedBy
        self.summary = summary
        self.sections = sections
        self.correctionIds = correctionIds
        self.emptySections = emptySections
    }

    /// Builds the next version from `current`, or throws if the change is empty or names
    /// a section the minutes do not have.
    public func apply(to current: MinutesVersion, id: UUID, at now: Date) throws -> MinutesVersion {
        var v = Validator()
        v.check(amendedBy != nil, "amendedBy", "is required")
        v.require(summary, "summary")
        v.limit(summary, TextFields.Minutes.amendmentSummary)
        let changes = sections ?? [:]
        v.check(!changes.isEmpty, "sections", "must change at least one section")
        let known = Set(current.sections.map(\.key))
        for key in changes.keys.sorted() where !known.contains(key) {
            v.add("sections.\(key)", "is not a section of these minutes")
        }
        for (key, text) in changes where text.count > 50_000 {
            v.add("sections.\(key)", "must be at most 50000 characters")
        }
        let confirmedEmpty = Set(emptySections ?? [])
        for (key, text) in changes.sorted(by: { $0.key < $1.key })
        where text.allSatisfy(\.isWhitespace) && !confirmedEmpty.contains(key) {
            v.add(
                "sections.\(key)",
                "would leave the section empty; to remove all its text on purpose, confirm that it should be empty")
        }
        try v.throwIfInvalid()
        var changed: [String] = []
        let newSections = current.sections.map { section -> MinutesSection in
            guard let text = changes[section.key], text != section.text else { return section }
            changed.append(section.key)
            return MinutesSection(key: section.key, heading: section.heading, text: text)
        }
        guard !changed.isEmpty else {
            throw DomainError.invalid("sections", "every section given is the same as the current version")
        }
        return MinutesVersion(
            id: id, meetingId: current.meetingId, version: current.version + 1, sections: newSections,
            createdBy: amendedBy!, createdAt: now, changeSummary: summary, changedSections: changed)
    }
}
