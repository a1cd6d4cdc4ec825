import ConveneCore
import Foundation
import Plot

/// What the meeting page follows up: the different views (9), the escalations to the
/// service manager, and the SMART actions (10).
extension MeetingPage {
    // MARK: - 9. Different views

    var dissentsSection: HTMLNode {
        .meetingSection(
            "different-views", titleId: "dissent-title", title: "9. Different views and how they were resolved",
            dissents.isEmpty
                ? .muted("No different views recorded.")
                : .el(
                    "ul",
                    .each(dissents) { line in
                        .el(
                            "li", .strong(.words(line.who)), .words(": \(line.text) "),
                            .tag(line.status ?? "", "tag-grey"))
                    }),
            .if(editable, .disclosure("Record a different view", open: errorSection == "dissents", dissentForm)))
    }

    private var dissentForm: HTMLNode {
        .postForm(
            SitePath.meetingDissents(.value(meetingId)).href, layout,
            .field(
                "dissents-raisedBy", label: "Raised by", for: "dissent-raisedBy", error: error("dissents", "raisedBy"),
                .select("dissent-raisedBy", name: "raisedBy", prompt: "Choose", contributors.noneSelected)),
            .field(
                "dissents-view", label: "Their view", for: "dissent-view", error: error("dissents", "view"),
                .textArea("dissent-view", name: "view", text: nil)),
            .field(
                "dissents-resolution", label: "How it was resolved (leave empty if it is not)",
                for: "dissent-resolution", error: nil, .textArea("dissent-resolution", name: "resolution", text: nil)),
            .field(
                "dissents-status", label: "Status", for: "dissent-status", error: nil,
                .select(
                    "dissent-status", name: "status", prompt: nil,
                    [
                        Option(value: "open", label: "Open"), Option(value: "resolved", label: "Resolved"),
                        Option(value: "escalated", label: "Escalated"),
                    ])),
            .submit("Record view", class: "button button-secondary"))
    }

    // MARK: - Escalations

    var escalationsSection: HTMLNode {
        .meetingSection(
            "escalations", titleId: "escalations-title", title: "Escalations",
            .p(
                .class("hint"),
                "Non-attendance of a statutory partner (police or health) goes to the service manager, as does a disagreement the discussion could not settle. Each is recorded with who, when and why, and stays open until it is resolved."
            ),
            escalations.isEmpty
                ? .muted("Nothing has been escalated.")
                : .el("ul", .class("escalations"), .each(escalations, escalation)),
            .if(
                errorSection == "escalations",
                .div(
                    .id("escalations-reason"), .errorMessage(errors.byField["reason"]),
                    .errorMessage(errors.byField["resolution"]))),
            .if(
                mayEscalate,
                .group(
                    .if(
                        !absentPartners.isEmpty,
                        escalateForm(
                            kind: "nonAttendance", summary: "Escalate non-attendance", field: "professionalId",
                            control: "escalate-partner", label: "Statutory partner who did not take part",
                            options: absentPartners, reason: "escalate-absence-reason")),
                    .if(
                        !openDissents.isEmpty,
                        escalateForm(
                            kind: "disagreement", summary: "Escalate a disagreement", field: "dissentId",
                            control: "escalate-dissent", label: "Different view", options: openDissents,
                            reason: "escalate-dissent-reason")))))
    }

    /// An escalation: open, with the form to resolve it, or resolved.
    private func escalation(_ row: EscalationRow) -> HTMLNode {
        .el(
            "li", .strong(.words(row.what)), .br(), .words("\(row.raised): \(row.reason)"),
            .unwrap(
                row.resolution,
                { .group(.br(), .tag("Resolved", "tag-green"), .words(" \($0)")) },
                else: .group(.br(), .tag("Open", "tag-amber"), .if(mayResolveEscalations, resolveForm(row)))))
    }

    private func resolveForm(_ row: EscalationRow) -> HTMLNode {
        .disclosure(
            "Record how it was resolved",
            .postForm(
                SitePath.meetingEscalationResolve(.value(meetingId), escalation: .value(row.id)).href, layout,
                .field(
                    nil, label: "Resolution", for: "resolution-\(row.id)", error: nil,
                    .textArea("resolution-\(row.id)", name: "resolution", text: nil, .attr("rows", "2"))),
                .submit("Resolve", class: "button button-secondary")))
    }

    /// The form that escalates a non-attendance or a disagreement, choosing it from `options`.
    private func escalateForm(
        kind: String, summary: String, field: String, control: String, label: String, options: [Option], reason: String
    ) -> HTMLNode {
        .disclosure(
            summary, open: errorSection == "escalations",
            .postForm(
                SitePath.meetingEscalations(.value(meetingId)).href, layout, .hidden("kind", kind),
                .field(
                    "escalations-\(field)", label: label, for: control, error: nil,
                    .select(control, name: field, prompt: nil, options.noneSelected)),
                .field(
                    nil, label: "Why it is escalated", for: reason, error: nil,
                    .textArea(reason, name: "reason", text: nil, .attr("rows", "2"))),
                .submit("Escalate to the service manager", class: "button button-secondary")))
    }

