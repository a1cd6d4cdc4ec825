import ConveneCore
import Plot

/// The strategy meeting request form: a new request, or a draft being changed.
extension RequestPages.FormPage: PageView {
    var content: HTMLNode {
        .group(
            .p(
                .class("caption"), "Case ", .link(caseHref, .words(caseReference)),
                .unwrap(status) { .words(" · \($0)") }),
            .h1("Strategy meeting request"),
            .errorSummary(errors),
            .unwrap(returnedReason) {
                .div(.class("warning-text"), .p(.strong("Returned by the team manager:"), " ", .words($0)))
            },
            .p(
                .class("lead"),
                "All sections must be completed before the request goes to the team manager. You can save a draft at any time."
            ),
            .h2("Team information"),
            .summaryList(teamInfo),
            .h2(.id("field-children"), "Children, parents and carers, other relevant people"),
            .errorMessage(errors.byField["children"]),
            .peopleTable(people, caption: "Family details"),
            .unwrap(
                returnTo,
                {
                    .addPersonForm(
                        caseId: caseId, returnTo: $0, roles: personRoles, posted: posted, errors: errors, layout)
                },
                else: .p(
                    .link(caseHref + "#people", "Add people on the case page"), ", then come back to this request.")),
            .postForm(
                action, layout, versionField, urgencyField, otherUrgency, detailFields, inviteeFields,
                .submit("Submit for approval", .attr("name", "action"), .attr("value", "submit")),
                .submit(
                    "Save as draft", class: "button button-secondary", .attr("name", "action"),
                    .attr("value", "save"))))
    }

    /// The version the draft was filled from, and the message when someone else saved it since.
    private var versionField: HTMLNode {
        .unwrap(version) { version in
            .div(
                .id("field-version"), .unwrap(errors.byField["version"]) { _ in .class("field field-error") },
                .hidden("version", String(version)), .errorMessage(errors.byField["version"]))
        }
    }

    private var urgencyField: HTMLNode {
        .fieldset(
            "field-urgency", legend: "Urgency", error: errors.byField["urgency"],
            .div(.class("radios"), .group(urgencies.map(urgencyRadio))))
    }

    /// A radio of urgency, its timescale under its label.
    private func urgencyRadio(_ option: Option) -> HTMLNode {
        let id = "urgency-\(option.value)"
        return .div(
            .class("radio"),
            .input(
                .attr("type", "radio"), .attr("id", id), .attr("name", "urgency"), .attr("value", option.value),
                .flag("checked", option.selected), .attr("aria-describedby", "\(id)-hint")),
            .label(
                .attr("for", id), .words(option.label), .br(),
                .span(.class("muted"), .attr("id", "\(id)-hint"), .words(option.hint ?? ""))))
    }

    /// "Other" urgency: the service manager's agreement, open when "Other" is chosen.
    private var otherUrgency: HTMLNode {
        let error = errors.byField
        return .el(
            // Open for "Other", and whenever one of its fields was refused, so the message shows.
            "details",
            .flag(
                "open",
                values.urgency == "other"
                    || ["urgencyRationale", "urgencyAgreedBy", "otherDueDate"].contains { error[$0] != nil }),
            .el("summary", "If \"Other\": the service manager's agreement"),
            .field(
                "field-urgencyRationale", label: "Service manager's rationale", for: "urgencyRationale",
                error: error["urgencyRationale"],
                .textArea("urgencyRationale", name: "urgencyRationale", text: values.urgencyRationale)),
            .field(
                "field-urgencyAgreedBy", label: "Service manager", for: "urgencyAgreedBy",
                error: error["urgencyAgreedBy"],
                .select("urgencyAgreedBy", name: "urgencyAgreedBy", prompt: "Choose", serviceManagers)),
            .field(
                "field-otherDueDate", label: "Date agreed for the meeting", for: "otherDueDate",
                error: error["otherDueDate"],
                .textInput("otherDueDate", name: "otherDueDate", value: values.otherDueDate, type: "date")))
    }

