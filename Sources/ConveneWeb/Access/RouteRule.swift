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
    /// Case data named in the path: the record is resolved to its case and `AccessPolicy` decides.
    case record(CaseAction, TargetKind, parameter: String)

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

/// Every route's rule. A route missing from this table is refused at startup, so a new route
/// cannot ship without a decision about who may use it.
enum RouteRules {
    static let csc = AccessRole.childrensSocialCare
    static let everyone = Set(AccessRole.allCases)
    static let caseWorkers = AccessRole.caseWorkers
    static let directoryReaders = AccessRole.childrensSocialCare.union([.administrator])
    static let admin: Set<AccessRole> = [.administrator]
    static let booking: Set<AccessRole> = [.minuteTaker, .teamManager, .serviceManager]
    /// Who opens a case: the social worker, their team manager, or the service manager.
    static let caseCreators: Set<AccessRole> = [.socialWorker, .teamManager, .serviceManager]

    static let table: [String: RouteRule] = {
        var t: [String: RouteRule] = [:]
        // Service
        t["GET /health"] = .service
        t["GET /ready"] = .service
        t["GET /openapi.json"] = .service
        // Counts by route pattern and status only; keep it behind the proxy with /health and /ready.
        t["GET /metrics"] = .service

        // API: tokens and directory
        t["GET /api/v1/tokens"] = .roles(everyone)
        t["DELETE /api/v1/tokens/:tokenID"] = .roles(everyone, audit: .account)
        for path in [
            "policies/presets", "organisations", "organisations/:organisationID", "organisations/:organisationID/closure-days",
            "organisations/:organisationID/slots", "holidays", "teams", "teams/:teamID", "agencies", "agencies/:agencyID",
            "professionals", "professionals/:professionalID",
        ] {
            t["GET /api/v1/\(path)"] = .roles(directoryReaders)
        }
        for route in [
            "POST organisations", "PUT organisations/:organisationID/policy", "POST organisations/:organisationID/closure-days",
            "POST organisations/:organisationID/teams", "PUT holidays", "POST agencies", "POST professionals",
        ] {
            let parts = route.split(separator: " ")
            t["\(parts[0]) /api/v1/\(parts[1])"] = .roles(admin, audit: .account)
        }

        // API: cases, requests, meetings, record, minutes, clocks
        t["GET /api/v1/cases"] = .roles(caseWorkers, audit: .read)
        t["POST /api/v1/cases/search"] = .roles(csc, audit: .read)
        t["POST /api/v1/cases"] = .roles(caseCreators, audit: .change)
        t["GET /api/v1/cases/:caseID"] = .record(.viewCase, .caseRecord, parameter: "caseID")
        t["GET /api/v1/cases/:caseID/people"] = .record(.viewCase, .caseRecord, parameter: "caseID")
        t["POST /api/v1/cases/:caseID/people"] = .record(.editCase, .caseRecord, parameter: "caseID")
        t["GET /api/v1/cases/:caseID/people/:personID"] = .record(.viewCase, .caseRecord, parameter: "caseID")
        t["PUT /api/v1/cases/:caseID/people/:personID"] = .record(.editCase, .caseRecord, parameter: "caseID")
        t["DELETE /api/v1/cases/:caseID/people/:personID"] = .record(.editCase, .caseRecord, parameter: "caseID")
        t["PUT /api/v1/cases/:caseID/milestones"] = .record(.editCase, .caseRecord, parameter: "caseID")
        t["GET /api/v1/cases/:caseID/clocks"] = .record(.viewCase, .caseRecord, parameter: "caseID")
        t["GET /api/v1/clocks"] = .roles(caseWorkers, audit: .read)
        t["POST /api/v1/cases/:caseID/requests"] = .record(.draftRequest, .caseRecord, parameter: "caseID")
        t["GET /api/v1/requests"] = .roles(caseWorkers, audit: .read)
        t["GET /api/v1/requests/:requestID"] = .record(.viewRequest, .request, parameter: "requestID")
        t["PUT /api/v1/requests/:requestID"] = .record(.editRequest, .request, parameter: "requestID")
        t["PATCH /api/v1/requests/:requestID"] = .record(.editRequest, .request, parameter: "requestID")
        t["POST /api/v1/requests/:requestID/submit"] = .record(.submitRequest, .request, parameter: "requestID")
        t["POST /api/v1/requests/:requestID/approve"] = .record(.decideRequest, .request, parameter: "requestID")
        t["POST /api/v1/requests/:requestID/return"] = .record(.decideRequest, .request, parameter: "requestID")
        t["POST /api/v1/meetings"] = .roles(booking, audit: .change)
        t["GET /api/v1/meetings"] = .roles(caseWorkers, audit: .read)
        t["GET /api/v1/meetings/:meetingID"] = .record(.viewMeeting, .meeting, parameter: "meetingID")
        t["GET /api/v1/meetings/:meetingID/quorum"] = .record(.viewMeeting, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/move"] = .record(.rearrangeMeeting, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/cancel"] = .record(.rearrangeMeeting, .meeting, parameter: "meetingID")
        for decision in ["approve", "decline", "acknowledge"] {
            t["POST /api/v1/meetings/:meetingID/changes/:changeID/\(decision)"] = .record(
                .rearrangeMeeting, .meeting, parameter: "meetingID")
        }
        for route in [
            "POST invitations", "DELETE invitations/:inviteeID", "PUT attendance/:professionalID", "PATCH record",
            "POST contributions", "PUT decisions/:kind",
            "POST dissents", "POST actions",
        ] {
            let parts = route.split(separator: " ")
            t["\(parts[0]) /api/v1/meetings/:meetingID/\(parts[1])"] = .record(.editRecord, .meeting, parameter: "meetingID")
        }
        t["PUT /api/v1/meetings/:meetingID/released-people"] = .record(.releaseFamilyDetails, .meeting, parameter: "meetingID")
        t["POST /api/v1/decisions/:decisionID/review"] = .record(.reviewDecision, .decision, parameter: "decisionID")
        t["PATCH /api/v1/dissents/:dissentID"] = .record(.resolveDissent, .dissent, parameter: "dissentID")
        t["POST /api/v1/meetings/:meetingID/escalations"] = .record(.escalate, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/escalations/:escalationID/resolve"] = .record(
            .resolveEscalation, .meeting, parameter: "meetingID")
        t["GET /api/v1/actions"] = .roles(caseWorkers, audit: .read)
        t["GET /api/v1/actions/:actionID"] = .record(.viewAction, .action, parameter: "actionID")
        t["GET /api/v1/actions/:actionID/history"] = .record(.viewAction, .action, parameter: "actionID")
        t["PATCH /api/v1/actions/:actionID"] = .record(.updateAction, .action, parameter: "actionID")
        t["GET /api/v1/meetings/:meetingID/minutes"] = .record(.viewMinutes, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/minutes/finalise"] = .record(.finaliseMinutes, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/minutes/circulate"] = .record(.circulateMinutes, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/minutes/corrections"] = .record(.correctMinutes, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/minutes/amendments"] = .record(.amendMinutes, .meeting, parameter: "meetingID")
        t["GET /api/v1/meetings/:meetingID/minutes/shares"] = .record(.viewDisclosures, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/minutes/shares"] = .record(.shareMinutes, .meeting, parameter: "meetingID")
        t["POST /api/v1/meetings/:meetingID/minutes/shares/:shareID/revoke"] = .record(
            .shareMinutes, .meeting, parameter: "meetingID")
        t["GET /api/v1/meetings/:meetingID/minutes/disclosures"] = .record(.viewDisclosures, .meeting, parameter: "meetingID")

        // Pages: signing in, your account, administration, emergency access
        t["GET /"] = .open
        t["POST /sign-in"] = .open
        t["POST /sign-out"] = .roles(everyone, audit: .signOut)
        t["GET /account"] = .roles(everyone)
        t["POST /account/tokens"] = .roles(everyone, audit: .account)
        t["POST /account/tokens/:tokenID/revoke"] = .roles(everyone, audit: .account)
        t["POST /account/sign-out-everywhere"] = .roles(everyone, audit: .signOut)
        t["GET /admin/audit"] = .roles(admin)
        t["GET /admin/accounts"] = .roles(admin)
        t["POST /admin/accounts/:accountID/disable"] = .roles(admin, audit: .account)
        t["POST /admin/accounts/:accountID/enable"] = .roles(admin, audit: .account)
        t["GET /admin/outbox"] = .roles(admin)
        t["POST /admin/outbox/:messageID/retry"] = .roles(admin, audit: .change)
        t["GET /break-glass"] = .roles(csc)
        t["POST /break-glass"] = .roles(csc, audit: .change)
        t["POST /break-glass/:grantID/acknowledge"] = .roles([.serviceManager], audit: .change)

        // Pages: work
        t["GET /my-work"] = .roles(caseWorkers, audit: .read)
        t["POST /my-work/reminders"] = .roles(caseWorkers, audit: .account)
        t["GET /dashboard"] = .roles(csc, audit: .read)
        t["GET /cases"] = .roles(csc, audit: .read)
        // Searching is a read, posted so that no name reaches an address: its rows name each case shown.
        t["POST /cases/search"] = .roles(csc, audit: .read)
        t["GET /cases/new"] = .roles(caseCreators)
        t["POST /cases"] = .roles(caseCreators, audit: .change)
        t["GET /cases/:caseID"] = .record(.viewCase, .caseRecord, parameter: "caseID")
        t["POST /cases/:caseID/people"] = .record(.editCase, .caseRecord, parameter: "caseID")
        t["GET /cases/:caseID/people/:personID"] = .record(.editCase, .caseRecord, parameter: "caseID")
        t["POST /cases/:caseID/people/:personID"] = .record(.editCase, .caseRecord, parameter: "caseID")
        t["POST /cases/:caseID/people/:personID/remove"] = .record(.editCase, .caseRecord, parameter: "caseID")
        t["GET /cases/:caseID/requests/new"] = .record(.draftRequest, .caseRecord, parameter: "caseID")
        t["POST /cases/:caseID/requests"] = .record(.draftRequest, .caseRecord, parameter: "caseID")
        t["GET /requests/:requestID"] = .record(.viewRequest, .request, parameter: "requestID")
        t["POST /requests/:requestID"] = .record(.editRequest, .request, parameter: "requestID")
        t["POST /requests/:requestID/approve"] = .record(.decideRequest, .request, parameter: "requestID")
        t["POST /requests/:requestID/return"] = .record(.decideRequest, .request, parameter: "requestID")
        t["GET /schedule"] = .roles(booking, audit: .read)
        t["POST /schedule/bookings"] = .roles(booking, audit: .change)
        t["GET /meetings/:meetingID"] = .record(.viewMeeting, .meeting, parameter: "meetingID")
        for path in [
            "attendance", "invitations", "sections/:section", "contributions", "decisions/:kind", "dissents", "actions",
        ] {
            t["POST /meetings/:meetingID/\(path)"] = .record(.editRecord, .meeting, parameter: "meetingID")
        }
        t["POST /meetings/:meetingID/invitations/:inviteeID/withdraw"] = .record(
            .editRecord, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/escalations"] = .record(.escalate, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/escalations/:escalationID/resolve"] = .record(
            .resolveEscalation, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/record"] = .record(.editRecord, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/released-people"] = .record(.releaseFamilyDetails, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/actions/:actionID"] = .record(.updateAction, .action, parameter: "actionID")
        t["POST /meetings/:meetingID/move"] = .record(.rearrangeMeeting, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/cancel"] = .record(.rearrangeMeeting, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/changes/:changeID/:decision"] = .record(
            .rearrangeMeeting, .meeting, parameter: "meetingID")
        t["GET /meetings/:meetingID/minutes"] = .record(.viewMinutes, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/minutes/finalise"] = .record(.finaliseMinutes, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/minutes/circulate"] = .record(.circulateMinutes, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/minutes/corrections"] = .record(.correctMinutes, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/minutes/amendments"] = .record(.amendMinutes, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/minutes/shares"] = .record(.shareMinutes, .meeting, parameter: "meetingID")
        t["POST /meetings/:meetingID/minutes/shares/:shareID/revoke"] = .record(.shareMinutes, .meeting, parameter: "meetingID")
        return t
    }()

    /// Registered routes with no rule; startup refuses to go on when there are any.
    static func unruled(_ routes: [Route]) -> [String] {
        routes.map(routeKey).filter { table[$0] == nil }.sorted()
    }
}
