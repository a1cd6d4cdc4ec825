import ConveneCore
import ConveneStore
import Vapor

/// Signs each request in, applies its route's rule, checks the CSRF value of page forms, and writes
/// the audit row: before the handler for a read of a record, after the handler but before the
/// answer leaves for a list (its rows name the cases it showed), in the handler's transaction
/// for a change.
/// Anything refused is "not found", so nobody learns that a record they may not see exists.
struct AccessMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Static files and unknown addresses have no route; FileMiddleware and the 404 handle them.
        // An address that exists for other methods answers 405 naming them.
        guard let route = req.route else {
            let allowed = Self.allowedMethods(req)
            if !allowed.isEmpty { throw Abort(.methodNotAllowed, headers: ["Allow": allowed.joined(separator: ", ")]) }
            return try await next.respond(to: req)
        }
        // A parameter matched a name that is a resource of its own ("/cases/search" is the search,
        // not a case): the method is not one it allows.
        if route.path.contains(where: { if case .parameter = $0 { return true } else { return false } }),
            req.application.namedResources.contains(req.url.path)
        {
            throw Abort(.methodNotAllowed, headers: ["Allow": Self.allowedMethods(req).joined(separator: ", ")])
        }
        guard let endpoint = route.endpoint else { throw Self.notFound(req) }
        let (key, rule) = (endpoint.key, endpoint.rule)
        if case .service = rule { return try await next.respond(to: req) }
        req.principal = try await Authenticator.authenticate(req)

        if case .open = rule {
            if Self.isForm(req) { try await CSRF.checkSignInForm(req) }
            return try await next.respond(to: req)
        }
        guard let principal = req.principal else { throw Self.signInNeeded(req) }
        if Self.isForm(req), let session = principal.session { try await CSRF.check(req, session: session) }

        switch rule {
        case .open, .service:
            return try await next.respond(to: req)
        case .roles(let roles, let audit):
            guard roles.contains(principal.role) else { throw Self.notFound(req) }
            guard let audit else { return try await next.respond(to: req) }
            if audit == .read {
                // A list's rows name the cases it showed, which only the handler knows: they are
                // written once it has answered and before the answer leaves, so no list of case
                // data is sent without them.
                let response = try await next.respond(to: req)
                try await Self.appendReadRows(try await Self.listRows(route: key, req), req)
                return response
            }
            return try await Self.audited(AuditEntry(action: audit, route: key, recordKind: "list"), req, next)
        case .record(let action, let kind):
            guard let person = principal.professional, let text = req.parameters.get(kind.parameter),
                let id = UUID(uuidString: text), let target = try await req.store.accessTarget(kind, id: id)
            else { throw Self.notFound(req) }
            let relationships = try await req.store.relationships(of: person, to: target)
            guard AccessPolicy.allows(action, role: principal.role, relationships: relationships, state: target.state) else {
                _ = try? await req.store.appendAudit(
                    AuditEntry(
                        action: .denied, route: key, recordKind: target.recordKind, recordId: target.recordId,
                        caseId: target.caseId), by: req.auditActor)
                throw Self.notFound(req)
            }
            // Access that rests on break-glass alone is flagged with its reason.
            let breakGlass = AccessPolicy.restsOnBreakGlass(
                action, role: principal.role, relationships: relationships, state: target.state)
            let reason =
                breakGlass ? try await req.store.activeBreakGlass(caseId: target.caseId, professionalId: person.id)?.reason : nil
            req.grantedAccess = GrantedAccess(target: target, relationships: relationships)
            let entry = AuditEntry(
                action: Self.isRead(req) ? .read : .change, route: key, recordKind: target.recordKind, recordId: target.recordId,
                caseId: target.caseId, breakGlass: breakGlass, reason: reason)
            return try await Self.audited(entry, req, next)
        }
    }

    /// The methods the app's routes answer at this request's path (none when the path is unknown).
    /// The methods of the resource at this path: those of the routes that match it most exactly, so
    /// that `/cases/search` is the search (POST), not a case whose id is "search".
    static func allowedMethods(_ req: Request) -> [String] {
        let parts = req.url.path.split(separator: "/")
        var methods: [Int: Set<String>] = [:]
        for route in req.application.routes.all where route.path.count == parts.count {
            var constants = 0
            let matches = zip(route.path, parts).allSatisfy { component, part in
                if case .constant(let text) = component {
                    constants += 1
                    return text == part
                }
                return true
            }
            if matches { methods[constants, default: []].insert(route.method.rawValue) }
        }
        return methods.max { $0.key < $1.key }.map { $0.value.sorted() } ?? []
    }

    static func isRead(_ req: Request) -> Bool { req.method == .GET || req.method == .HEAD }
    static func isForm(_ req: Request) -> Bool { !isRead(req) && !ProblemMiddleware.isAPI(req) }

    /// Appends the audit rows of one read, ahead of the changes waiting, and returns once they are
    /// committed.
    static func appendReadRows(_ entries: [AuditEntry], _ req: Request) async throws {
        let actor = req.auditActor
        try await req.application.groupCommit.appendReads(entries.map { ($0, actor) }, on: req.store)
    }

    /// A read is audited before the data is fetched: if the audit write fails, the request fails and
    /// returns nothing. A read's rows, or a change, each run in their own savepoint
    /// (a change starting with its audit row), in a transaction shared with the writes that
    /// arrived with them (`GroupCommit`); each is answered once that transaction
    /// is committed; if the handler throws, the change and its audit row are rolled back
    /// together. (A page may answer 422 after saving part of a form, such as a draft; that is
    /// kept, with its audit row.)
    static func audited(_ entry: AuditEntry, _ req: Request, _ next: any AsyncResponder) async throws -> Response {
        let actor = req.auditActor
        if entry.action == .read {
            try await appendReadRows([entry], req)
            return try await next.respond(to: req)
        }
        let key = try await Idempotency.key(of: req)
        let accountId = req.principal?.account.id
        return try await req.application.groupCommit.run(on: req.store) { store in
            req.storage[Request.TransactionKey.self] = store
            defer { req.storage[Request.TransactionKey.self] = nil }
            try await store.appendAudit(entry, by: actor)
            guard let key, let accountId else { return try await next.respond(to: req) }
            return try await Idempotency.respond(req, store: store, accountId: accountId, key: key) {
                try await next.respond(to: req)
            }
        }
    }

    static func notFound(_ req: Request) -> DomainError { .notFound(entity: "page", id: req.url.path) }

    /// The API answers 401 with a Bearer challenge; pages go to the sign-in page.
    static func signInNeeded(_ req: Request) -> any Error {
        if ProblemMiddleware.isAPI(req) { return Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"]) }
        // A page read returns there after sign-in (its path holds only ids; any query is dropped).
        let next = req.method == .GET ? returnPath(req.url.path) : nil
        return RedirectError(response: redirect(signIn: .signInToContinue, next: next))
    }
}

extension Application {
    private struct NamedResourcesKey: StorageKey { typealias Value = Set<String> }

    /// The addresses of routes made only of names, no parameters ("/api/v1/cases/search"): set once
    /// at start-up from the routes, read by every request.
    var namedResources: Set<String> {
        get { storage[NamedResourcesKey.self] ?? [] }
        set { storage[NamedResourcesKey.self] = newValue }
    }

    func noteNamedResources() {
        namedResources = Set(
            routes.all.compactMap { route -> String? in
                var names: [String] = []
                for component in route.path {
                    guard case .constant(let name) = component else { return nil }
                    names.append(name)
                }
                return "/" + names.joined(separator: "/")
            })
    }
}
