import Foundation
import LeafKit
import NIOCore
import Testing
import VaporTesting

@testable import ConveneWeb
@testable import Leaf

/// Pages are rendered by their compiled templates once LeafKit has parsed them; the bytes must be
/// LeafKit's own, for every construct Convene's templates use. (Every web test also renders each
/// page both ways and fails on a difference: `withConvene` turns that check on.)
@Suite("Compiled templates")
struct CompiledTemplateTests {
    static let layout = """
        <!DOCTYPE html><title>#(title)</title><a href="#main">Skip</a>
        #import("body")
        """

    static let page = """
        #extend("layout"):#export("body"):
        <h1>#(title) #(missing) #(nested.missing.deeper)</h1>
        <p>#(count) #(flag) #(nested.name) #(nested.inner.name)</p>
        #if(flag):yes#else:no#endif #if(missing):shown#elseif(nested.name):elseif#else:else#endif
        #if(!flag):not#endif #if(!missing):absent#endif #if(count):a number holds#endif #if(zero):zero holds#endif
        #if(off):off#else:off is false#endif #if(text):text holds#endif #if(emptyText):empty text holds#endif
        #if(status == "open" && flag):open and flag#endif #if(status == "closed" || flag):or#endif
        #if(status != ""):not empty#endif #if(missing == "x"):nil equals#endif #if(!off && flag):both#endif
        #if(count == "3"):three as text#endif #if(flag == true):true#endif #if(missing == nil):nil is nil#endif
        #if(isEmpty(rows)):no rows#else:#count(rows) rows#endif #if(isEmpty(none)):none#endif
        #if(!isEmpty(nested)):a record#endif #if(isEmpty(emptyText)):empty#endif #(count(rows))
        <ul>#for(row in rows):<li class="#if(isFirst):first#endif #if(isLast):last#endif">#(index) #(row.name) #(row.warning) #(title)
        #for(tag in row.tags):[#(index) #(tag) #(row.name) #(isFirst) #(isLast)]#endfor</li>#endfor</ul>
        #for(row in none):never#endfor #for(name in nested.names):<b>#(name)</b>#endfor
        #for(title in names):#(title)#endfor #(title)
        #endexport#endextend
        """

    /// Renders `page` with LeafKit and with its compiled template, for several contexts.
    @Test func everyConstructRendersAsLeafKitRendersIt() async throws {
        try await withViews(["layout": Self.layout, "page": Self.page]) { renderer, templates in
            let escapes = "Ünïcödé & <b>\"quoted\"</b> 'apostrophe' → done"
            let rows: [LeafData] = [
                .dictionary(["name": .string("First <row>"), "tags": .array([.string("a&b"), .string("c")])]),
                .dictionary(["name": .string(escapes), "warning": .string("Check this date"), "tags": .array([])]),
                .dictionary(["name": .string("Third"), "tags": .array([.string("x")])]),
            ]
            let contexts: [[String: LeafData]] = [
                [
                    "title": .string(escapes), "count": .int(3), "zero": .int(0), "flag": .bool(true), "off": .bool(false),
                    "text": .string("false"), "emptyText": .string(""), "status": .string("open"), "rows": .array(rows),
                    "none": .array([]), "names": .array([.string("shadow")]),
                    "nested": .dictionary([
                        "name": .string("Nested"), "inner": .dictionary(["name": .string("Inner")]),
                        "names": .array([.string("one"), .string("<two>")]),
                    ]),
                ],
                [
                    "title": .string("Almost nothing"), "rows": .array([]), "none": .array([]), "names": .array([]),
                    "nested": .dictionary(["names": .array([])]),
                ],
                [
                    "title": .string(""), "count": .int(-12), "flag": .bool(false), "off": .bool(true),
                    "status": .string("closed"),
                    "rows": .array([rows[0]]), "none": .array([]), "names": .array([]),
                    "nested": .dictionary(["names": .array([.string("only")])]),
                ],
            ]
            for context in contexts {
                let leaf = String(buffer: try await renderer.render(path: "page", context: context).get())
                let template = try #require(try await compiled("page", renderer, templates))
                let ours = String(buffer: try template.render(context))
                #expect(ours == leaf)
                #expect(leaf.contains("#main") && leaf.contains("<!DOCTYPE html>"))
            }
            let full = String(buffer: try await renderer.render(path: "page", context: contexts[0]).get())
            #expect(full.contains("Ünïcödé &amp; &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &#39;apostrophe&#39; → done"))
            #expect(full.contains("open and flag") && full.contains("3 rows"))
            #expect(full.contains("[0 a&amp;b First &lt;row&gt; true false]"))
        }
    }

