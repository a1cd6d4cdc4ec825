import Foundation

/// A new team.
public struct TeamInput: Sendable, Codable {
    public var name: String?
    public var locality: String?

    public init(name: String? = nil, locality: String? = nil) {
        self.name = name
        self.locality = locality
    }

    public func validate() throws {
        var v = Validator()
        v.require(name, "name")
        v.plainText(name, "name")
        v.limit(name, TextFields.Team.name)
        v.require(locality, "locality")
        v.limit(locality, TextFields.Team.locality)
        try v.throwIfInvalid()
    }
}

/// A new agency.
public struct AgencyInput: Sendable, Codable {
    public var name: String?
    public var kind: AgencyKind?

    public init(name: String? = nil, kind: AgencyKind? = nil) {
        self.name = name
        self.kind = kind
    }

    public func validate() throws {
        var v = Validator()
        v.require(name, "name")
        v.plainText(name, "name")
        v.limit(name, TextFields.Agency.name)
        v.check(kind != nil, "kind", "is required")
        try v.throwIfInvalid()
    }
}

/// A new professional.
public struct ProfessionalInput: Sendable, Codable {
    public var name: String?
    public var role: ProfessionalRole?
    public var jobTitle: String?
    public var agencyId: UUID?
    public var teamId: UUID?
    public var email: String?
    public var phone: String?

    public init(
        name: String? = nil, role: ProfessionalRole? = nil, jobTitle: String? = nil, agencyId: UUID? = nil, teamId: UUID? = nil,
        email: String? = nil, phone: String? = nil
    ) {
        self.name = name
        self.role = role
        self.jobTitle = jobTitle
        self.agencyId = agencyId
        self.teamId = teamId
        self.email = email
        self.phone = phone
    }

    public func validate() throws {
        var v = Validator()
        v.require(name, "name")
        v.plainText(name, "name")
        v.limit(name, TextFields.Professional.name)
        v.oneLine(name, "name")
        v.check(role != nil, "role", "is required")
        v.require(jobTitle, "jobTitle")
        v.plainText(jobTitle, "jobTitle")
        v.limit(jobTitle, TextFields.Professional.jobTitle)
        v.check(agencyId != nil, "agencyId", "is required")
        // A partner professional may have no email address: they are invited by telephone, and
        // the meeting page says they were not notified. Children's social care staff need one.
        if role == .partnerProfessional {
            v.check(
                !email.isBlank || !phone.isBlank, "email",
                "is required unless a telephone number is given (a partner without email is invited by telephone)")
        } else {
            v.require(email, "email")
        }
        if let email, !email.isEmpty { v.emailAddress(email, "email") }
        if let phone, !phone.isEmpty {
            v.check(
                phone.allSatisfy { $0.isNumber || " +()-".contains($0) } && phone.count <= TextFields.Professional.phone.max,
                "phone", "may hold only digits, spaces and + ( ) -")
        }
        if let role, role != .partnerProfessional {
            v.check(teamId != nil, "teamId", "is required for children's social care staff")
        }
        try v.throwIfInvalid()
    }
}

/// A new case.
/// Searching the cases one may see: a reference, a name (any part of it), or a date of birth. It
/// travels in a body, never an address, so that no name reaches browser history or proxy logs.
public struct CaseSearchInput: Sendable, Codable {
    public var q: String?

    public init(q: String? = nil) { self.q = q }

    public func validate() throws {
        var v = Validator()
        v.check(!q.isBlank, "q", "enter a reference, a name or a date of birth")
        v.limit(q, TextFields.CaseSearch.q)
        try v.throwIfInvalid()
    }
}

public struct CaseInput: Sendable, Codable {
    public var teamId: UUID?
    public var reference: String?
    public var caseType: CaseType?
    public var referralDate: LocalDate?
    public var socialWorkerId: UUID?
    public var teamManagerId: UUID?
    public var serviceManagerId: UUID?

    public init(
        teamId: UUID? = nil, reference: String? = nil, caseType: CaseType? = nil, referralDate: LocalDate? = nil,
        socialWorkerId: UUID? = nil, teamManagerId: UUID? = nil, serviceManagerId: UUID? = nil
    ) {
        self.teamId = teamId
        self.reference = reference
        self.caseType = caseType
        self.referralDate = referralDate
        self.socialWorkerId = socialWorkerId
        self.teamManagerId = teamManagerId
        self.serviceManagerId = serviceManagerId
    }

    public func validate(today: LocalDate, limits: DateLimits) throws {
        var v = Validator()
        v.check(teamId != nil, "teamId", "is required")
        v.require(reference, "reference")
        v.plainText(reference, "reference")
        v.limit(reference, TextFields.Case.reference)
        v.check(caseType != nil, "caseType", "is required: newReferral or openCase")
        if let referralDate { v.check(referralDate <= today, "referralDate", "must not be in the future") }
        v.eventDate(referralDate, "referralDate", limits: limits)
        v.check(socialWorkerId != nil, "socialWorkerId", "is required")
        v.check(teamManagerId != nil, "teamManagerId", "is required")
        v.check(serviceManagerId != nil, "serviceManagerId", "is required")
        try v.throwIfInvalid()
    }
}

