import ConveneCore
import Foundation
import Vapor

/// Optimistic locking over HTTP (RFC 9110, RFC 6585): a record two people can change has a
/// version, sent as its `ETag`; a change must name the version it started from in `If-Match`.
/// Without one the answer is 428 Precondition Required; from an older one, 409 with the record
/// as it is now (`StaleWrite`).
enum Preconditions {
    /// The strong entity tag of a record's version.
    static func etag(_ version: Int) -> String { "\"\(version)\"" }
}

extension Request {
    /// The version a change started from, from `If-Match`; 428 when it is missing, 412 when it is
    /// not one of this API's tags.
    func requiredVersion(of entity: String, readAt path: String) throws -> Int {
        guard let version = try givenVersion(of: entity, readAt: path) else {
            throw PreconditionRequired(entity: entity, readAt: path)
        }
        return version
    }

    /// The version named in `If-Match`, nil when there is none (where a change may also name its
    /// version otherwise, or needs none); 412 when it is not one of this API's tags.
    func givenVersion(of entity: String, readAt path: String) throws -> Int? {
        guard let header = headers.first(name: .ifMatch)?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            return nil
        }
        // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag (W/"3") never matches.
        guard header.count >= 3, header.first == "\"", header.last == "\"",
            let version = Int(header.dropFirst().dropLast()), version > 0
        else {
            throw Abort(
                .preconditionFailed, reason: "If-Match must be the ETag of the \(entity) as read from \(path), such as \"3\"")
        }
        return version
    }
}

extension Response {
    /// Marks the answer with the version of the record it shows.
    @discardableResult
    func tagged(_ version: Int) -> Response {
        headers.replaceOrAdd(name: .eTag, value: Preconditions.etag(version))
        return self
    }
}

/// A change sent without the version it started from (428).
struct PreconditionRequired: Error {
    var entity: String
    var readAt: String
    var detail: String {
        "send If-Match with the ETag of the \(entity) from GET \(readAt), so that a change made meanwhile is not overwritten"
    }
}

/// A change that started from an older version than the record has now (409): the problem
/// carries the record as it is now (`current`) and its ETag, so the client can merge and retry.
/// The record is read once the refused change has been rolled back (`ProblemMiddleware`), not
/// from inside its transaction, which may already have taken the next version.
struct StaleWrite: Error {
    var detail: String
    /// Reads the record as it is now, as the API shows it, with its version.
    var current: @Sendable () async throws -> (json: Data, version: Int)
}

extension Request {
    /// Runs a change; if it started from an older version, answers 409 with the record as
    /// `current` reads it after the change is rolled back, and its version.
    func refusingStale<T, Current: Encodable & Sendable>(
        _ change: () async throws -> T, current: @escaping @Sendable () async throws -> (value: Current, version: Int)
    ) async throws -> T {
        do {
            return try await change()
        } catch let error as DomainError {
            guard case .staleVersion = error else { throw error }
            throw StaleWrite(detail: error.description) {
                let now = try await current()
                return (try JSONCoding.encoder().encode(now.value), now.version)
            }
        }
    }
}
