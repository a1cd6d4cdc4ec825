import ConveneCore
import Plot

/// The audit log, filtered by user, case and dates.
extension AdminPages.AuditPage: PageView {
    var content: HTMLNode {
        let error = errors.byField
        return .group(
            .h1("Audit log"),
            .p(
                .class("lead"),
                "Every read and change of case data, newest first. The log is append-only and hash-chained; run ",
                .code("convene audit verify"), " to check it."),
            .errorSummary(errors),
            .getForm(
                SitePath.auditLog.href, class: "filters",
                .field(
                    "field-accountId", label: "User", for: "accountId", error: error["accountId"],
                    .select(
                        "accountId", name: "accountId", prompt: "Everyone",
                        accounts.map { Option(value: $0.id.uuidString, label: $0.name, selected: $0.selected) })),
                .field(
                    "field-case", label: "Case reference", for: "case", error: error["case"],
                    .textInput("case", name: "case", value: caseReference)),
                .field(
                    "field-from", label: "From (date)", for: "from", error: error["from"],
                    .textInput("from", name: "from", value: from, type: "date")),
                .field(
                    "field-to", label: "To (date, inclusive)", for: "to", error: error["to"],
                    .textInput("to", name: "to", value: to, type: "date")),
                .submit("Filter", class: "button button-secondary")),
            .p(.words("\(events.count) row(s) shown (at most 200).")),
            .dataTable(
                caption: "Audit rows", columns: ["#", "When", "Who", "What", "Route", "Record", "Case", "From"],
                rows: events.map { event in
                    TableRow(
                        [
                            .words(String(event.seq)), .words(event.at), .words(event.who),
                            .group(
                                .words(event.action),
                                .if(
                                    event.breakGlass,
                                    .group(" ", .tag("Break-glass", "tag-red"), .words(" " + (event.reason ?? ""))))),
                            .code(.words(event.route)), .words(event.record), .words(event.caseReference),
                            .words(event.address),
                        ], class: event.breakGlass ? "row-flagged" : nil)
                }))
    }
}

/// The accounts list, where an administrator disables or enables an account.
extension AdminPages.AccountsPage: PageView {
    var content: HTMLNode {
        .group(
            .h1("Accounts"),
            .p(
                .class("lead"),
                "Disabling an account ends all of its sessions at once and refuses its API tokens. Create accounts and reset passwords with ",
                .code("convene account"), "."),
            .dataTable(
                caption: "Accounts", columns: ["Username", "Name", "Role", "Status", "Action"],
                cells: accounts.map { account in
                    [
                        .words(account.username), .words(account.name), .words(account.role),
                        account.disabled ? "Disabled" : "Active",
                        .if(
                            !account.isSelf,
                            .postForm(
                                (account.disabled
                                    ? SitePath.accountEnable(.value(account.id)) : SitePath.accountDisable(.value(account.id)))
                                    .href, layout, novalidate: false,
                                .button(
                                    .class("link-button"), .attr("type", "submit"),
                                    account.disabled ? "Enable" : "Disable", " ",
                                    .span(.class("visually-hidden"), .words(account.username))))),
                    ]
                }))
    }
}
