import ConveneCore
import Plot

/// The GOV.UK form patterns: a form that posts, a field with its label, hint and error, and the
/// controls (text, text area, select, radios and checkboxes).
extension Node where Context == HTML.BodyContext {
    /// A form that posts to `action`, carrying the session's CSRF value and, unless `formToken` is
    /// false, the page view's form token (a repeat of the same post is answered with the first result).
    static func postForm(
        _ action: String, _ layout: Layout, id: String? = nil, class formClass: String? = nil, novalidate: Bool = true,
        formToken: Bool = true, _ nodes: Node...
    ) -> Node {
        .el(
            "form", .attr("method", "post"), .attr("action", action), .unwrap(id) { .attr("id", $0) },
            .unwrap(formClass) { .attr("class", $0) }, .flag("novalidate", novalidate), .hidden(CSRF.field, layout.csrf),
            formToken ? .hidden(Idempotency.formField, layout.formToken) : .empty, .group(nodes))
    }

    /// A form that reads: its values go in the address.
    static func getForm(_ action: String, class formClass: String? = nil, _ nodes: Node...) -> Node {
        .el(
            "form", .attr("method", "get"), .attr("action", action), .unwrap(formClass) { .attr("class", $0) },
            .group(nodes))
    }

    /// A field: its label, an optional hint, the error message when there is one, then the control.
    /// `id` is the wrapper's, which the error summary links to; `control` is the control's, for the label.
    static func field(
        _ id: String?, label: String, for control: String, hint: String? = nil, hintId: String? = nil, error: String?,
        _ controls: Node...
    ) -> Node {
        .div(
            .attr("class", error == nil ? "field" : "field field-error"), .unwrap(id) { .attr("id", $0) },
            .el("label", .attr("for", control), .words(label)),
            .unwrap(hint) { text in .p(.class("hint"), .unwrap(hintId) { .attr("id", $0) }, .words(text)) },
            .errorMessage(error), .group(controls))
    }

    /// A field of radios or checkboxes: a fieldset whose legend is the question.
    static func fieldset(_ id: String, legend: String, hint: String? = nil, error: String?, _ controls: Node...) -> Node {
        .div(
            .attr("class", error == nil ? "field" : "field field-error"), .attr("id", id),
            .el(
                "fieldset", .el("legend", .words(legend)), .unwrap(hint) { .p(.class("hint"), .words($0)) },
                .errorMessage(error), .group(controls)))
    }

    /// A one-line text input (or `type` date, datetime-local, search …). A date field shows a
    /// date written 14/05/2017 as the browser's date field holds it (2017-05-14): shown again
    /// after a refusal, it keeps what was typed instead of showing nothing.
    static func textInput(
        _ id: String, name: String, value: String?, type: String = "text", _ attributes: Node<Any>...
    ) -> Node {
        let shown = type == "date" ? value.map { LocalDate(written: $0)?.description ?? $0 } : value
        return .input(
            .attr("type", type), .attr("id", id), .attr("name", name), .attr("value", shown ?? ""),
            .group(attributes))
    }

    /// A text area holding `text`. A browser drops one line break right after `<textarea>`, so a
    /// text that starts with one gets another in front, or saving the form would lose it.
    static func textArea(_ id: String, name: String, text: String?, _ attributes: Node...) -> Node {
        let text = text ?? ""
        return .el(
            "textarea", .attr("id", id), .attr("name", name), .group(attributes),
            .words(text.hasPrefix("\n") ? "\n" + text : text))
    }

    /// A select list; `prompt` is the first, empty choice ("Choose").
    static func select(_ id: String, name: String, prompt: String?, _ options: [Option], _ attributes: Node...) -> Node {
        .el(
            "select", .attr("id", id), .attr("name", name), .group(attributes),
            .unwrap(prompt) { .el("option", .attr("value", ""), .words($0)) },
            .group(
                options.map { .el("option", .attr("value", $0.value), .flag("selected", $0.selected), .words($0.label)) }))
    }

    /// A checkbox and its label.
    static func checkbox(
        _ id: String, name: String, value: String = "on", checked: Bool, label: Node<HTML.LabelContext>...
    ) -> Node {
        .div(
            .class("checkbox"),
            .input(
                .attr("type", "checkbox"), .attr("id", id), .attr("name", name), .attr("value", value),
                .flag("checked", checked)),
            .label(.attr("for", id), .group(label)))
    }

    /// Radios, one per option, named `name`, each with the id `<idPrefix>-<value>`.
    static func radios(_ idPrefix: String, name: String, _ options: [Option]) -> Node {
        .div(
            .class("radios"),
            .group(
                options.map { option in
                    .div(
                        .class("radio"),
                        .input(
                            .attr("type", "radio"), .attr("id", "\(idPrefix)-\(option.value)"), .attr("name", name),
                            .attr("value", option.value), .flag("checked", option.selected)),
                        .label(.attr("for", "\(idPrefix)-\(option.value)"), .words(option.label)))
                }))
    }

    /// A submit button.
    static func submit(_ text: String, class buttonClass: String = "button", _ attributes: Node<HTML.ButtonContext>...)
        -> Node
    {
        .button(.attr("class", buttonClass), .attr("type", "submit"), .group(attributes), .words(text))
    }
}
