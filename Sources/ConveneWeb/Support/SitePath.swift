import Foundation

/// Every HTML page's address, used both to register routes and to build links.
enum SitePath {
    case chooseUser
    case session
    case myWork
    case dashboard
    case cases
    case caseRecord(UUID)
    case newRequest(caseId: UUID)
    case request(UUID)
    case schedule
    case meeting(UUID)
    case minutes(UUID)

    var href: String {
        switch self {
        case .chooseUser: return "/"
        case .session: return "/session"
        case .myWork: return "/my-work"
        case .dashboard: return "/dashboard"
        case .cases: return "/cases"
        case .caseRecord(let id): return "/cases/\(id)"
        case .newRequest(let caseId): return "/cases/\(caseId)/requests/new"
        case .request(let id): return "/requests/\(id)"
        case .schedule: return "/schedule"
        case .meeting(let id): return "/meetings/\(id)"
        case .minutes(let id): return "/meetings/\(id)/minutes"
        }
    }
}
