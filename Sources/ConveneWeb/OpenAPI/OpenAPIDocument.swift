import ConveneCore
import Foundation
import OpenAPIKit

/// One API operation, as the OpenAPI document describes it (its method and path are its
/// endpoint's).
struct APIOperation: Sendable {
    var id: String
    var summary: String
    var body: String? = nil
    var status: Int = 200
    var query: [(String, JSONSchema)] = []
    /// The change needs `If-Match` with the record's ETag (`Preconditions`); `.optional` where the
    /// body may name versions instead.
    var ifMatch: IfMatch = .none
    /// What it answers, as the API's own type; its schema is derived from it. Without one, the
    /// document says only "an object" (or a list of them).
    var response: (any APIResponseBody.Type)? = nil
    /// What it answers instead, to another audience (the document says "any of" the two).
    var otherwise: (any APIResponseBody.Type)? = nil

    enum IfMatch { case none, required, optional }
}

/// The OpenAPI 3.1 document served at `/openapi.json`, made with OpenAPIKit from the endpoints
/// the app registered: every API route is in it, and nothing else.
enum OpenAPIDocument {
    /// The document for the API endpoints among `endpoints`, in the order given.
    static func json(_ endpoints: [Endpoint]) -> Data {
        var paths: OpenAPI.PathItem.Map = [:]
        for endpoint in endpoints {
            guard let operation = endpoint.operation else { continue }
            let path = OpenAPI.Path(rawValue: endpoint.openAPIPath)
            var item = paths[path]?.pathItemValue ?? OpenAPI.PathItem()
            let described = describe(operation, endpoint)
            switch endpoint.method {
            case .GET: item.get(described)
            case .POST: item.post(described)
            case .PUT: item.put(described)
            case .PATCH: item.patch(described)
            case .DELETE: item.delete(described)
            default: continue
            }
            paths[path] = .init(item)
        }
        // Each answer's schema, derived once from its type, by name.
        var answers: [(String, JSONSchema)] = []
        let types = endpoints.compactMap(\.operation).flatMap { [$0.response, $0.otherwise].compactMap { $0 } }
        for type in types where !answers.contains(where: { $0.0 == type.schemaName }) {
            answers.append((type.schemaName, type.schema))
        }
        let bearer: OpenAPI.ComponentKey = "bearerAuth"
        let document = OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: .init(
                title: "Convene API",
                description:
                    "Multi-agency strategy discussions in English child protection. Errors are application/problem+json.",
                version: "1.0.0"),
            servers: [.init(url: URL(string: "/")!)],
            paths: paths,
            components: .init(
                schemas: OrderedDictionary(
                    (Schema.components + answers).map { (OpenAPI.ComponentKey(rawValue: $0.0)!, $0.1) },
                    uniquingKeysWith: { first, _ in first }),
                securitySchemes: [
                    bearer: .b(
                        .http(
                            scheme: "bearer",
                            description: "A personal API token from your account page or `convene token create`."))
                ]),
            security: [[.component(named: bearer.rawValue): []]])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        // A document built from these values always encodes.
        return try! encoder.encode(document)
    }

    private static let problem: OpenAPI.Content.Map = [
        OpenAPI.ContentType(rawValue: "application/problem+json")!: .b(.init(schema: Schema.ref("Problem")))
    ]

    private static func describe(_ operation: APIOperation, _ endpoint: Endpoint) -> OpenAPI.Operation {
        var parameters: OpenAPI.Parameter.Array = endpoint.path.segments.compactMap { segment in
            guard case .parameter(let name, _) = segment else { return nil }
            let schema = name == "kind" ? Schema.choice(DecisionKind.self) : Schema.uuid
            return .b(.path(name: name, schema: schema.requiredSchemaObject()))
        }
        parameters += operation.query.map { .b(.query(name: $0.0, required: false, schema: $0.1)) }
        // A search is a read sent as POST (to keep names out of addresses): nothing to repeat safely.
        if endpoint.method != .GET && !operation.id.hasPrefix("search") {
            parameters.append(
                .b(
                    .header(
                        name: "Idempotency-Key", required: false,
                        schema: .string(minLength: 1, maxLength: 255, pattern: "^[!-~]+$"),
                        description:
                            "Names this change: a repeat with the same key gets the first answer (with Idempotent-Replayed: true) instead of making a second record; the same key with another request is refused (422). Kept for 24 hours."
                    )))
        }
        if operation.ifMatch != .none {
            parameters.append(
                .b(
                    .header(
                        name: "If-Match", required: operation.ifMatch == .required,
                        schema: .string(pattern: "^\"[1-9][0-9]{0,8}\"$"),
                        description: "The ETag of the record as read (GET), such as \"3\"")))
        }
        // Every `list…` and `search…` operation answers a JSON array; every other one an object.
        let answersList = operation.id.hasPrefix("list") || operation.id.hasPrefix("search")
        var answer = operation.response.map { Schema.ref($0.schemaName) } ?? Schema.anyObject
        if let response = operation.response, let otherwise = operation.otherwise {
            answer = .any(of: [Schema.ref(response.schemaName), Schema.ref(otherwise.schemaName)], core: .init())
        }
        let success = answersList ? Schema.array(answer) : answer
        var responses: OpenAPI.Response.Map = [:]
        let status = OpenAPI.Response.StatusCode(integerLiteral: operation.status)
        responses[status] =
            operation.status == 204
            ? .response(description: "Done; no content")
            : .response(description: "Success", content: [.json: .b(.init(schema: success))])
        func refusal(_ code: Int, _ description: String) {
            responses[OpenAPI.Response.StatusCode(integerLiteral: code)] = .response(
                description: description, content: problem)
        }
        if operation.body != nil {
            refusal(400, "The body is not JSON")
            refusal(415, "The body is not sent as application/json")
        }
        refusal(401, "No valid, unrevoked bearer token")
        refusal(404, "No such record, or none you may see")
        refusal(409, "Not allowed in the current state")
        refusal(422, "Invalid input, by field")
        if operation.ifMatch != .none {
            refusal(412, "If-Match is not an ETag of this API")
            refusal(428, "If-Match is missing")
        }
        return OpenAPI.Operation(
            summary: operation.summary, operationId: operation.id, parameters: parameters,
            requestBody: operation.body.map {
                OpenAPI.Request(content: [.json: .b(.init(schema: Schema.ref($0)))], required: true)
            },
            responses: responses)
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
