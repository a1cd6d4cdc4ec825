import Foundation

/// Every HTML page's address, used to register routes and to build links, in pages and in the
/// messages Convene sends.
public enum SitePath: Sendable {
    case signIn
    case signOut
    case account
    case breakGlass
    case auditLog
    case accounts
    case outbox
    case myWork
    case dashboard
    case cases
    case newCase
    case caseRecord(UUID)
    case person(UUID, caseId: UUID)
    case newRequest(caseId: UUID)
    case request(UUID)
    case schedule
    case meeting(UUID)
    case minutes(UUID)

    public var href: String {
        switch self {
        case .signIn: return "/"
        case .signOut: return "/sign-out"
        case .account: return "/account"
        case .breakGlass: return "/break-glass"
        case .auditLog: return "/admin/audit"
        case .accounts: return "/admin/accounts"
        case .outbox: return "/admin/outbox"
        case .myWork: return "/my-work"
        case .dashboard: return "/dashboard"
        case .cases: return "/cases"
        case .newCase: return "/cases/new"
        case .caseRecord(let id): return "/cases/\(id)"
        case .person(let id, let caseId): return "/cases/\(caseId)/people/\(id)"
        case .newRequest(let caseId): return "/cases/\(caseId)/requests/new"
        case .request(let id): return "/requests/\(id)"
        case .schedule: return "/schedule"
        case .meeting(let id): return "/meetings/\(id)"
        case .minutes(let id): return "/meetings/\(id)/minutes"
        }
    }
}
