import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// An RFC 9457 problem document.
struct Problem: Content {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var instance: String?
    /// Each invalid field with its reason.
    var errors: [FieldProblem]?
}

/// Turns every error into `application/problem+json`. The one place that maps
/// domain errors to HTTP statuses; internals never reach the client.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            if let redirect = error as? RedirectError { return redirect.response }
            if error is CSRF.Refused { return try await Self.csrfRefused(request) }
            let problem = Self.problem(for: error, path: request.url.path)
            if problem.status == 503 {
                request.application.metrics.count("database_busy", help: "Requests refused because the database was busy")
                // Which wait ran out (the type only: a writer queue, a pool, a lock, a time limit).
                request.logger.warning(
                    "database busy",
                    metadata: [
                        "path": .string(request.route?.description ?? "unrouted"),
                        "error": .string(String(reflecting: type(of: error))),
                    ])
            }
            if problem.status >= 500 && problem.status != 503 {
                // IDs and error types only: never request bodies or personal data.
                request.logger.error(
                    "request failed",
                    metadata: [
                        "path": .string(request.route?.description ?? "unrouted"),
                        "error": .string(String(reflecting: type(of: error))),
                    ])
            }
            if Self.wantsHTML(request) {
                let page = try await Self.errorPage(problem, for: request)
                if problem.status == 503 { page.headers.replaceOrAdd(name: .retryAfter, value: "2") }
                return page
            }
            let response = Response(status: HTTPResponseStatus(statusCode: problem.status))
            if let abort = error as? any AbortError {
                for (name, value) in abort.headers where name.lowercased() != "content-type" {
                    response.headers.replaceOrAdd(name: name, value: value)
                }
            }
            response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json")
            if problem.status == 503 { response.headers.replaceOrAdd(name: .retryAfter, value: "2") }
            var body = try JSONCoding.encoder().encode(problem)
            if let stale = error as? StaleWrite {
                // The record as it is now, beside the problem, so the client can merge and retry.
                let current = try await stale.current()
                var object = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
                object["current"] = try JSONSerialization.jsonObject(with: current.json)
                body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                response.tagged(current.version)
            }
            response.body = .init(data: body)
            return response
        }
    }

    /// Pages get the HTML error page; the API and everything else get problem+json.
    static func wantsHTML(_ request: Request) -> Bool {
        let path = request.url.path
        return !isAPI(request) && ![SitePath.openAPIDocument, .health, .ready].contains { $0.href == path }
    }

    static func isAPI(_ request: Request) -> Bool { request.url.path.hasPrefix("/api/") }

    /// A form without the right CSRF value: nothing was saved; the person reloads and tries again.
    static func csrfRefused(_ request: Request) async throws -> Response {
        let (homeHref, homeText) = home(for: request)
        let page = ErrorPage(
            layout: Layout(title: "This form has expired", user: nil, nav: "", notice: nil),
            heading: "This form has expired",
            detail:
                "Nothing was saved. The form was older than your session or did not come from Convene. Go back, reload the page and try again.",
            homeHref: homeHref, homeText: homeText)
        let view = page.view
        return try await view.encodeResponse(status: .forbidden, for: request)
    }

    struct ErrorPage {
        var layout: Layout
        var heading: String
        var detail: String
        /// Where to go from here: the person's own home page (an administrator's is the audit log).
        var homeHref: String
        var homeText: String
    }

    /// The person's own home page, and its link's words (an administrator's is the audit log).
    static func home(for request: Request) -> (href: String, text: String) {
        guard let role = request.principal?.role else { return (SitePath.signIn.href, "Sign in") }
        return (
            SessionPages.home(for: role).href, role == .administrator ? "Go to the audit log" : "Go to My work"
        )
    }

    static func errorPage(_ problem: Problem, for request: Request) async throws -> Response {
        let heading: String
        switch problem.status {
        case 401: heading = "Sign in to continue"
        case 403: heading = "This cannot be done"
        case 404: heading = "Page not found"
        case 429: heading = "Too many attempts"
        case 503: heading = "The service is busy"
        case 409: heading = "This cannot be done now"
        case 400, 415, 422: heading = "There is a problem with what was sent"
        default: heading = "Sorry, there is a problem with the service"
        }
        let (homeHref, homeText) = home(for: request)
        let page = ErrorPage(
            layout: Layout(title: heading, user: nil, nav: "", notice: nil), heading: heading, detail: problem.detail,
            homeHref: homeHref, homeText: homeText)
        let view = page.view
        return try await view.encodeResponse(status: HTTPResponseStatus(statusCode: problem.status), for: request)
    }

    static func problem(for error: any Error, path: String) -> Problem {
        if StoreContention.isContention(error) {
            return Problem(
                type: "/problems/busy", title: "The service is busy", status: 503,
                detail: "Other changes held the records this request needed for too long. Nothing was saved; try again.",
                instance: path)
        }
        switch error {
        case let domain as DomainError:
            switch domain {
            case .invalid(let problems):
                return Problem(
                    type: "/problems/invalid-input", title: "The input is not valid", status: 422,
                    detail: problems.map(\.description).joined(separator: "; "), instance: path, errors: problems)
            case .notFound:
                return Problem(
                    type: "/problems/not-found", title: "Not found", status: 404, detail: domain.description, instance: path)
            case .conflict:
                return Problem(
                    type: "/problems/conflict", title: "Not allowed in the current state", status: 409,
                    detail: domain.description, instance: path)
            case .staleVersion:
                return Problem(
                    type: "/problems/stale-version", title: "Changed by someone else", status: 409, detail: domain.description,
                    instance: path)
            }
        case let stale as StaleWrite:
            return Problem(
                type: "/problems/stale-version", title: "Changed by someone else", status: 409,
                detail: stale.detail + "; `current` holds it as it is now, and ETag its version", instance: path)
        case let missing as PreconditionRequired:
            return Problem(
                type: "/problems/precondition-required", title: "Precondition Required", status: 428, detail: missing.detail,
                instance: path)
        case let body as BodyError:
            return Problem(
                type: "/problems/invalid-input", title: "The input is not valid", status: body.status, detail: body.detail,
                instance: path, errors: body.problems)
        case let abort as any AbortError:
            let status = Int(abort.status.code)
            // Library errors can be AbortErrors too; their reasons may describe internals.
            let detail =
                status == 404
                ? "There is nothing at this address." : status >= 500 ? "Something went wrong on the server." : abort.reason
            return Problem(type: "about:blank", title: abort.status.reasonPhrase, status: status, detail: detail, instance: path)
        default:
            return Problem(
                type: "/problems/internal", title: "Internal error", status: 500,
                detail: "Something went wrong on the server. Nothing was changed by this request unless it said so.",
                instance: path)
        }
    }
}

/// A page that must send the browser elsewhere (for example, to choose who you are).
struct RedirectError: Error {
    var response: Response
    static func to(_ path: SitePath) -> RedirectError {
        RedirectError(response: redirect(path))
    }
}

/// A request body that could not be read.
struct BodyError: Error {
    var status: Int
    var detail: String
    var problems: [FieldProblem]?
}
