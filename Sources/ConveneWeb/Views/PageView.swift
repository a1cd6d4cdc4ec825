import ConveneCore
import Foundation
import Plot
import Vapor

/// A page: its model struct, and the content a view makes of it inside the layout every page shares.
protocol PageView {
    var layout: Layout { get }
    /// What goes in `<main>`, under the notice.
    var content: HTMLNode { get }
    /// What a refused form got wrong: the page's title then starts "Error: ", as GOV.UK asks, so
    /// that a screen reader says so first.
    var errors: FormErrors { get }
}

extension PageView {
    /// A page with no form, or none refused.
    var errors: FormErrors { .none }

    /// The whole document.
    var html: String { Document.html(layout, content, refused: errors.any) }

    /// The page as a response body.
    var view: View { View(data: ByteBuffer(string: html)) }
}

/// The layout of every page: the header with the signed-in person and the menu, the notice, the
/// content and the confidentiality footer.
enum Document {
    static func html(_ layout: Layout, _ content: HTMLNode, refused: Bool) -> String {
        "<!DOCTYPE html>"
            + HTMLNode.el(
                "html", .attr("lang", "en-GB"),
                .el(
                    "head", .raw(#"<meta charset="utf-8">"#),
                    .raw(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#),
                    .el("title", .words("\(refused ? "Error: " : "")\(layout.title) – Convene")),
                    .raw(#"<link rel="stylesheet" href="/css/convene.css">"#),
                    // The error summary's links take the keyboard to the refused field's control.
                    .if(refused, .raw(#"<script src="/js/error-summary.js" defer></script>"#))),
                .el(
                    "body", .raw(##"<a href="#main" class="skip-link">Skip to main content</a>"##), header(layout),
                    .el(
                        "main", .attr("id", "main"), .attr("class", "width"), .attr("tabindex", "-1"),
                        .unwrap(layout.notice) { .raw(#"<div class="notice" role="status"><p>\#($0.htmlEscaped)</p></div>"#) },
                        content),
                    .raw(
                        #"<footer class="footer width"><p>Convene holds confidential information about children. Do not share what you see here without the chair's permission.</p></footer>"#
                    ))
            ).render()
    }

    private static func header(_ layout: Layout) -> HTMLNode {
        .el(
            "header", .attr("class", "header"),
            .el(
                "div", .attr("class", "width"),
                .el("a", .attr("href", SitePath.signIn.href), .attr("class", "brand"), "Convene"),
                .raw(#" <span class="tagline">Strategy discussions</span>"#),
                .unwrap(layout.user) { user in
                    .el(
                        "div", .attr("class", "user"),
                        .el("a", .attr("href", SitePath.account.href), .words(user.name)),
                        .raw(#" <span class="muted">(\#(user.roleLabel.htmlEscaped))</span>"#),
                        .el(
                            "form", .attr("method", "post"), .attr("action", SitePath.signOut.href),
                            .attr("class", "inline-form"), .hidden(CSRF.field, layout.csrf),
                            .hidden(Idempotency.formField, layout.formToken),
                            .raw(#"<button type="submit" class="link-button">Sign out</button>"#)))
                }),
            .if(layout.signedIn, menu(layout)))
    }

    private static func menu(_ layout: Layout) -> HTMLNode {
        var items: [(SitePath, String, String)] = []
        if layout.menu.work { items.append((.myWork, "my-work", "My work")) }
        if layout.menu.team {
            items += [(.dashboard, "dashboard", "Team dashboard"), (.cases, "cases", "Cases")]
        }
        if layout.menu.schedule { items.append((.schedule, "schedule", "Scheduling")) }
        if layout.menu.breakGlass { items.append((.breakGlass, "break-glass", "Emergency access")) }
        if layout.menu.admin {
            items += [(.auditLog, "audit", "Audit log"), (.accounts, "accounts", "Accounts"), (.outbox, "outbox", "Outbox")]
        }
        return .el(
            "nav", .attr("class", "nav width"), .attr("aria-label", "Main"),
            .el(
                "ul",
                .group(
                    items.map { path, key, text in
                        .el(
                            "li",
                            .el(
                                "a", .attr("href", path.href),
                                layout.nav == key ? .attr("aria-current", "page") : .empty, .words(text)))
                    })))
    }
}
