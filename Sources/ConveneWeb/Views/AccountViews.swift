import ConveneCore
import Plot

/// Sign-in: username, password and the authenticator's code.
extension SessionPages.SignInPage: PageView {
    var content: HTMLNode {
        let error = errors.byField
        return .group(
            .h1("Sign in to Convene"),
            .p(
                .class("lead"),
                "Use your Convene username, your password and the six-digit code from your authenticator app."),
            .errorSummary(errors),
            .el(
                "form", .attr("method", "post"), .attr("action", SitePath.signInForm.href), .flag("novalidate", true),
                .hidden(CSRF.field, formToken), .unwrap(next) { .hidden("next", $0) },
                .field(
                    "field-username", label: "Username", for: "username", error: error["username"],
                    .textInput(
                        "username", name: "username", value: username, .attr("autocomplete", "username"),
                        .attr("autocapitalize", "none"), .attr("spellcheck", "false"))),
                .field(
                    "field-password", label: "Password", for: "password", error: error["password"],
                    .input(
                        .attr("type", "password"), .attr("id", "password"), .attr("name", "password"),
                        .attr("autocomplete", "current-password"))),
                .field(
                    "field-code", label: "Code from your authenticator app", for: "code", error: error["code"],
                    .input(
                        .attr("type", "text"), .attr("id", "code"), .attr("name", "code"), .attr("inputmode", "numeric"),
                        .attr("autocomplete", "one-time-code"), .attr("pattern", "[0-9]*"), .attr("maxlength", "6"),
                        .attr("class", "input-short"))),
                .submit("Sign in")),
            .muted(
                "Sessions end after 30 minutes without activity and 10 hours after sign-in. If you cannot sign in, ask your Convene administrator."
            ))
    }
}

/// Your account: sessions and personal API tokens.
extension AccountPages.AccountPage: PageView {
    var content: HTMLNode {
        .group(
            .h1("Your account"),
            .dl(
                .class("summary"), .div(.dt("Username"), .dd(.words(username))),
                .div(.dt("Role"), .dd(.words(layout.user?.roleLabel ?? "")))),
            .unwrap(newToken) { token in
                .div(
                    .class("notice"), .attr("role", "status"), .h2(.class("h3"), "Your new API token"),
                    .p("Copy it now: Convene keeps only a fingerprint and cannot show it again."),
                    .p(.code(.id("new-token"), .words(token))))
            },
            .h2("Signed-in sessions"),
            .p(.words("You have \(sessionCount) open session(s).")),
            .postForm(
                SitePath.accountSignOutEverywhere.href, layout, novalidate: false,
                .submit("Sign out everywhere", class: "button button-secondary")),
            .h2("API tokens"),
            .p(
                "A personal token lets a program use the Convene API as you, with your access. Revoke any token you no longer use."
            ),
            .if(
                !tokens.isEmpty,
                .dataTable(
                    caption: "Your API tokens", columns: ["Name", "Created", "Last used", "Status"],
                    cells: tokens.map { token in
                        [
                            .words(token.name), .words(token.created), .words(token.lastUsed),
                            .unwrap(
                                token.revoked, { .words("Revoked " + $0) },
                                else: .postForm(
                                    SitePath.accountTokenRevoke(.value(token.id)).href, layout, novalidate: false,
                                    .button(
                                        .class("link-button"), .attr("type", "submit"), "Revoke ",
                                        .span(.class("visually-hidden"), .words(token.name))))),
                        ]
                    })),
            .errorSummary(errors),
            .postForm(
                SitePath.accountTokens.href, layout,
                .field(
                    "field-name", label: "Name of the new token", for: "token-name", error: errors.byField["name"],
                    .textInput("token-name", name: "name", value: typedName)),
                .submit("Create token", class: "button button-secondary")))
    }
}

