import Plot
import Testing

@testable import ConveneWeb

/// The views escape every value they write, in text and in attributes (Plot writes attribute
/// values as given, and leaves text that looks like an entity alone).
struct ViewTests {
    @Test func valuesAreEscapedInTextAndAttributes() {
        let typed = #"Ann "A" O'Neil <script>&amp;"#
        let html = HTMLNode.p(.attr("title", typed), .words(typed)).render()
        #expect(
            html
                == #"<p title="Ann &quot;A&quot; O&#39;Neil &lt;script&gt;&amp;amp;">Ann &quot;A&quot; O&#39;Neil &lt;script&gt;&amp;amp;</p>"#
        )
        #expect("plain text, no markup".htmlEscaped == "plain text, no markup")
    }

    @Test func aFieldKeepsWhatWasTypedInsideItsValue() {
        let html = HTMLNode.textInput("name", name: "name", value: #""><img src=x onerror=alert(1)>"#).render()
        #expect(html == #"<input type="text" id="name" name="name" value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">"#)
        #expect(!html.contains("<img"))
    }

    @Test func aTextAreaKeepsALeadingLineBreak() {
        // The browser drops the first line break after <textarea>: one more keeps the typed one.
        #expect(
            HTMLNode.textArea("a", name: "a", text: "\nSecond line").render()
                == "<textarea id=\"a\" name=\"a\">\n\nSecond line</textarea>")
        #expect(
            HTMLNode.textArea("a", name: "a", text: "One line").render() == "<textarea id=\"a\" name=\"a\">One line</textarea>")
    }

    @Test func theErrorSummaryLinksEachProblemToItsField() {
        let errors = FormErrors(
            [.init(field: "reference", reason: "enter the case reference")], labels: ["reference": "Case reference"])
        let html = HTMLNode.errorSummary(errors).render()
        #expect(html.contains(##"<a href="#field-reference">Case reference: enter the case reference</a>"##))
        #expect(HTMLNode.errorSummary(.none).render().isEmpty)
    }
}
