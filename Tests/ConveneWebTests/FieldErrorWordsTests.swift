import ConveneCore
import Foundation
import Testing
import Vapor

/// Every form's errors use the form's own words: an empty or nonsense submission of every page
/// form names each field by its label ("Role: …"), never by an internal name ("personRole: …",
/// "teamId: …").
@Suite("Field errors in the form's words")
struct FieldErrorWordsTests {
    /// An internal name where a label belongs: a message that starts with a lower-case word and a colon
    /// ("teamId:", "role:"), where a label starts with a capital ("Team:", "Role:").
    static func startsWithInternalName(_ message: String) -> Bool {
        guard let colon = message.firstIndex(of: ":") else { return false }
        let word = message[..<colon]
        return !word.isEmpty && !word.contains(" ") && word.first!.isLowercase
    }

    @Test func everyPageFormNamesItsFieldsByTheirLabels() async throws {
        try await withConvene(now: london("2026-11-23", "09:30")) { api, clock in
            let w = try await World.build(api)
            var ids = try await BadInputTests.ids(api, w)
            ids["section"] = "riskAnalysis"
            ids["decision"] = "decline"
            ids["accountID"] = UUID().uuidString
            ids["grantID"] = UUID().uuidString
            let browsers = ["grace", "hana", "jo", "martin"]
            var pages: [String: PageClient] = [:]
            for name in browsers {
                let page = PageClient(app: api.app)
                try await page.signIn(name, at: clock.now)
                pages[name] = page
            }
            let routes = api.app.routes.all.filter { route in
                let first = route.path.first?.description ?? ""
                return route.method == .POST && first != "api" && !["sign-in", "sign-out", "account"].contains(first)
            }
            var checked = 0
            var messages: [String] = []
            for route in routes {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return ids[name] ?? "missing-\(name)" }
                        return component.description
                    }.joined(separator: "/")
                // Empty, then every field a nonsense value: each answer's errors are in words.
                for fields in [[:], ["role": "wizard", "urgency": "soon", "kind": "x", "teamId": "nobody"]] {
                    for name in browsers {
                        let reply = try await pages[name]!.post(path, fields)
                        guard reply.status == 422 else { continue }
                        checked += 1
                        messages += Self.summary(reply.body)
                        for message in Self.summary(reply.body) {
                            #expect(
                                !Self.startsWithInternalName(message),
                                "\(route.method) \(path) as \(name): \(message)")
                        }
                    }
                }
            }
            #expect(checked > 30, "only \(checked) refused forms were read")
            #expect(messages.count > checked, "only \(messages.count) messages were read")
            print("Field errors: \(checked) refused forms, \(Set(messages).count) different messages, e.g. \(messages.prefix(3))")
        }
    }

    /// The error summary's messages, as the person reads them.
    static func summary(_ body: String) -> [String] {
        guard
            let box = body.components(separatedBy: "class=\"error-summary\"").dropFirst().first?
                .components(separatedBy: "</ul>").first
        else { return [] }
        return box.components(separatedBy: "<li><a href=").dropFirst().compactMap {
            $0.split(separator: ">", maxSplits: 1).last?.components(separatedBy: "</a>").first
        }
    }
}