/// Emergency (break-glass) access: the form, and the alerts a service manager reviews.
extension BreakGlassPages.BreakGlassPage: PageView {
    var content: HTMLNode {
        .group(
            .h1("Emergency access to a case"),
            .p(
                .class("lead"),
                "Use this only when a child may be at risk and you need a case in which you have no role. Access is read-only, lasts one hour, is recorded with your reason, and the case's service manager is told."
            ),
            .errorSummary(errors),
            .postForm(
                SitePath.breakGlass.href, layout,
                .field(
                    "field-caseReference", label: "Case reference", for: "caseReference",
                    error: errors.byField["caseReference"],
                    .textInput("caseReference", name: "caseReference", value: caseReference, .attr("class", "input-short"))),
                .field(
                    "field-reason", label: "Why you need it now", for: "reason", error: errors.byField["reason"],
                    .textArea("reason", name: "reason", text: reason)),
                .submit("Open the case for one hour", class: "button button-warning")),
            .if(!alerts.isEmpty, alertList))
    }

    private var alertList: HTMLNode {
        .group(
            .h2("Emergency access to your cases"),
            .p(
                "People without a role in these cases opened them with emergency access. Review each and mark it reviewed."
            ),
            .dataTable(
                caption: "Emergency access to review",
                columns: ["When", "Who", "Case", "Reason", "What they read", "Action"],
                cells: alerts.map { alert in
                    [
                        .words(alert.when), .words(alert.who), .words(alert.caseReference), .words(alert.reason),
                        alert.reads.isEmpty ? "Nothing yet" : .bullets(alert.reads),
                        .postForm(
                            SitePath.grantAcknowledge(.value(alert.id)).href, layout, novalidate: false,
                            .button(
                                .class("link-button"), .attr("type", "submit"), "Mark reviewed ",
                                .span(.class("visually-hidden"), .words(alert.caseReference)))),
                    ]
                }))
    }
}

/// The outbox: every message, its state and tries, with a retry for a failed one.
extension OutboxPages.OutboxPage: PageView {
    var content: HTMLNode {
        let error = errors.byField["status"]
        return .group(
            .errorSummary(errors),
            .h1("Outbox"),
            .p(
                .class("lead"),
                "Every message Convene sends, newest first. A message that could not be sent is tried again later; after the last try it is marked failed and kept here. Invitees with no email address are shown as not notified: telephone them. From the command line: ",
                .code("convene outbox list"), ", ", .code("convene outbox retry"), "."),
            .getForm(
                SitePath.outbox.href, class: "filters",
                .div(
                    .attr("class", error == nil ? "field" : "field field-error"),
                    .el("label", .attr("for", "status"), "State"),
                    .unwrap(error) {
                        .p(
                            .class("error-message"), .id("status-error"), .span(.class("visually-hidden"), "Error:"),
                            .words(" " + $0))
                    },
                    .select(
                        "status", name: "status", prompt: "All states",
                        statuses.map { Option(value: $0.value, label: "\($0.label) (\($0.count))", selected: $0.selected) },
                        error == nil ? .empty : .attr("aria-describedby", "status-error"))),
                .submit("Show", class: "button secondary")),
            .p(.words(range)),
            .if(!messages.isEmpty, messageList))
    }

    private var messageList: HTMLNode {
        .group(
            .dataTable(
                caption: "Messages",
                columns: ["Queued", "Message", "Case", "To", "State", "Tries", "Last error", "Action"],
                cells: messages.map { message in
                    [
                        .words(message.created), .words(message.kind), .words(message.caseReference),
                        .group(.words(message.recipient), .br(), .span(.class("hint"), .words(message.address))),
                        .group(
                            .words(message.status),
                            .if(message.isSent, .group(.br(), .span(.class("hint"), .words(message.sent)))),
                            .if(message.isQueued, .group(.br(), .span(.class("hint"), .words("next try " + message.nextTry))))),
                        .words(String(message.attempts)), .words(message.lastError),
                        .if(
                            message.failed,
                            .postForm(
                                SitePath.outboxMessageRetry(.value(message.id)).href, layout, novalidate: false,
                                .button(
                                    .class("link-button"), .attr("type", "submit"), "Retry ",
                                    .span(.class("visually-hidden"), .words("the message to " + message.recipient))))),
                    ]
                }),
            .nav(
                .class("pager"), .ariaLabel("Pages of messages"),
                .unwrap(previousHref) { .group(.a(.attr("href", $0), .attr("rel", "prev"), "Newer messages"), " ") },
                .unwrap(nextHref) { .a(.attr("href", $0), .attr("rel", "next"), "Older messages") }))
    }
}