    /// A value the compiled template does not write itself (a number with a fraction) hands the page
    /// back to LeafKit, which renders it as before; so does a list that is not there to loop over,
    /// where LeafKit fails, and the page fails as it did.
    @Test func aPageWithAValueItDoesNotWriteIsRenderedByLeafKit() async throws {
        let template = "<p>#(ratio)</p>#for(row in rows):#(row)#endfor"
        try await withViews(["ratio": template]) { renderer, templates in
            let page = PageRenderer(leaf: renderer, compiled: templates)
            struct Ratio: Encodable {
                var ratio: Double
                var rows: [String]
            }
            struct NoRows: Encodable { var ratio: Double }
            let first = String(buffer: try await page.render("ratio", Ratio(ratio: 0.25, rows: ["a"])).get().data)
            #expect(templates.compiledNames == ["ratio"])
            let context = try PageContextEncoder.encode(Ratio(ratio: 0.25, rows: ["a"]))
            #expect(throws: CompiledTemplate.HandBack.self) { try templates.template("ratio")!.render(context) }
            let again = String(buffer: try await page.render("ratio", Ratio(ratio: 0.25, rows: ["a"])).get().data)
            #expect(first == "<p>0.25</p>a" && again == first)
            await #expect(throws: (any Error).self) { try await page.render("ratio", NoRows(ratio: 1)).get() }
        }
    }

    /// The pages a team manager opens are rendered by compiled templates (and, as in every web test,
    /// checked against LeafKit's rendering of the same context).
    @Test func thePagesOfACaseAreRenderedByTheirCompiledTemplates() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let grace = PageClient(app: api.app)
            try await grace.signIn("grace", at: clock.now)
            for path in ["/dashboard", "/my-work", "/cases", "/cases/\(w.caseId)", "/schedule", "/account"] {
                // The first time LeafKit renders and caches the template; then it is compiled.
                for _ in 1...2 { #expect(try await grace.get(path).status == 200) }
            }
            let names = Set(api.app.compiledTemplates.compiledNames)
            #expect(names.isSuperset(of: ["dashboard", "my-work", "cases", "case", "schedule", "account"]))
        }
    }

    // MARK: - Helpers

    /// A LeafKit renderer over templates written to a directory of their own, with Convene's tags.
    private func withViews(
        _ views: [String: String], _ body: (LeafRenderer, CompiledTemplates) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("views-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in views {
            try text.write(to: directory.appendingPathComponent("\(name).leaf"), atomically: true, encoding: .utf8)
        }
        try await withApp { app in
            app.leaf.configuration = LeafConfiguration(rootDirectory: directory.path + "/")
            app.leaf.sources = .singleSource(
                NIOLeafFiles(
                    fileio: app.fileio, limits: .default, sandboxDirectory: directory.path + "/",
                    viewDirectory: directory.path + "/"))
            app.leaf.tags["isEmpty"] = IsEmptyTag()
            try await body(app.leaf.renderer, CompiledTemplates())
        }
    }

    /// The template LeafKit has cached for `name`, compiled.
    private func compiled(_ name: String, _ renderer: LeafRenderer, _ templates: CompiledTemplates) async throws
        -> CompiledTemplate?
    {
        guard let ast = try await renderer.cache.retrieve(documentName: name, on: renderer.eventLoop).get() else { return nil }
        templates.compile(name, from: ast, tags: renderer.tags)
        return templates.template(name)
    }
}
