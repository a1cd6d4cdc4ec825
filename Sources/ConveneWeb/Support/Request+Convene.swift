import ConveneCore
import ConveneStore
import Foundation
import Vapor

extension Request {
    private struct StoreKey: StorageKey { typealias Value = ConveneStore }

    /// The store for this request, bound to its database and the app's clock: made once a
    /// request (Fluent makes a new database handle each time `db` is asked for, and a page asks
    /// for the store a dozen times). Inside an audited change it is bound to that change's
    /// transaction.
    var store: ConveneStore {
        if let store = storage[TransactionKey.self] ?? storage[StoreKey.self] { return store }
        let store = application.store(on: db)
        storage[StoreKey.self] = store
        return store
    }

    /// A UUID path parameter. A malformed id names nothing, so it is a 404.
    func id(_ name: String, entity: String) throws -> UUID {
        let text = parameters.get(name) ?? ""
        guard let id = UUID(uuidString: text) else { throw DomainError.notFound(entity: entity, id: text) }
        return id
    }

    /// Decodes a JSON body, naming the field of any type error.
    func body<T: Decodable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType.type == "application",
            contentType.subType == "json" || contentType.subType.hasSuffix("+json")
        else {
            throw BodyError(status: 415, detail: "Send the body as JSON with Content-Type: application/json.")
        }
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw BodyError(status: 400, detail: "The request body is empty; send a JSON object.")
        }
        do {
            return try JSONCoding.decoder().decode(T.self, from: Data(buffer: buffer))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw BodyError(status: 400, detail: "The body is not valid JSON.")
        } catch let error as DecodingError {
            throw BodyError(
                status: 422, detail: "The JSON body does not match the expected shape.", problems: [Self.problem(error)])
        } catch {
            throw BodyError(status: 400, detail: "The body is not valid JSON.")
        }
    }

    static func problem(_ error: DecodingError) -> FieldProblem {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return FieldProblem(
                field: path(context.codingPath).isEmpty ? "body" : path(context.codingPath), reason: "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            return FieldProblem(field: path(context.codingPath), reason: "must be \(describe(type)), not null")
        case .keyNotFound(let key, let context):
            return FieldProblem(field: path(context.codingPath + [key]), reason: "is required")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            let reason = context.debugDescription.contains("UUID") ? "must be an id (a UUID)" : context.debugDescription
            return FieldProblem(field: field.isEmpty ? "body" : field, reason: reason)
        @unknown default:
            return FieldProblem(field: "body", reason: "could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        case is [Any].Type: return "an array"
        default: return "an object"
        }
    }

    /// A query parameter, or a 422 naming it when it cannot be read.
    func query<T>(_ name: String, parse: (String) -> T?, expected: String) throws -> T? {
        guard let text = query[String.self, at: name] else { return nil }
        guard let value = parse(text) else { throw DomainError.invalid(name, "must be \(expected)") }
        return value
    }
}
