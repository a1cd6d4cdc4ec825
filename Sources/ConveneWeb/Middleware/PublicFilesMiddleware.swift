import Vapor

/// Serves `Public/` through Vapor's `FileMiddleware`, but only for paths that could name a file
/// there: a path longer than the file system takes (a segment over 255 bytes, or the whole over
/// 1,024) is passed on to the routes, which answer 404, instead of reaching the file system and
/// failing with a server error.
struct PublicFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    /// The longest path segment and whole path that are looked up as files.
    static let longestSegment = 255
    static let longestPath = 1_024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.couldNameAFile(request.url.path) else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }

    static func couldNameAFile(_ path: String) -> Bool {
        path.utf8.count <= longestPath && !path.split(separator: "/").contains { $0.utf8.count > longestSegment }
    }
}
