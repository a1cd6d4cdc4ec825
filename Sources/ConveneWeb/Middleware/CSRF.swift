import ConveneCore
import Vapor

/// Every state-changing form carries `_csrf`. Signed in, it must equal the session's value; on the
/// sign-in form, before there is a session, it must equal a random value in a `__Host-` cookie.
/// The session cookie is also SameSite=Strict, so a cross-site form never carries it at all.
enum CSRF {
    static let field = "_csrf"

    struct Refused: Error {}

    static func check(_ req: Request, session: SignInSession) async throws {
        guard let sent = try await sentValue(req), Secrets.constantTimeEqual(sent, session.csrfToken) else { throw Refused() }
    }

    static func checkSignInForm(_ req: Request) async throws {
        guard let sent = try await sentValue(req), let cookie = req.cookies[SessionCookie.signInForm]?.string, !cookie.isEmpty,
            Secrets.constantTimeEqual(sent, cookie)
        else { throw Refused() }
    }

    private static func sentValue(_ req: Request) async throws -> String? {
        guard let contentType = req.headers.contentType, contentType == .urlEncodedForm || contentType.type == "multipart"
        else { return nil }
        // Middleware runs before the route collects the body; collect it here (the route then reuses it).
        if req.body.data == nil { _ = try await req.body.collect(max: 1_048_576).get() }
        return try? req.content.get(String.self, at: field)
    }
}