    /// The concern: what prompted it, when, the presenting issue, the rationale and the checks.
    private var detailFields: HTMLNode {
        let error = errors.byField
        return .group(
            .field(
                "field-trigger", label: "What prompted the concern", for: "trigger", error: error["trigger"],
                .select("trigger", name: "trigger", prompt: "Choose", triggers)),
            .field(
                "field-concernIdentifiedAt", label: "When the concern was identified", for: "concernIdentifiedAt",
                hint: "The meeting clock starts here. UK time.", hintId: "concern-hint",
                error: error["concernIdentifiedAt"],
                .textInput(
                    "concernIdentifiedAt", name: "concernIdentifiedAt", value: values.concernIdentifiedAt,
                    type: "datetime-local", .attr("aria-describedby", "concern-hint"))),
            .field(
                "field-presentingIssue", label: "Presenting issue", for: "presentingIssue",
                error: error["presentingIssue"],
                .textArea("presentingIssue", name: "presentingIssue", text: values.presentingIssue)),
            .field(
                "field-incidentDate", label: "Date of incident (if applicable)", for: "incidentDate",
                error: error["incidentDate"],
                .textInput("incidentDate", name: "incidentDate", value: values.incidentDate, type: "date")),
            .field(
                "field-rationale", label: "Rationale for the strategy discussion", for: "rationale",
                error: error["rationale"], .textArea("rationale", name: "rationale", text: values.rationale)),
            .field(
                "field-specificChecks", label: "Specific checks (police intelligence, address check, health checks)",
                for: "specificChecks", error: error["specificChecks"],
                .textArea("specificChecks", name: "specificChecks", text: values.specificChecks)))
    }

    /// The professionals to invite, by agency, each a checkbox named `invitee-<id>`.
    private var inviteeFields: HTMLNode {
        .fieldset(
            "field-inviteeIds", legend: "Professionals to invite",
            hint:
                "Police and health are mandatory. The team manager and social worker are invited automatically. Invitations are personal and must not be forwarded.",
            error: errors.byField["inviteeIds"],
            .group(
                invitees.map { group in
                    .group(
                        .h3(.class("h3"), .words(group.agency)),
                        .div(
                            .class("checkboxes"),
                            .group(
                                group.people.map { person in
                                    .checkbox(
                                        "invitee-\(person.value)", name: "invitee-\(person.value)",
                                        checked: person.selected, label: .words(person.label), " ",
                                        .span(.class("muted"), .words("– \(person.hint ?? "")")))
                                })))
                }))
    }
}

/// A request that has been submitted: what it says, and the team manager's decision on it.
extension RequestPages.ViewPage: PageView {
    var content: HTMLNode {
        .group(
            .p(.class("caption"), "Case ", .link(caseHref, .words(caseReference))),
            .h1("Strategy meeting request ", .tag(status, tagClass)),
            .errorSummary(errors),
            .summaryList(fields),
            .h2("Professionals to invite"),
            .bullets(invitees),
            .if(canApprove, decision),
            .if(
                canBook,
                .p(
                    .a(
                        .class("button"), .attr("href", SitePath.schedule.href + "?requestId=\(requestId)"),
                        "Book a slot"))))
    }

    /// Approve the request, or return it to the social worker with the reason.
    private var decision: HTMLNode {
        .group(
            .h2("Team manager's decision"),
            .postForm(
                SitePath.requestApprove(.value(requestId)).href, layout, novalidate: false, .submit("Approve request")),
            .postForm(
                SitePath.requestReturn(.value(requestId)).href, layout, novalidate: false,
                .field(
                    "field-reason", label: "Reason for returning it to the social worker", for: "reason",
                    error: errors.byField["reason"], .textArea("reason", name: "reason", text: nil)),
                .submit("Return to social worker", class: "button button-secondary")))
    }
}
