import ConveneCore
import ConveneStore
import Vapor

/// Who may use a route, and what the audit log records about it.
enum RouteRule: Sendable {
    /// The service's own routes (health, readiness, metrics, the OpenAPI document): no sign-in and
    /// no look at the caller's cookies or tokens at all, so they stay cheap under load.
    case service
    /// No sign-in, but the caller is recognised if signed in: the sign-in page and form.
    case open
    /// Signed-in people with one of these roles; anyone else is told there is nothing here (404).
    /// `audit` is set when the route reads or changes case data without naming one record (lists).
    case roles(Set<AccessRole>, audit: AuditAction? = nil)
    /// Case data named in the path (by `TargetKind.parameter`): the record is resolved to its case
    /// and `AccessPolicy` decides.
    case record(CaseAction, TargetKind)

    /// Roles a rule can ever let in, for the route × role matrix.
    var possibleRoles: Set<AccessRole> {
        switch self {
        case .open, .service: return Set(AccessRole.allCases)
        case .roles(let roles, _): return roles
        case .record: return AccessRole.caseWorkers
        }
    }
}

/// The key of a route: `GET /api/v1/cases/:caseID`.
func routeKey(_ route: Route) -> String {
    "\(route.method.rawValue) /\(route.path.map(\.description).joined(separator: "/"))"
}

/// The groups of people the rules name.
extension Set where Element == AccessRole {
    static var csc: Self { AccessRole.childrensSocialCare }
    static var everyone: Self { Set(AccessRole.allCases) }
    static var caseWorkers: Self { AccessRole.caseWorkers }
    static var directoryReaders: Self { AccessRole.childrensSocialCare.union([.administrator]) }
    static var admin: Self { [.administrator] }
    static var booking: Self { [.minuteTaker, .teamManager, .serviceManager] }
    /// Who opens a case: the social worker, their team manager, or the service manager.
    static var caseCreators: Self { [.socialWorker, .teamManager, .serviceManager] }
}

extension TargetKind {
    /// The path parameter that names a record of this kind.
    var parameter: String {
        switch self {
        case .caseRecord: return "caseID"
        case .request: return "requestID"
        case .meeting: return "meetingID"
        case .action: return "actionID"
        case .decision: return "decisionID"
        case .dissent: return "dissentID"
        }
    }
}

/// Registered routes made without an endpoint (and so without a rule); startup refuses to go
/// on when there are any.
func routesWithoutEndpoint(_ routes: [Route]) -> [String] {
    routes.filter { $0.endpoint == nil }.map(routeKey).sorted()
}
