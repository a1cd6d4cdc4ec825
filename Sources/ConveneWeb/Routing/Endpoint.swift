import ConveneCore
import Vapor

/// One endpoint: its method, its address (`SitePath`), who may use it (`RouteRule`) and, for the
/// API, its OpenAPI operation. Registering it (`RoutesBuilder.on(_:use:)`) is the only way a route
/// is made, so the access check, the OpenAPI document and every link come from the same value.
struct Endpoint: Sendable {
    let method: HTTPMethod
    let path: SitePath
    let rule: RouteRule
    let operation: APIOperation?
    /// The path's pattern, `/api/v1/cases/:caseID`: the route as the metrics know it.
    let pattern: String
    /// The key the access middleware and the audit log know a route by: `GET /api/v1/cases/:caseID`.
    /// Both are worked out once here, not on every request.
    let key: String

    init(_ method: HTTPMethod, _ path: SitePath, _ rule: RouteRule, api operation: APIOperation? = nil) {
        self.method = method
        self.path = path
        self.rule = rule
        self.operation = operation
        pattern = path.pattern
        key = "\(method.rawValue) \(pattern)"
    }

    /// The path as Vapor matches it.
    var components: [PathComponent] {
        path.segments.map { segment in
            switch segment {
            case .name(let name): return .constant(name)
            case .parameter(let name, _): return .parameter(name)
            }
        }
    }
}

extension RoutesBuilder {
    /// Registers `endpoint` with its handler.
    @discardableResult
    func on<Answer: AsyncResponseEncodable>(
        _ endpoint: Endpoint, use handler: @escaping @Sendable (Request) async throws -> Answer
    ) -> Route {
        let route = on(endpoint.method, endpoint.components, use: handler)
        route.userInfo[Endpoint.UserInfoKey()] = endpoint
        return route
    }
}

extension Endpoint {
    fileprivate struct UserInfoKey: Hashable {}
}

extension Route {
    /// The endpoint this route was registered for; nil for a route made some other way, which
    /// startup refuses.
    var endpoint: Endpoint? { userInfo[Endpoint.UserInfoKey()] as? Endpoint }
}
