import ConveneCore
import Foundation

/// A child, parent or carer, or other relevant person of a case, as the API answers it.
struct CasePersonResponse: APIResponseBody {
    var id: UUID
    var caseId: UUID
    var role: PersonRole
    var fullName: String
    var dateOfBirth: LocalDate?
    var dateOfBirthUnknown: Bool
    var expectedDeliveryDate: LocalDate?
    var ethnicity: String?
    var disability: String?
    var caseNumber: String?
    var address: String?
    var relationship: String?
    var checksRequired: String?
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        id: UUID(), caseId: UUID(), role: .child, fullName: "Wren Ashdown",
        dateOfBirth: LocalDate(year: 2019, month: 5, day: 14), dateOfBirthUnknown: false,
        expectedDeliveryDate: LocalDate(year: 2027, month: 2, day: 1), ethnicity: "White British", disability: "None known",
        caseNumber: "LCS-1042", address: "1 Heron Court", relationship: "Daughter", checksRequired: "Health records", version: 1)
}

extension CasePersonResponse {
    init(_ person: CasePerson) {
        self.init(
            id: person.id, caseId: person.caseId, role: person.role, fullName: person.fullName, dateOfBirth: person.dateOfBirth,
            dateOfBirthUnknown: person.dateOfBirthUnknown, expectedDeliveryDate: person.expectedDeliveryDate,
            ethnicity: person.ethnicity, disability: person.disability, caseNumber: person.caseNumber, address: person.address,
            relationship: person.relationship, checksRequired: person.checksRequired, version: person.version)
    }
}

/// A case as the API lists it and answers its changes (its page, `GET /cases/{id}`, adds its people,
/// requests, meetings and clocks).
struct CaseResponse: APIResponseBody {
    var id: UUID
    var teamId: UUID
    var reference: String
    var caseType: CaseType
    var referralDate: LocalDate?
    var socialWorkerId: UUID
    var teamManagerId: UUID
    var serviceManagerId: UUID
    var assessmentCompletedOn: LocalDate?
    var s47CompletedOn: LocalDate?
    var icpcHeldOn: LocalDate?
    var createdAt: Date
    /// The ETag's number: it rises with every change.
    var version: Int

    static let sample = Self(
        id: UUID(), teamId: UUID(), reference: "NS-10482", caseType: .newReferral,
        referralDate: LocalDate(year: 2026, month: 11, day: 20), socialWorkerId: UUID(), teamManagerId: UUID(),
        serviceManagerId: UUID(), assessmentCompletedOn: LocalDate(year: 2026, month: 12, day: 1),
        s47CompletedOn: LocalDate(year: 2026, month: 12, day: 2), icpcHeldOn: LocalDate(year: 2026, month: 12, day: 3),
        createdAt: Date(timeIntervalSince1970: 1_795_438_800), version: 1)
}

extension CaseResponse {
    init(_ record: Case) {
        self.init(
            id: record.id, teamId: record.teamId, reference: record.reference, caseType: record.caseType,
            referralDate: record.referralDate, socialWorkerId: record.socialWorkerId, teamManagerId: record.teamManagerId,
            serviceManagerId: record.serviceManagerId, assessmentCompletedOn: record.assessmentCompletedOn,
            s47CompletedOn: record.s47CompletedOn, icpcHeldOn: record.icpcHeldOn, createdAt: record.createdAt,
            version: record.version)
    }
}
