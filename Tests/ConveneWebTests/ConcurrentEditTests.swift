import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing
import VaporTesting

@testable import ConveneWeb

@Suite("Two people editing one record")
struct ConcurrentEditTests {
    static func sectionVersion(_ page: Page, meeting: String, section: String) -> String? {
        wholeRecordFields(page)["sectionVersion-\(section)"]
    }

    /// Every field of the whole-record form as the page shows it, as a browser would post it.
    static func wholeRecordFields(_ page: Page) -> [String: String] {
        func unescape(_ text: Substring) -> String {
            String(text).replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        func attribute(_ name: String, in tag: Substring) -> String? {
            guard let start = tag.range(of: " \(name)=\"") else { return nil }
            return unescape(tag[start.upperBound...].prefix { $0 != "\"" })
        }
        var fields: [String: String] = [:]
        var rest = page.body[...]
        while let open = rest.range(of: "form=\"whole-record\"") {
            let tagStart = rest[..<open.lowerBound].lastIndex(of: "<")!
            let tagEnd = rest[open.upperBound...].firstIndex(of: ">")!
            let tag = rest[tagStart...tagEnd]
            rest = rest[rest.index(after: tagEnd)...]
            guard let name = attribute("name", in: tag) else { continue }
            if tag.hasPrefix("<textarea") {
                fields[name] = unescape(rest.prefix { $0 != "<" })
            } else if tag.hasPrefix("<select") {
                let options = rest[..<rest.range(of: "</select>")!.lowerBound]
                if let selected = options.range(of: " selected>") {
                    let option = options[..<selected.lowerBound]
                    fields[name] = attribute("value", in: option[option.range(of: "<option", options: .backwards)!.lowerBound...])
                }
            } else if tag.contains("type=\"checkbox\"") {
                if tag.contains(" checked") { fields[name] = attribute("value", in: tag) }
            } else if tag.hasPrefix("<input") {
                fields[name] = attribute("value", in: tag)
            }
        }
        return fields.filter { !$0.value.isEmpty }
    }

    @Test func savingTheWholeRecordKeepsEverySectionAndConflictsOnlyWhereBothChanged() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            let meeting = try await BadInputTests.ids(api, w)["meetingID"]!
            let chair = PageClient(app: api.app)
            try await chair.signIn("grace", at: clock.now)
            let taker = PageClient(app: api.app)
            try await taker.signIn("jo", at: clock.now)
            let chairPage = try await chair.get("/meetings/\(meeting)")
            let takerPage = try await taker.get("/meetings/\(meeting)")
            let path = "/meetings/\(meeting)/record"
            // The minute taker types the plan and saves the record
            var takerFields = Self.wholeRecordFields(takerPage)
            #expect(takerFields["sectionHash-plan"] != nil && takerFields["sectionVersion-risk"] != nil)
            takerFields["safetyPlan"] = "Stay with gran."
            takerFields["section"] = "plan"
            let saved = try await taker.post(path, takerFields)
            #expect(saved.status == 303 && saved.location == "/meetings/\(meeting)#section-plan")
            // The chair, from the page opened before, types risk and CSC information and saves: the plan
            // she did not touch is not a conflict and keeps the taker's text
            var chairFields = Self.wholeRecordFields(chairPage)
            chairFields["riskFactors"] = "Weapon in the home."
            chairFields["cscInformation"] = "Known to CSC since 2024."
            let second = try await chair.post(path, chairFields)
            #expect(second.status == 303)
            var record = try await api.store.meetingRecord(UUID(uuidString: meeting)!).meeting
            #expect(record.riskFactors == "Weapon in the home." && record.cscInformation == "Known to CSC since 2024.")
            #expect(record.safetyPlan == "Stay with gran.")
            // Both changed the plan: the chair (her page reloaded after her save) and then the taker
            // again. The chair's save is refused for that section, showing both texts and keeping
            // everything she typed
            chairFields = Self.wholeRecordFields(try await chair.get("/meetings/\(meeting)"))
            var again = Self.wholeRecordFields(try await taker.get("/meetings/\(meeting)"))
            again["safetyPlan"] = "Stay with gran until Friday."
            #expect(try await taker.post(path, again).status == 303)
            chairFields["safetyPlan"] = "Leave the home tonight."
            chairFields["voiceOfChild"] = "Wants to stay with gran."
            let conflict = try await chair.post(path, chairFields)
            #expect(conflict.status == 409)
            #expect(conflict.body.contains("someone else saved this section while you were editing"))
            #expect(conflict.body.contains("Leave the home tonight.") && conflict.body.contains("Stay with gran until Friday."))
            #expect(conflict.body.contains("Wants to stay with gran."))
            record = try await api.store.meetingRecord(UUID(uuidString: meeting)!).meeting
            #expect(record.safetyPlan == "Stay with gran until Friday." && record.voiceOfChild == nil)
        }
    }

    @Test(arguments: TestBackend.available) func aSecondEditOfTheSameSectionGetsBothVersionsNotAnOverwrite(
        backend: TestBackend
    ) async throws {
        try await withConvene(now: london("2026-11-23", "09:30"), backend: backend) { api, clock in
            let w = try await World.build(api)
            let meeting = try await BadInputTests.ids(api, w)["meetingID"]!
            let chair = PageClient(app: api.app)
            try await chair.signIn("grace", at: clock.now)
            let taker = PageClient(app: api.app)
            try await taker.signIn("jo", at: clock.now)
            // Both open the meeting page at the same version of the risk analysis.
            let chairPage = try await chair.get("/meetings/\(meeting)")
            let takerPage = try await taker.get("/meetings/\(meeting)")
            let opened = try #require(Self.sectionVersion(chairPage, meeting: meeting, section: "risk"))
            #expect(Self.sectionVersion(takerPage, meeting: meeting, section: "risk") == opened)
            let path = "/meetings/\(meeting)/sections/risk"
            let first = try await chair.post(path, ["sectionVersion": opened, "riskFactors": "Chair: weapon in the home."])
            #expect(first.status == 303)
            // The minute taker's save of the same section is refused and shows both versions.
            let second = try await taker.post(path, ["sectionVersion": opened, "riskFactors": "Taker: partner has a knife."])
            #expect(second.status == 409)
            #expect(second.body.contains("someone else saved this section while you were editing"))
            #expect(second.body.contains("Taker: partner has a knife.") && second.body.contains("Chair: weapon in the home."))
            #expect(
                try await api.store.meetingRecord(UUID(uuidString: meeting)!).meeting.riskFactors == "Chair: weapon in the home.")
            // Another section saved meanwhile is not a conflict.
            let plan = try #require(Self.sectionVersion(takerPage, meeting: meeting, section: "plan"))
            #expect(
                try await taker.post(
                    "/meetings/\(meeting)/sections/plan", ["sectionVersion": plan, "safetyPlan": "Stay with gran."]
                ).status == 303)
            // Having seen both, the minute taker saves a merged text from the version now shown.
            let current = try #require(Self.sectionVersion(second, meeting: meeting, section: "risk"))
            #expect(current != opened)
            let merged = try await taker.post(
                path, ["sectionVersion": current, "riskFactors": "Weapon in the home; the partner has a knife."])
            #expect(merged.status == 303)
            let saved = try await api.store.meetingRecord(UUID(uuidString: meeting)!).meeting
            #expect(saved.riskFactors == "Weapon in the home; the partner has a knife." && saved.safetyPlan == "Stay with gran.")

            // The API says the same with 409 and a problem document.
            let stale = try await api.call(
                .PATCH, "api/v1/meetings/\(meeting)/record",
                ["sectionVersions": ["risk": Int(opened)!], "riskFactors": "Late API edit"])
            #expect(stale.status == 409 && stale.contentType.hasPrefix("application/problem+json"))
            #expect((stale["detail"] as? String)?.contains("Risk analysis section") == true)
            // With the record as it is now, to merge from.
            #expect(((stale["current"] as? [String: Any])?["record"] as? [String: Any])?["meeting"] != nil)
            let fresh = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)")
            let versions = try #require(fresh["sectionVersions"] as? [String: Int])
            try await api.expect(
                200, .PATCH, "api/v1/meetings/\(meeting)/record",
                ["sectionVersions": ["risk": versions["risk"]!], "riskFactors": "API edit from the current version"])
        }
    }
}
