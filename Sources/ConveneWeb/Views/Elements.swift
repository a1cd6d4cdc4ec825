import ConveneCore
import Plot

/// What a page's content is made of: Plot nodes in the body of an HTML document.
typealias HTMLNode = Node<HTML.BodyContext>

// Plot's typed elements and attributes are used where they fit; `.element(named:)` where Plot has
// no such attribute (`role`, `for`, `form`, `aria-describedby` …). Every value a person or the
// store supplies goes through `.words` (text) or `.attr` (an attribute), which escape it.
extension Node {
    /// Text from a value, escaped.
    static func words(_ text: String) -> Node { .raw(text.htmlEscaped) }

    /// An attribute with a value, escaped.
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: value.htmlEscaped, ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute (`selected`, `checked`, `disabled`, `open`, `hidden`), present when `on`.
    static func flag(_ name: String, _ on: Bool) -> Node { on ? .attribute(named: name) : .empty }

    /// An element with its attributes and children, for the elements Plot types too narrowly.
    static func el(_ name: String, _ nodes: Node...) -> Node { .element(named: name, nodes: nodes) }

    /// An `<input>`: attributes only, and no closing tag.
    static func input(_ attributes: Node<Any>...) -> Node {
        var element = Element<Context>.named("input", nodes: attributes)
        element.closingMode = .neverClosed
        return .element(element)
    }

    /// A group of nodes made from each item.
    static func each<S: Sequence>(_ items: S, _ make: (S.Element) -> Node) -> Node { .group(items.map(make)) }
}

extension Node where Context == HTML.BodyContext {
    /// A link.
    static func link(_ href: String, _ nodes: Node<HTML.AnchorContext>...) -> Node {
        .a(.attr("href", href), .group(nodes))
    }

    /// A coloured tag: `<strong class="tag tag-green">Done</strong>`.
    static func tag(_ text: String, _ tagClass: String) -> Node {
        .strong(.attr("class", "tag \(tagClass)"), .words(text))
    }

    /// A grey line of text for an empty list or an aside.
    static func muted(_ text: String) -> Node { .p(.class("muted"), .words(text)) }

    /// A field's error message, when it has one.
    static func errorMessage(_ message: String?) -> Node {
        .unwrap(message) { .p(.class("error-message"), .words($0)) }
    }

    /// `<input type="hidden">`, optionally belonging to a form elsewhere on the page.
    static func hidden(_ name: String, _ value: String, form: String? = nil) -> Node {
        .input(.attr("type", "hidden"), .unwrap(form) { .attr("form", $0) }, .attr("name", name), .attr("value", value))
    }

    /// A summary list of labels and values.
    static func summaryList(_ pairs: [Pair]) -> Node {
        .dl(.class("summary"), .group(pairs.map { .group(.dt(.words($0.label)), .dd(.words($0.value))) }))
    }

    /// The list's items as a bulleted list.
    static func bullets(_ items: [String], class listClass: String? = nil) -> Node {
        .ul(.unwrap(listClass) { .class($0) }, .group(items.map { .li(.words($0)) }))
    }
}

extension Node where Context == HTML.BodyContext {
    /// A disclosure: `summary` shows, the rest opens under it (`open` after an error in it).
    static func disclosure(
        _ summary: String, open: Bool = false, id: String? = nil, class detailsClass: String? = nil, _ nodes: Node...
    ) -> Node {
        .el(
            "details", .unwrap(id) { .attr("id", $0) }, .unwrap(detailsClass) { .attr("class", $0) },
            .flag("open", open), .el("summary", .words(summary)), .group(nodes))
    }
}
