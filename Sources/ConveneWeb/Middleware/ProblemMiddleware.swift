import ConveneCore
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
            let problem = Self.problem(for: error, path: request.url.path)
            if problem.status >= 500 {
                // IDs and error types only: never request bodies or personal data.
                request.logger.error(
                    "request failed",
                    metadata: [
                        "path": .string(request.route?.description ?? "unrouted"),
                        "error": .string(String(reflecting: type(of: error))),
                    ])
            }
            let response = Response(status: HTTPResponseStatus(statusCode: problem.status))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json")
            response.body = .init(data: try JSONCoding.encoder().encode(problem))
            return response
        }
    }

    static func problem(for error: any Error, path: String) -> Problem {
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
        case let body as BodyError:
            return Problem(
                type: "/problems/invalid-input", title: "The input is not valid", status: body.status, detail: body.detail,
                instance: path, errors: body.problems)
        case let abort as any AbortError:
            let status = Int(abort.status.code)
            let detail = status == 404 ? "There is nothing at this address." : abort.reason
            return Problem(type: "about:blank", title: abort.status.reasonPhrase, status: status, detail: detail, instance: path)
        default:
            return Problem(
                type: "/problems/internal", title: "Internal error", status: 500,
                detail: "Something went wrong on the server. Nothing was changed by this request unless it said so.",
                instance: path)
        }
    }
}

/// A request body that could not be read.
struct BodyError: Error {
    var status: Int
    var detail: String
    var problems: [FieldProblem]?
}
