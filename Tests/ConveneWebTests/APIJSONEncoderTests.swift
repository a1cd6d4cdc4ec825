import ConveneCore
import Foundation
import NIOCore
import Testing

@testable import ConveneWeb

/// API responses are written by `APIJSONEncoder`; it must write exactly the bytes Foundation's
/// encoder writes with the API's settings (`JSONCoding.encoder()`), for every kind of value.
struct APIJSONEncoderTests {
    struct Everything: Codable {
        var text: String
        var escaped: String
        var unicode: String
        var count: Int
        var negative: Int64
        var small: UInt8
        var ratio: Double
        var whole: Double
        var tiny: Double
        var large: Double
        var flag: Bool
        var id: UUID
        var when: Date
        var missing: String?
        var present: Int?
        var list: [String]
        var optionals: [Int?]
        var nested: [[Date]]
        var byKey: [String: Int]
        var byId: [UUID: String]
        var link: URL
        var clock: Clock
        var state: ClockState
        var day: LocalDate
    }

    /// An explicit nil, and a nested container, which synthesized code never writes.
    struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case explicitNil, inner, list, twice }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("first", forKey: .twice)
            try container.encodeNil(forKey: .explicitNil)
            try container.encode("second", forKey: .twice)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encode(true, forKey: .list)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encodeNil()
            try list.encode("after a null")
        }
    }

    func ours(_ value: some Encodable) throws -> String {
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        try APIJSONEncoder.write(value, to: &buffer)
        return String(buffer: buffer)
    }

    func foundations(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.encoder().encode(value), as: UTF8.self)
    }

    @Test func everyKindOfValueIsWrittenAsFoundationWritesIt() throws {
        let instants = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_000_000.999), Date(timeIntervalSince1970: -0.5),
            Date(timeIntervalSince1970: -2_208_988_800), Date(timeIntervalSince1970: 7_289_654_399),
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.25),  // 2100-02-28T23:59:59
        ]
        let clock = Clock(
            kind: .s47Enquiry, caseId: UUID(), caseReference: "GN-000001", subjectId: UUID(), label: "S47 enquiry",
            startedAt: instants[1], dueAt: instants[5], completedAt: nil, ownerId: UUID(), state: .overdue,
            warning: "Check this date")
        for (index, when) in instants.enumerated() {
            let value = Everything(
                text: "Plain", escaped: "quote \" back \\ slash / tab \t newline \n cr \r bell \u{07} nul \u{0} \u{1F} end",
                unicode: "Zoë – 日本 🙂", count: index, negative: -9_000_000_000, small: 255, ratio: 0.1 + 0.2, whole: 2,
                tiny: 1e-7, large: 1.5e300, flag: index.isMultiple(of: 2), id: UUID(), when: when, missing: nil,
                present: index == 0 ? nil : index, list: ["a", "", "b/c"], optionals: [1, nil, 3], nested: [[when], []],
                byKey: ["b": 2, "a": 1, "B": 3, "a10": 10, "a9": 9, "é": 5, "_": 0], byId: [UUID(): "x", UUID(): "y"],
                link: URL(string: "https://example.test/a?b=c&d=e")!, clock: clock, state: .dueSoon,
                day: LocalDate("2026-11-24")!)
            #expect(try ours(value) == foundations(value))
        }
        #expect(try ours(Handwritten()) == foundations(Handwritten()))
        #expect(try ours([clock, clock]) == foundations([clock, clock]))
        #expect(try ours("top-level text") == foundations("top-level text"))
        #expect(throws: (any Error).self) { try ours(Double.nan) }
    }

    /// The dashboard's clocks are written field by field (`APIJSONWritable`), not through their
    /// `Encodable` conformance: every kind and state, with and without each optional field.
    @Test func clocksWrittenFieldByFieldAreWrittenAsFoundationWritesThem() throws {
        var responses: [ClocksController.ClockResponse] = []
        for (index, kind) in ClockKind.allCases.enumerated() {
            for variant in 0..<4 {
                let start = Date(timeIntervalSince1970: 1_795_000_000 + Double(index * 86_400) + 0.75)
                let clock = Clock(
                    kind: kind, caseId: UUID(), caseReference: "GN-\(index)/\"\(variant)\"", subjectId: UUID(),
                    label: variant == 1 ? "Zoë – 日本 \\ / \u{1F}" : "Meeting held", startedAt: start,
                    dueAt: start.addingTimeInterval(Double(variant) * 3_600.5),
                    completedAt: variant.isMultiple(of: 2) ? start.addingTimeInterval(60) : nil,
                    ownerId: variant < 2 ? UUID() : nil,
                    state: ClockState.allCases[(index + variant) % ClockState.allCases.count],
                    warning: variant == 3 ? "Past the bank-holiday list" : nil)
                responses.append(ClocksController.ClockResponse(clock: clock, secondsLeft: (variant - 2) * 7_261))
            }
        }
        #expect(responses as Any is any APIJSONWritable)
        #expect(try ours(responses) == foundations(responses))
        #expect(try ours([ClocksController.ClockResponse]()) == foundations([ClocksController.ClockResponse]()))
        #expect(try ours(responses[0].clock) == foundations(responses[0].clock))
    }
}