    // MARK: - 10. SMART actions

    var actionsSection: HTMLNode {
        .meetingSection(
            "smart-actions", titleId: "actions-title", title: "10. SMART actions",
            actions.isEmpty
                ? .muted("No actions agreed yet.")
                : .dataTable(
                    caption: "SMART actions", columns: ["Action", "Owner", "Due", "State", "Update"],
                    cells: actions.map(actionCells)),
            .if(editable, newActionForm))
    }

    private func actionCells(_ action: ActionRow) -> [HTMLNode] {
        [
            .group(
                .if(action.contingency, .group(.strong("Contingency:"), " ")), .words(action.description),
                .if(!action.evidence.isEmpty, .group(.br(), .span(.class("muted"), .words(action.evidence))))),
            .group(.words(action.owner), .br(), .span(.class("muted"), .words(action.agency))),
            .words(action.due),
            .tag(action.status, action.tagClass),
            .group(
                .if(action.isOpen && action.mayUpdate, actionForms(action)),
                .if(!action.history.isEmpty, .bullets(action.history, class: "history"))),
        ]
    }

    /// An open action's forms: mark it done, or cancel, reassign or re-date it. When one of them
    /// failed, its messages show by its fields, it keeps what was typed, and the change form is open.
    private func actionForms(_ action: ActionRow) -> HTMLNode {
        let path = SitePath.meetingAction(.value(meetingId), action: .value(action.id)).href
        let version = String(action.version)
        let section = MeetingPage.actionSection(action.id)
        let failed = errorSection == section
        let typed = { (field: String) in failed ? values[field] : nil }
        return .group(
            .div(.id("\(section)-status"), .errorMessage(error(section, "status"))),
            .postForm(
                path, layout, novalidate: false, .hidden("version", version), .hidden("status", "completed"),
                .div(
                    .id("\(section)-completionEvidence"),
                    .el(
                        "label", .attr("for", "evidence-\(action.id)"), .class("visually-hidden"),
                        "Evidence that it is done"),
                    .errorMessage(error(section, "completionEvidence")),
                    .textInput(
                        "evidence-\(action.id)", name: "completionEvidence", value: typed("completionEvidence"),
                        .attr("placeholder", "Evidence that it is done"))),
                .submit("Mark done", class: "button button-secondary")),
            .el(
                "details", .class("action-change"), .flag("open", failed && values["status"] != "completed"),
                .el(
                    "summary", "Cancel, reassign or re-date",
                    .span(.class("visually-hidden"), .words(": \(action.description)"))),
                .postForm(
                    path, layout, .hidden("version", version),
                    .field(
                        "\(section)-ownerId", label: "New owner", for: "owner-\(action.id)", error: error(section, "ownerId"),
                        .select(
                            "owner-\(action.id)", name: "ownerId", prompt: "Keep \(action.owner)",
                            people.selecting(typed("ownerId")))),
                    .field(
                        "\(section)-dueAt", label: "New due date and time", for: "due-\(action.id)",
                        error: error(section, "dueAt"),
                        .textInput("due-\(action.id)", name: "dueAt", value: typed("dueAt"), type: "datetime-local")),
                    .field(
                        "\(section)-reason", label: "Reason (required)", for: "reason-\(action.id)",
                        error: error(section, "reason"),
                        .textArea("reason-\(action.id)", name: "reason", text: typed("reason"), .attr("rows", "2"))),
                    .submit("Save the change", class: "button button-secondary"),
                    .submit(
                        "Cancel this action", class: "button button-warning", .attr("name", "status"),
                        .attr("value", "cancelled")))))
    }

    /// The form that agrees a new action; after a failed try it keeps what was typed.
    private var newActionForm: HTMLNode {
        let failed = errorSection == "actions"
        return .postForm(
            SitePath.meetingActions(.value(meetingId)).href, layout,
            .field(
                "actions-description", label: "What will be done", for: "action-description",
                error: error("actions", "description"),
                .textArea("action-description", name: "description", text: failed ? values["description"] : nil)),
            .field(
                "actions-ownerId", label: "Who (a named owner)", for: "action-ownerId",
                error: error("actions", "ownerId"),
                .select("action-ownerId", name: "ownerId", prompt: "Choose", people.selecting(failed ? values["ownerId"] : nil))),
            .field(
                "actions-dueAt", label: "By when", for: "action-dueAt", error: error("actions", "dueAt"),
                .textInput(
                    "action-dueAt", name: "dueAt", value: failed ? values["dueAt"] : nil, type: "datetime-local")),
            .checkbox(
                "action-isContingency", name: "isContingency", value: "true", checked: false,
                label: "This is a contingency plan"),
            .submit("Agree action"))
    }
}
