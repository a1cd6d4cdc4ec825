import ConveneCore
import Plot

/// Creating a case: its reference, team, people and type.
extension NewCasePage.Form: PageView {
    var content: HTMLNode {
        let error = errors.byField
        return .group(
            .h1("Create a case"),
            .errorSummary(errors),
            .p(
                .class("lead"),
                "Open a case for one family. You can add the children and adults on the case page next, then start a strategy meeting request."
            ),
            .postForm(
                SitePath.cases.href, layout,
                .field(
                    "field-reference", label: "Case reference", for: "reference",
                    hint: "The family's reference in your case management system, for example NS-10482.",
                    hintId: "reference-hint", error: error["reference"],
                    .textInput(
                        "reference", name: "reference", value: values["reference"], .attr("class", "input-medium"),
                        .attr("aria-describedby", "reference-hint"), .attr("autocomplete", "off"),
                        .attr("spellcheck", "false"))),
                choice("teamId", "Team", "Choose a team", teams),
                choice("socialWorkerId", "Allocated social worker", "Choose a social worker", socialWorkers),
                choice("teamManagerId", "Team manager", "Choose a team manager", teamManagers),
                choice("serviceManagerId", "Service manager", "Choose a service manager", serviceManagers),
                .fieldset(
                    "field-caseType", legend: "Case type", error: error["caseType"],
                    .radios("caseType", name: "caseType", caseTypes)),
                .field(
                    "field-referralDate", label: "Referral date (optional)", for: "referralDate",
                    hint: "The date the referral was received. It starts the 45 working day assessment clock.",
                    hintId: "referralDate-hint", error: error["referralDate"],
                    .textInput(
                        "referralDate", name: "referralDate", value: values["referralDate"], type: "date",
                        .attr("aria-describedby", "referralDate-hint"))),
                .submit("Create case")))
    }

    private func choice(_ name: String, _ label: String, _ prompt: String, _ options: [Option]) -> HTMLNode {
        .field(
            "field-\(name)", label: label, for: name, error: errors.byField[name],
            .select(name, name: name, prompt: prompt, options))
    }
}

/// A step that asks to be confirmed (finalising without quorum, say), with what it will do.
extension ConfirmPage: PageView {
    var content: HTMLNode {
        .group(
            .p(.class("caption"), .words(caption)),
            .h1(.words(heading)),
            .errorSummary(errors),
            .summaryList(rows.map { Pair($0.label, $0.value) }),
            .div(.class("warning-text"), .p(.strong(.words(warning)))),
            .postForm(
                action, layout, .group(hidden.map { .hidden($0.name, $0.value) }),
                .unwrap(field) { field in
                    .field(
                        "field-" + field.name, label: field.label, for: "confirm-" + field.name, hint: field.hint,
                        hintId: "confirm-\(field.name)-hint", error: field.error,
                        .textArea(
                            "confirm-" + field.name, name: field.name, text: field.value,
                            .attr("aria-describedby", "confirm-\(field.name)-hint")))
                },
                .submit(button)),
            .p(.link(backHref, .words(backText))))
    }
}

/// An error page: what went wrong, and the way home.
extension ProblemMiddleware.ErrorPage: PageView {
    var content: HTMLNode {
        .group(.h1(.words(heading)), .p(.class("lead"), .words(detail)), .p(.link(homeHref, .words(homeText))))
    }
}
