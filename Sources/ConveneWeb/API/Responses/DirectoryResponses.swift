import ConveneCore
import ConveneStore
import Foundation

/// The directory as the API answers it: organisations, teams, agencies, professionals and
/// closure days.
struct OrganisationResponse: APIResponseBody {
    var id: UUID
    var name: String
    var policy: LocalPolicy
    /// The ETag's number: it rises with every change.
    var version: Int

    init(_ organisation: Organisation) {
        id = organisation.id
        name = organisation.name
        policy = organisation.policy
        version = organisation.version
    }

    static let sample = Self(Organisation(id: UUID(), name: "Northmoor", policy: LocalPolicy.presets.values.first!))
}

struct TeamResponse: APIResponseBody {
    var id: UUID
    var organisationId: UUID
    var name: String
    var locality: String

    init(_ team: Team) {
        id = team.id
        organisationId = team.organisationId
        name = team.name
        locality = team.locality
    }

    static let sample = Self(Team(id: UUID(), organisationId: UUID(), name: "Assessment Team A", locality: "North"))
}

struct AgencyResponse: APIResponseBody {
    var id: UUID
    var name: String
    var kind: AgencyKind

    init(_ agency: Agency) {
        id = agency.id
        name = agency.name
        kind = agency.kind
    }

    static let sample = Self(Agency(id: UUID(), name: "Northmoor Police", kind: .police))
}

struct ProfessionalResponse: APIResponseBody {
    var id: UUID
    var name: String
    var role: ProfessionalRole
    var jobTitle: String
    var agencyId: UUID
    /// The children's social care team, for its staff.
    var teamId: UUID?
    /// Empty when they have none (a partner invited by telephone).
    var email: String
    var phone: String?

    init(_ professional: Professional) {
        id = professional.id
        name = professional.name
        role = professional.role
        jobTitle = professional.jobTitle
        agencyId = professional.agencyId
        teamId = professional.teamId
        email = professional.email
        phone = professional.phone
    }

    static let sample = Self(
        Professional(
            id: UUID(), name: "Aled Brightwater", role: .partnerProfessional, jobTitle: "Detective Sergeant",
            agencyId: UUID(), teamId: UUID(), email: "aled@police.example", phone: "01632 960000"))
}

struct ClosureDayResponse: APIResponseBody {
    var id: UUID
    var organisationId: UUID
    var date: LocalDate
    var reason: String

    static let sample = Self(
        id: UUID(), organisationId: UUID(), date: LocalDate(year: 2026, month: 12, day: 24)!, reason: "Office closed")
}

extension ClosureDayResponse {
    init(_ day: ClosureDay) {
        self.init(id: day.id, organisationId: day.organisationId, date: day.date, reason: day.reason)
    }
}

/// One standard slot and how busy it is; which meetings fill it only for the organisation's own people.
struct SlotResponse: APIResponseBody {
    var start: Date
    var end: Date
    var bookedCount: Int
    var bookedMeetingIds: [UUID]

    static let sample = Self(start: sampleTime, end: sampleTime + 3600, bookedCount: 1, bookedMeetingIds: [UUID()])
}

extension SlotResponse {
    init(_ slot: SlotAvailability) {
        self.init(start: slot.start, end: slot.end, bookedCount: slot.bookedCount, bookedMeetingIds: slot.bookedMeetingIds)
    }
}
