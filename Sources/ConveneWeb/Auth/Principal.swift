import ConveneCore
import ConveneStore
import Fluent
import Foundation
import Vapor

/// Who is making a request, once signed in (a browser session) or authenticated (an API token).
struct Principal: Sendable {
    enum Credential: Sendable {
        case session(SignInSession)
        case token(APIToken)
    }

    var account: Account
    /// The directory entry; nil for an administrator.
    var professional: Professional?
    var credential: Credential

    var role: AccessRole { account.role }
    var session: SignInSession? {
        if case .session(let session) = credential { return session }
        return nil
    }
}

/// The access decision the middleware made for a route that names case data.
struct GrantedAccess: Sendable {
    var target: AccessTarget
    var relationships: Set<Relationship>
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }
    private struct AccessKey: StorageKey { typealias Value = GrantedAccess }
    struct TransactionKey: StorageKey { typealias Value = ConveneStore }

    /// Set by `AccessMiddleware` before any handler that needs a signed-in person runs.
    var principal: Principal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    var grantedAccess: GrantedAccess? {
        get { storage[AccessKey.self] }
        set { storage[AccessKey.self] = newValue }
    }

    /// The case with this id, as the access check loaded it when the route was allowed on it;
    /// loaded again only for another case.
    func accessedCase(_ id: UUID) async throws -> Case {
        if let record = grantedAccess?.target.caseRecord, record.id == id { return record }
        return try await store.caseRecord(id)
    }

    /// The meeting with this id, as the access check loaded it when the route was allowed on it;
    /// loaded again only for another meeting.
    func accessedMeeting(_ id: UUID) async throws -> Meeting {
        if let meeting = grantedAccess?.target.meeting, meeting.id == id { return meeting }
        return try await store.meeting(id)
    }

    /// Everything recorded about the meeting with this id, from the meeting and case the access
    /// check loaded.
    func accessedMeetingRecord(_ id: UUID) async throws -> MeetingRecord {
        guard let target = grantedAccess?.target, let meeting = target.meeting, meeting.id == id else {
            return try await store.meetingRecord(id)
        }
        return try await store.meetingRecord(of: meeting, in: target.caseRecord)
    }

    /// Whether the signed-in person may also do `action` to the record this route was allowed on;
    /// pages use it to show only the forms a person can use.
    func may(_ action: CaseAction) -> Bool {
        guard let principal, let access = grantedAccess else { return false }
        return AccessPolicy.allows(
            action, role: principal.role, relationships: access.relationships, state: access.target.state)
    }

    /// How much of the meeting the route named the signed-in person sees; invitee unless the access
    /// check found them to be of the meeting team.
    var meetingAudience: MeetingAudience {
        guard let principal, let access = grantedAccess else { return .invitee }
        return AccessPolicy.meetingAudience(role: principal.role, relationships: access.relationships)
    }

    /// The signed-in person's account; every non-open route has one.
    func signedIn() throws -> Principal {
        guard let principal else { throw Abort(.unauthorized) }
        return principal
    }

    /// The signed-in professional; administrators have none, so their requests are not found.
    func actingProfessional() throws -> Professional {
        guard let person = try signedIn().professional else {
            throw DomainError.notFound(entity: "page", id: url.path)
        }
        return person
    }

    /// The professional a body names as doing something themselves (approving, finalising): it must
    /// be the signed-in person, and is them when left out. Others cannot act in your name.
    func yourself(_ id: UUID?, field: String) throws -> UUID {
        let me = try actingProfessional()
        if let id, id != me.id {
            throw DomainError.invalid(field, "must be you (\(me.name)), the signed-in professional, or left out")
        }
        return me.id
    }

    /// The professional a record is for, where the guidance has one person record what another
    /// said or sent (a correction sent by return): the signed-in person when the body names nobody,
    /// and someone else only when `forOthers` (the chair and the minute taker). The record keeps
    /// both names: who it is for, and `recordedBy`, the signed-in person.
    func recordedFor(_ id: UUID?, field: String, forOthers: Bool) throws -> UUID {
        let me = try actingProfessional()
        guard let id, id != me.id else { return me.id }
        guard forOthers else {
            throw DomainError.invalid(
                field,
                "must be you (\(me.name)), the signed-in professional, or left out: only the chair and the minute taker record for others"
            )
        }
        return id
    }

    /// Who to write in the audit log for this request.
    var auditActor: AuditActor {
        AuditActor(
            accountId: principal?.account.id, username: principal?.account.username ?? "anonymous",
            role: principal?.role.rawValue ?? "none", address: clientAddress, requestId: id)
    }

    /// The client's address: the connection's, or the proxy's last X-Forwarded-For entry when trusted.
    var clientAddress: String {
        if application.authSettings.trustForwardedFor,
            let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    /// Decides an action on a record named in the body rather than the path (for example the
    /// request a booking is for), as the middleware does for path records. Denied is not found.
    @discardableResult
    func authorize(_ action: CaseAction, _ kind: TargetKind, id: UUID?, field: String) async throws -> AccessTarget {
        let person = try actingProfessional()
        guard let id, let target = try await store.accessTarget(kind, id: id) else {
            throw DomainError.invalid(field, id == nil ? "is required" : "no \(kind.rawValue) has id \(id!)")
        }
        let relationships = try await store.relationships(of: person, to: target)
        guard AccessPolicy.allows(action, role: principal!.role, relationships: relationships, state: target.state) else {
            throw DomainError.invalid(field, "no \(kind.rawValue) has id \(id)")
        }
        return target
    }
}
