import Foundation

/// What an account may do in Convene: a professional's role, or administrator (DOMAIN §2).
public enum AccessRole: String, Sendable, Codable, CaseIterable {
    case socialWorker, teamManager, serviceManager, minuteTaker, partnerProfessional, administrator

    /// The account role of a professional.
    public init(_ role: ProfessionalRole) {
        switch role {
        case .socialWorker: self = .socialWorker
        case .teamManager: self = .teamManager
        case .serviceManager: self = .serviceManager
        case .minuteTaker: self = .minuteTaker
        case .partnerProfessional: self = .partnerProfessional
        }
    }

    /// Staff of children's social care, who may hold a role in a case and may use break-glass.
    public var isChildrensSocialCare: Bool {
        switch self {
        case .socialWorker, .teamManager, .serviceManager, .minuteTaker: return true
        case .partnerProfessional, .administrator: return false
        }
    }

    /// Every role that works with cases (everyone but the administrator).
    public static let caseWorkers: Set<AccessRole> = [
        .socialWorker, .teamManager, .serviceManager, .minuteTaker, .partnerProfessional,
    ]
    /// Children's social care staff.
    public static let childrensSocialCare: Set<AccessRole> = [.socialWorker, .teamManager, .serviceManager, .minuteTaker]
}

extension AccessRole: Choice {}

/// How a professional stands to one case, meeting or action. Access follows from these, never from role alone.
public enum Relationship: String, Sendable, Codable, CaseIterable {
    /// The case's allocated social worker.
    case allocated
    /// The case's team manager or service manager.
    case managing
    /// Chair of the meeting (or of any meeting of the case, for case records).
    case chairing
    /// Minute taker of the meeting (or of any meeting of the case).
    case minuteTaking
    /// Invited to the meeting (or to any meeting of the case).
    case invited
    /// Business support (minute taker) in the case's team, who books meetings for approved requests.
    case teamSupport
    /// Owner of the SMART action in question.
    case actionOwner
    /// Given the chair's recorded permission to read these minutes.
    case minutesShared
    /// An emergency read recorded with a reason, limited in time and flagged to the service manager.
    case breakGlass
}