/// A child, parent or carer, or other relevant person to add to a case.
public struct PersonInput: Sendable, Codable {
    public var role: PersonRole?
    public var fullName: String?
    public var dateOfBirth: LocalDate?
    /// True when the date of birth is not known: the request can then go without it.
    public var dateOfBirthUnknown: Bool?
    /// For an unborn child, instead of a date of birth.
    public var expectedDeliveryDate: LocalDate?
    public var ethnicity: String?
    public var disability: String?
    public var caseNumber: String?
    public var address: String?
    public var relationship: String?
    public var checksRequired: String?

    public init(
        role: PersonRole? = nil, fullName: String? = nil, dateOfBirth: LocalDate? = nil, dateOfBirthUnknown: Bool? = nil,
        expectedDeliveryDate: LocalDate? = nil, ethnicity: String? = nil, disability: String? = nil,
        caseNumber: String? = nil, address: String? = nil, relationship: String? = nil, checksRequired: String? = nil
    ) {
        self.role = role
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.dateOfBirthUnknown = dateOfBirthUnknown
        self.expectedDeliveryDate = expectedDeliveryDate
        self.ethnicity = ethnicity
        self.disability = disability
        self.caseNumber = caseNumber
        self.address = address
        self.relationship = relationship
        self.checksRequired = checksRequired
    }

    public func validate(today: LocalDate, limits: DateLimits) throws {
        var v = Validator()
        v.check(role != nil, "role", "is required: child, parentCarer, otherChild or otherAdult")
        v.require(fullName, "fullName")
        v.plainText(fullName, "fullName")
        v.limit(fullName, TextFields.Person.fullName)
        if let dob = dateOfBirth {
            v.check(dob <= today, "dateOfBirth", "must not be in the future")
            v.check(dob.year >= 1900, "dateOfBirth", "must be in 1900 or later")
            if role?.isChild == true { v.childBirth(dob, "dateOfBirth", today: today, limits: limits) }
            v.check(
                dateOfBirthUnknown != true, "dateOfBirthUnknown",
                "leave \"not known\" unticked when you give the date of birth")
        }
        if let due = expectedDeliveryDate {
            v.check(role?.isChild == true, "expectedDeliveryDate", "applies only to an unborn child")
            v.check(dateOfBirth == nil, "expectedDeliveryDate", "give a date of birth or an expected date of delivery, not both")
            v.check(
                due >= today.adding(days: -31) && due <= today.adding(days: 300), "expectedDeliveryDate",
                "must be between a month ago and 300 days from today; once the baby is born, give the date of birth")
        }
        v.limit(ethnicity, TextFields.Person.ethnicity)
        v.limit(disability, TextFields.Person.disability)
        v.limit(caseNumber, TextFields.Person.caseNumber)
        v.limit(address, TextFields.Person.address)
        v.limit(relationship, TextFields.Person.relationship)
        v.limit(checksRequired, TextFields.Person.checksRequired)
        try v.throwIfInvalid()
    }

    /// A new person on a case from this input (`validate` first).
    public func person(id: UUID, caseId: UUID) -> CasePerson {
        func clean(_ text: String?) -> String? { text.isBlank ? nil : text }
        return CasePerson(
            id: id, caseId: caseId, role: role!, fullName: fullName!, dateOfBirth: dateOfBirth,
            dateOfBirthUnknown: dateOfBirthUnknown ?? false, expectedDeliveryDate: expectedDeliveryDate,
            ethnicity: clean(ethnicity), disability: clean(disability), caseNumber: clean(caseNumber), address: clean(address),
            relationship: clean(relationship), checksRequired: clean(checksRequired))
    }
}

extension PersonInput {
    /// The input that gives a person as they are: the base of a form that changes them.
    public init(_ person: CasePerson) {
        self.init(
            role: person.role, fullName: person.fullName, dateOfBirth: person.dateOfBirth,
            dateOfBirthUnknown: person.dateOfBirthUnknown, expectedDeliveryDate: person.expectedDeliveryDate,
            ethnicity: person.ethnicity, disability: person.disability, caseNumber: person.caseNumber, address: person.address,
            relationship: person.relationship, checksRequired: person.checksRequired)
    }
}

/// Milestones that stop the S47, ICPC and assessment clocks.
public struct MilestonesInput: Sendable, Codable {
    public var assessmentCompletedOn: LocalDate?
    public var s47CompletedOn: LocalDate?
    public var icpcHeldOn: LocalDate?

    public init(assessmentCompletedOn: LocalDate? = nil, s47CompletedOn: LocalDate? = nil, icpcHeldOn: LocalDate? = nil) {
        self.assessmentCompletedOn = assessmentCompletedOn
        self.s47CompletedOn = s47CompletedOn
        self.icpcHeldOn = icpcHeldOn
    }

    public func validate(today: LocalDate, limits: DateLimits) throws {
        var v = Validator()
        v.check(
            assessmentCompletedOn != nil || s47CompletedOn != nil || icpcHeldOn != nil,
            "milestones", "give at least one of assessmentCompletedOn, s47CompletedOn, icpcHeldOn")
        for (field, date) in [
            ("assessmentCompletedOn", assessmentCompletedOn), ("s47CompletedOn", s47CompletedOn), ("icpcHeldOn", icpcHeldOn),
        ] {
            if let date { v.check(date <= today, field, "must not be in the future") }
            v.eventDate(date, field, limits: limits)
        }
        try v.throwIfInvalid()
    }
}
