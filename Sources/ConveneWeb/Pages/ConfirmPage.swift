import ConveneCore
import Foundation
import Vapor

/// "Check before you …": the GOV.UK check-your-answers step before a change that cannot be undone
/// (cancelling a meeting, finalising and circulating minutes). The form posts to the same address
/// again with `confirmed=true` and the answers given, so it works without JavaScript.
struct ConfirmPage {
    struct Row {
        var label: String
        var value: String
    }

    /// A text the step itself asks for (the reason to finalise without quorum).
    struct Field {
        var name: String
        var label: String
        var hint: String
        var value: String
        var error: String?
    }

    struct Hidden {
        var name: String
        var value: String
    }

    var layout: Layout
    var caption: String
    var heading: String
    var rows: [Row]
    var warning: String
    var field: Field?
    var hidden: [Hidden]
    var action: String
    var button: String
    var backHref: String
    var backText: String
    var errors: FormErrors

    /// Renders the step; `status` is 422 when it is shown again with an error.
    static func render(_ page: ConfirmPage, req: Request, status: HTTPStatus = .ok) async throws -> Response {
        var page = page
        page.hidden.append(Hidden(name: "confirmed", value: "true"))
        return try await page.view.encodeResponse(status: status, for: req)
    }
}
