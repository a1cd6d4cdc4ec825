import ConveneCore
import Foundation

/// One API operation, as the OpenAPI document describes it (its method and path are its
/// endpoint's).
struct APIOperation: Sendable {
    var id: String
    var summary: String
    var body: String? = nil
    var status: Int = 200
    var query: [(String, JSONValue)] = []
    /// The change needs `If-Match` with the record's ETag (`Preconditions`); `.optional` where the
    /// body may name versions instead.
    var ifMatch: IfMatch = .none

    enum IfMatch { case none, required, optional }
}

/// The OpenAPI 3.1 document served at `/openapi.json`, made from the endpoints the app
/// registered: every API route is in it, and nothing else.
enum OpenAPIDocument {
    /// The document for the API endpoints among `endpoints`, in the order given.
    static func json(_ endpoints: [Endpoint]) -> Data {
        var paths: [(String, [(String, JSONValue)])] = []
        for endpoint in endpoints {
            guard let operation = endpoint.operation else { continue }
            let full = endpoint.openAPIPath
            let entry = (endpoint.method.rawValue.lowercased(), describe(operation, endpoint))
            if let index = paths.firstIndex(where: { $0.0 == full }) {
                paths[index].1.append(entry)
            } else {
                paths.append((full, [entry]))
            }
        }
        let document: JSONValue = [
            "openapi": "3.1.0",
            "info": [
                "title": "Convene API",
                "version": "1.0.0",
                "description":
                    "Multi-agency strategy discussions in English child protection. Errors are application/problem+json.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearerAuth": []]],
            "paths": .object(paths.map { ($0.0, .object($0.1)) }),
            "components": [
                "schemas": .object(Schema.components),
                "securitySchemes": [
                    "bearerAuth": [
                        "type": "http", "scheme": "bearer",
                        "description": "A personal API token from your account page or `convene token create`.",
                    ]
                ],
            ],
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail.
        return try! encoder.encode(document)
    }

    private static func describe(_ operation: APIOperation, _ endpoint: Endpoint) -> JSONValue {
        let problem: JSONValue = ["application/problem+json": ["schema": Schema.ref("Problem")]]
        var parameters: [JSONValue] = endpoint.path.segments.compactMap { segment in
            guard case .parameter(let name, _) = segment else { return nil }
            let schema = name == "kind" ? Schema.choice(DecisionKind.self) : Schema.uuid
            return ["name": .string(name), "in": "path", "required": true, "schema": schema]
        }
        parameters += operation.query.map { ["name": .string($0.0), "in": "query", "required": false, "schema": $0.1] }
        // A search is a read sent as POST (to keep names out of addresses): nothing to repeat safely.
        if endpoint.method != .GET && !operation.id.hasPrefix("search") {
            parameters.append([
                "name": "Idempotency-Key", "in": "header", "required": false,
                "description":
                    "Names this change: a repeat with the same key gets the first answer (with Idempotent-Replayed: true) instead of making a second record; the same key with another request is refused (422). Kept for 24 hours.",
                "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"],
            ])
        }
        if operation.ifMatch != .none {
            parameters.append([
                "name": "If-Match", "in": "header", "required": .bool(operation.ifMatch == .required),
                "description": "The ETag of the record as read (GET), such as \"3\"",
                "schema": ["type": "string", "pattern": "^\"[1-9][0-9]{0,8}\"$"],
            ])
        }
        // Every `list…` and `search…` operation answers a JSON array; every other one an object.
        let answersList = operation.id.hasPrefix("list") || operation.id.hasPrefix("search")
        let success = answersList ? Schema.array(Schema.anyObject) : Schema.anyObject
        var responses: [(String, JSONValue)] = [
            operation.status == 204
                ? ("204", ["description": "Done; no content"])
                : (String(operation.status), ["description": "Success", "content": ["application/json": ["schema": success]]])
        ]
        if operation.body != nil {
            responses.append(("400", ["description": "The body is not JSON", "content": problem]))
            responses.append(("415", ["description": "The body is not sent as application/json", "content": problem]))
        }
        responses.append(("401", ["description": "No valid, unrevoked bearer token", "content": problem]))
        responses.append(("404", ["description": "No such record, or none you may see", "content": problem]))
        responses.append(("409", ["description": "Not allowed in the current state", "content": problem]))
        responses.append(("422", ["description": "Invalid input, by field", "content": problem]))
        if operation.ifMatch != .none {
            responses.append(("412", ["description": "If-Match is not an ETag of this API", "content": problem]))
            responses.append(("428", ["description": "If-Match is missing", "content": problem]))
        }
        var pairs: [(String, JSONValue)] = [
            ("operationId", .string(operation.id)), ("summary", .string(operation.summary)),
            ("parameters", .array(parameters)), ("responses", .object(responses)),
        ]
        if let body = operation.body {
            pairs.append(("requestBody", ["required": true, "content": ["application/json": ["schema": Schema.ref(body)]]]))
        }
        return .object(pairs)
    }
}

extension Endpoint {
    /// The path as OpenAPI writes it: `/api/v1/cases/{caseID}`.
    var openAPIPath: String {
        "/"
            + path.segments.map { segment in
                switch segment {
                case .name(let name): return name
                case .parameter(let name, _): return "{\(name)}"
                }
            }.joined(separator: "/")
    }
}
