import Foundation
import LeafKit
import Testing

@testable import ConveneWeb
@testable import Leaf

/// Pages are rendered with Convene's own context encoder; it must give Leaf exactly the data
/// Leaf's own encoder gives, for every shape a page's context takes.
struct PageContextEncoderTests {
    struct Row: Encodable {
        var href: String
        var count: Int
        var done: Bool
        var warning: String?
    }

    struct Nested: Encodable {
        var rows: [Row]
        var byKey: [String: String]
    }

    struct Page: Encodable {
        var title: String
        var rows: [Row]
        var empty: [Row]
        var nested: Nested
        var optionalNested: Nested?
        var absentNested: Nested?
        var id: UUID
        var when: Date
        var ratio: Double
        var maybe: Int?
        var absent: String?
        var tags: [String]
        var optionals: [String?]
        var matrix: [[Int]]
        var small: UInt8
        var dates: [Date]
        var ids: Set<UUID>
        var named: [String: Int]
    }

    /// A value written through a nested container and a super encoder, not by synthesized code.
    struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case inner, list, parent }
        enum InnerKeys: String, CodingKey { case name }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
            try inner.encode("Inner", forKey: .name)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var nestedInList = list.nestedContainer(keyedBy: InnerKeys.self)
            try nestedInList.encode("In a list", forKey: .name)
            try list.encodeNil()
            var parent = container.superEncoder(forKey: .parent).singleValueContainer()
            try parent.encode("From a super encoder")
        }
    }

    @Test func everyShapeOfContextEncodesAsLeafEncodesIt() throws {
        let row = Row(href: "/cases/1", count: 3, done: true, warning: nil)
        let warned = Row(href: "/cases/2?a=b&c=<d>", count: -1, done: false, warning: "Check this date")
        let nested = Nested(rows: [row, warned], byKey: ["b": "2", "a": "1"])
        let page = Page(
            title: "Case GN-000001", rows: [row, warned], empty: [], nested: nested, optionalNested: nested,
            absentNested: nil, id: UUID(), when: Date(timeIntervalSince1970: 1_795_000_000.5), ratio: 0.25, maybe: 7,
            absent: nil, tags: ["a", "b"], optionals: ["x", nil, "y"], matrix: [[1, 2], [], [3]], small: 7,
            dates: [Date(timeIntervalSince1970: 0)], ids: [UUID()], named: ["a": 1, "b": 2])
        let ours = try PageContextEncoder.encode(page)
        #expect(ours == (try LeafEncoder.encode(page)))
        #expect(ours["absent"] == nil && ours["absentNested"] == nil && ours["maybe"] == .int(7))
        #expect(ours["rows"]?.array?.count == 2 && ours["rows"]?.array?[0].dictionary?["warning"] == nil)

        let handwritten = try PageContextEncoder.encode(Handwritten())
        #expect(handwritten == (try LeafEncoder.encode(Handwritten())))
        #expect(handwritten["inner"]?.dictionary?["name"] == .string("Inner"))
        #expect(handwritten["list"]?.array?.count == 2)
        #expect(handwritten["parent"] == .string("From a super encoder"))

        #expect(try PageContextEncoder.encode([String: String]()) == [:])
        #expect(throws: (any Error).self) { try PageContextEncoder.encode(["a list is not a page"]) }
    }
}
