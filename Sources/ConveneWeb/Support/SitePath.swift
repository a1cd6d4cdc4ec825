import Foundation

/// Every HTML page's address, used both to register routes and to build links.
enum SitePath {
    case signIn
    case signOut
    case account
    case breakGlass
    case auditLog
    case accounts
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

    var href: String {
        switch self {
        case .signIn: return "/"
        case .signOut: return "/sign-out"
        case .account: return "/account"
        case .breakGlass: return "/break-glass"
        case .auditLog: return "/admin/audit"
        case .accounts: return "/admin/accounts"
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
