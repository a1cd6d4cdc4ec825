import ConveneCore
import ConveneStore
import Vapor

extension LocalPolicy: Content {}
extension Readiness: Content {}

extension Content {
    /// A 201 response with this body.
    func created(for req: Request) async throws -> Response {
        let response = try await encodeResponse(for: req)
        response.status = .created
        return response
    }
}
