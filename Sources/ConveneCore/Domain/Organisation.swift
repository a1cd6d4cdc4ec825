import Foundation

/// A local authority or children's trust, with its own local policy.
public struct Organisation: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var policy: LocalPolicy
    /// Increases with every change, for optimistic locking: the API's ETag and the forms' hidden version.
    public var version: Int

    public init(id: UUID, name: String, policy: LocalPolicy, version: Int = 1) {
        self.id = id
        self.name = name
        self.policy = policy
        self.version = version
    }
}

/// A children's social care team in a locality.
public struct Team: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var organisationId: UUID
    public var name: String
    public var locality: String

    public init(id: UUID, organisationId: UUID, name: String, locality: String) {
        self.id = id
        self.organisationId = organisationId
        self.name = name
        self.locality = locality
    }
}

/// The kind of agency, which decides statutory roles such as police and health.
public enum AgencyKind: String, Sendable, Codable, CaseIterable {
    case childrensSocialCare, police, health, education, gp, healthVisitor, midwifery, camhs
    case probation, youthJustice, housing, fostering, residential, sarc, paediatrics
    case adultServices, drugAndAlcohol, earlyHelp, lado, interpreter, other

    /// Police and health must attend every strategy discussion (DOMAIN §2).
    public var isStatutoryPartner: Bool { self == .police || self == .health }
}

/// An organisation that sends professionals to strategy discussions.
public struct Agency: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var kind: AgencyKind

    public init(id: UUID, name: String, kind: AgencyKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// What a professional does in Convene (DOMAIN §2).
public enum ProfessionalRole: String, Sendable, Codable, CaseIterable {
    case socialWorker, teamManager, serviceManager, minuteTaker, partnerProfessional
}

/// A person who takes part in strategy discussions.
public struct Professional: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var role: ProfessionalRole
    /// The job title as the agency writes it ("Detective Sergeant, CAIT").
    public var jobTitle: String
    public var agencyId: UUID
    /// The CSC team for social workers, managers and minute takers.
    public var teamId: UUID?
    /// Empty when they have none (a partner invited by telephone).
    public var email: String
    public var phone: String?

    /// Where messages reach them; nil when they have no email address.
    public var emailAddress: String? { email.isEmpty ? nil : email }

    public init(
        id: UUID, name: String, role: ProfessionalRole, jobTitle: String, agencyId: UUID,
        teamId: UUID?, email: String, phone: String?
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.jobTitle = jobTitle
        self.agencyId = agencyId
        self.teamId = teamId
        self.email = email
        self.phone = phone
    }
}
