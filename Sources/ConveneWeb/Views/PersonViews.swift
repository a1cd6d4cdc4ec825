import ConveneCore
import Foundation
import Plot

/// The form for a child, parent or carer, or other relevant person: on the case page, on the
/// request form, and on the page that changes one.
extension Node where Context == HTML.BodyContext {
    /// "Add a child, parent or carer …": open when the last try had errors.
    static func addPersonForm(
        caseId: UUID, returnTo: String?, roles: [Option], posted: [String: String], errors: FormErrors, _ layout: Layout
    ) -> Node {
        .disclosure(
            "Add a child, parent or carer, or other relevant person", open: errors.any, id: "add-person",
            .postForm(
                SitePath.casePeople(.value(caseId)).href, layout, .unwrap(returnTo) { .hidden("returnTo", $0) },
                .personFields(roles: roles, posted: posted, errors: errors),
                .submit("Add person", class: "button button-secondary")))
    }

    /// The person's fields, filled with what was posted or stored.
    static func personFields(roles: [Option], posted: [String: String], errors: FormErrors) -> Node {
        let error = errors.byField
        return .group(
            .field(
                "person-role", label: "Role", for: "person-role-select", error: error["role"],
                .select("person-role-select", name: "role", prompt: "Choose", roles)),
            .field(
                "person-fullName", label: "Full name", for: "person-fullName-input", error: error["fullName"],
                .textInput("person-fullName-input", name: "fullName", value: posted["fullName"], .attr("autocomplete", "off"))),
            .div(
                .attr(
                    "class",
                    error["dateOfBirth"] != nil || error["dateOfBirthUnknown"] != nil ? "field field-error" : "field"),
                .id("person-dateOfBirth"),
                .el("label", .attr("for", "person-dob"), "Date of birth"),
                .p(
                    .class("hint"), .id("person-dob-hint"),
                    "Needed before the request is submitted. If you do not know it, tick \"Not known\". For an unborn child, give the expected date of delivery below instead."
                ),
                .errorMessage(error["dateOfBirth"]), .errorMessage(error["dateOfBirthUnknown"]),
                .textInput(
                    "person-dob", name: "dateOfBirth", value: posted["dateOfBirth"], type: "date",
                    .attr("aria-describedby", "person-dob-hint")),
                .div(
                    .class("checkboxes"), .id("person-dateOfBirthUnknown"),
                    .checkbox(
                        "person-dob-unknown", name: "dateOfBirthUnknown", value: "true",
                        checked: posted["dateOfBirthUnknown"] != nil, label: "Not known"))),
            .field(
                "person-expectedDeliveryDate", label: "Expected date of delivery (unborn child only, optional)",
                for: "person-edd", error: error["expectedDeliveryDate"],
                .textInput("person-edd", name: "expectedDeliveryDate", value: posted["expectedDeliveryDate"], type: "date")),
            .field(
                "person-ethnicity",
                label: "Ethnicity (for a child, needed before submitting; write \"Not known\" if so)",
                for: "person-ethnicity-input", error: error["ethnicity"],
                .textInput("person-ethnicity-input", name: "ethnicity", value: posted["ethnicity"])),
            .field(
                "person-disability",
                label: "Disability (for a child, needed before submitting; write \"None known\" if so)",
                for: "person-disability-input", error: error["disability"],
                .textInput("person-disability-input", name: "disability", value: posted["disability"])),
            .field(
                "person-caseNumber", label: "Case number (LCS), optional: only if known to CSC",
                for: "person-caseNumber-input", error: error["caseNumber"],
                .textInput(
                    "person-caseNumber-input", name: "caseNumber", value: posted["caseNumber"],
                    .attr("class", "input-medium"))),
            .field(
                "person-address", label: "Full address (for a child, needed before submitting)",
                for: "person-address-input", error: error["address"],
                .textArea("person-address-input", name: "address", text: posted["address"])),
            .field(
                "person-relationship", label: "Relationship to the children (optional)",
                for: "person-relationship-input", error: error["relationship"],
                .textInput("person-relationship-input", name: "relationship", value: posted["relationship"])),
            .field(
                "person-checksRequired", label: "Checks required, for example police intelligence (optional)",
                for: "person-checks-input", error: error["checksRequired"],
                .textArea("person-checks-input", name: "checksRequired", text: posted["checksRequired"])))
    }

    /// The people of a case, each with a "Change" link while they can still change.
    static func peopleTable(_ people: [CasePages.PersonRow], caption: String) -> Node {
        .dataTable(
            caption: caption, columns: ["Name", "Role", "Born", "Details", Column("Change", hidden: true)],
            rows: people.map { person in
                TableRow(
                    [
                        .group(.words(person.name), .errorMessage(person.error)), .words(person.role),
                        .words(person.born), .words(person.detail),
                        .unwrap(person.changeHref) {
                            .link($0, "Change", .span(.class("visually-hidden"), .words(" \(person.name)'s details")))
                        },
                    ], id: person.anchor)
            })
    }
}

extension PersonPages.EditPage: PageView {
    var content: HTMLNode {
        .group(
            .p(.class("caption"), "Case ", .link(caseHref, .words(caseReference))),
            .h1(.words("Change \(name)'s details")),
            .errorSummary(errors),
            .div(.id("person-version"), .errorMessage(errors.byField["version"])),
            .postForm(
                personAction, layout, .hidden("version", String(version)), .unwrap(returnTo) { .hidden("returnTo", $0) },
                .personFields(roles: personRoles, posted: posted, errors: errors), .submit("Save changes")),
            .h2("Added in error?"),
            .p(
                .words(
                    "Remove \(name) from the case if they were added by mistake. This cannot be undone, but you can add them again."
                )),
            .postForm(
                removeAction, layout, .hidden("version", String(version)), .unwrap(returnTo) { .hidden("returnTo", $0) },
                .submit("Remove \(name)", class: "button button-warning")))
    }
}
