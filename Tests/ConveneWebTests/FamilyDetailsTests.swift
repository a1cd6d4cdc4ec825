import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

/// The family on a request: optional fields really are optional, an adult's date of birth can be
/// "not known", an unborn child has an expected date of delivery, each problem names the person,
/// and people can be changed or removed until the request goes to the team manager.
@Suite("Family details")
struct FamilyDetailsTests {
    static let now = london("2026-11-23", "10:00")

    @Test(arguments: TestBackend.available) func optionalFieldsAreOptionalAndEachProblemNamesThePerson(backend: TestBackend)
        async throws
    {
        try await withConvene(now: Self.now, backend: backend) { api, _ in
            let w = try await World.build(api)
            let people = "api/v1/cases/\(w.caseId)/people"
            // An unborn child, due in February: no date of birth, ethnicity, disability or case number
            let unborn = try await api.expect(
                201, .POST, people,
                [
                    "role": "child", "fullName": "Baby Ashdown (unborn)", "expectedDeliveryDate": "2027-02-10",
                    "address": "3 Larch Row, Northmoor ZZ1 1QX",
                ])
            #expect(unborn["expectedDeliveryDate"] as? String == "2027-02-10")
            // An adult whose date of birth nobody knows yet, and one not yet answered
            let unknown = try await api.expect(
                201, .POST, people, ["role": "otherAdult", "fullName": "Ivo Stannard", "dateOfBirthUnknown": true])
            let unanswered = try await api.expect(201, .POST, people, ["role": "otherAdult", "fullName": "Lily Fictional"])
            // Nonsense is refused by field: a due date a year ahead, an adult "unborn", both answers at once
            let bad = try await api.expect(
                422, .POST, people,
                [
                    "role": "parentCarer", "fullName": "X", "expectedDeliveryDate": "2027-12-01", "dateOfBirth": "1990-01-01",
                    "dateOfBirthUnknown": true,
                ])
            #expect(Set(bad.problemFields) == ["expectedDeliveryDate", "dateOfBirthUnknown"])

            let form = w.requestForm(concern: london("2026-11-23", "09:00"))
            let draft = try await api.expect(201, .POST, "api/v1/cases/\(w.caseId)/requests", form)
            let requestId = (draft["request"] as! [String: Any])["id"] as! String
            // The one person still lacking an answer is named, with how to fix it
            let refused = try await api.expect(422, .POST, "api/v1/requests/\(requestId)/submit")
            #expect(refused.problemFields == ["people.\(unanswered.id).dateOfBirth"])
            let reason = (refused["errors"] as? [[String: Any]])?.first?["reason"] as? String
            #expect(
                reason
                    == "Lily Fictional: date of birth is required. Enter it, tick \"Not known\", or for an unborn child give the expected date of delivery"
            )

            // Changing a person needs the version read; a stale one is refused with the current person
            let path = "\(people)/\(unanswered.id)"
            let tag = try await api.etag(path)
            try await api.expect(
                428, .PUT, path, ["role": "otherAdult", "fullName": "Lily Fictional", "dateOfBirthUnknown": true])
            let changed = try await api.expect(
                200, .PUT, path, ifMatch: tag, ["role": "otherAdult", "fullName": "Lily Fictional", "dateOfBirthUnknown": true])
            #expect(changed["dateOfBirthUnknown"] as? Bool == true && changed["version"] as? Int == 2)
            let stale = try await api.expect(409, .PUT, path, ifMatch: tag, ["role": "otherAdult", "fullName": "Someone else"])
            #expect((stale["current"] as? [String: Any])?["fullName"] as? String == "Lily Fictional")
            // A person of another case is not found through this case
            try await api.expect(404, .GET, "\(people)/\(UUID().uuidString)")

            // Removing one added in error
            try await api.expect(204, .DELETE, "\(people)/\(unknown.id)", ifMatch: try await api.etag("\(people)/\(unknown.id)"))
            try await api.expect(404, .GET, "\(people)/\(unknown.id)")

            // Now it goes: no case number, an adult of unknown birth, an unborn child
            try await api.expect(200, .POST, "api/v1/requests/\(requestId)/submit")
            // and from then on the family details stay as submitted
            let after = try await api.expect(
                409, .PUT, path, ifMatch: try await api.etag(path), ["role": "otherAdult", "fullName": "Lily Renamed"])
            #expect((after["detail"] as? String)?.contains("ask the team manager to return the request") == true)
            try await api.expect(409, .DELETE, "\(people)/\(unborn.id)", ifMatch: try await api.etag("\(people)/\(unborn.id)"))
        }
    }

    @Test func inTheBrowserEachPersonsProblemLinksToTheirRowAndTheyCanBeChangedOrRemoved() async throws {
        try await withConvene(now: Self.now) { api, clock in
            let w = try await World.build(api)
            let lily = try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/people", ["role": "otherAdult", "fullName": "Lily Fictional"])
            let draft = try await api.expect(
                201, .POST, "api/v1/cases/\(w.caseId)/requests", w.requestForm(concern: london("2026-11-23", "09:00")))
            let request = draft["request"] as! [String: Any]
            let requestId = request["id"] as! String

            let hana = PageClient(app: api.app)
            try await hana.signIn("hana", at: clock.now)
            let form = try await hana.get("/requests/\(requestId)")
            var fields = [
                "version": "\(request["version"] as! Int)", "urgency": "standard", "trigger": "disclosure",
                "concernIdentifiedAt": "2026-11-23T09:00", "presentingIssue": "Bruising", "rationale": "Disclosure",
                "action": "submit",
            ]
            for id in [w.officer, w.nurse] { fields["invitee-\(id)"] = "on" }
            #expect(form.body.contains("id=\"person-\(lily.id)\""))
            let refused = try await hana.post("/requests/\(requestId)", fields)
            #expect(refused.status == 422)
            // The summary names Lily and links to her row; the row says what is missing and has "Change"
            #expect(refused.body.contains("<a href=\"#person-\(lily.id)\">Lily Fictional: date of birth is required."))
            let change = "/cases/\(w.caseId)/people/\(lily.id)?returnTo=\(requestId)"
            #expect(refused.body.contains("href=\"\(change)\""))
            #expect(!refused.body.contains("Family details:"))

            // The change page is prefilled; ticking "Not known" returns to the request
            let page = try await hana.get(change)
            #expect(page.status == 200 && page.body.contains("value=\"Lily Fictional\""))
            let saved = try await hana.post(
                "/cases/\(w.caseId)/people/\(lily.id)",
                [
                    "version": "1", "role": "otherAdult", "fullName": "Lily Fictional", "dateOfBirthUnknown": "true",
                    "returnTo": requestId,
                ])
            #expect(saved.status == 303 && saved.location == "/requests/\(requestId)#field-children")
            let back = try await hana.get(saved.location!)
            #expect(back.body.contains("Lily Fictional&#39;s details changed"))
            #expect(back.body.contains("<td role=\"cell\" data-label=\"Born\">Not known</td>"))

            // A stale form keeps what was typed and says why
            let stale = try await hana.post(
                "/cases/\(w.caseId)/people/\(lily.id)", ["version": "1", "role": "otherAdult", "fullName": "Lily TYPED-TEXT"])
            #expect(stale.status == 422 && stale.body.contains("someone else changed this person after you opened the page"))
            #expect(stale.body.contains("value=\"Lily TYPED-TEXT\""))

            // Removed in error
            let removed = try await hana.post("/cases/\(w.caseId)/people/\(lily.id)/remove", ["version": "2"])
            #expect(removed.status == 303)
            let casePage = try await hana.get("/cases/\(w.caseId)")
            #expect(casePage.body.contains("Lily Fictional removed"))
            #expect(!casePage.body.contains("person-\(lily.id)"))
        }
    }
}
