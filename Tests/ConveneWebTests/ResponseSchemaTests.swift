import ConveneCore
import ConveneTestSupport
import Foundation
import OpenAPIKit
import Testing
import VaporTesting

@testable import ConveneWeb

/// The API answers with its own types, and the OpenAPI document's schema of each is derived from
/// what that type encodes: a key the API sends is a key the document names, with its format.
@Suite("Answers and their derived schemas")
struct ResponseSchemaTests {
    static let now = london("2026-11-23", "09:30")

    /// The properties a schema names, and the format of each (nil for none).
    static func properties(_ schema: JSONSchema) -> [String: String?] {
        Dictionary(
            uniqueKeysWithValues: (schema.objectContext?.properties ?? [:]).map { property in
                (property.key, property.value.formatString.flatMap { $0.isEmpty ? nil : $0 })
            })
    }

    @Test func aDerivedSchemaNamesEveryKeyItsSampleEncodesWithItsFormat() throws {
        let professional = Self.properties(ProfessionalResponse.schema)
        #expect(
            professional == [
                "id": "uuid", "name": nil, "role": nil, "jobTitle": nil, "agencyId": "uuid", "teamId": "uuid", "email": nil,
                "phone": nil,
            ])
        let role = ProfessionalResponse.schema.objectContext?.properties["role"]
        #expect(role?.allowedValues?.compactMap { $0.value as? String } == ProfessionalRole.allCases.map(\.rawValue))
        #expect(Self.properties(ClosureDayResponse.schema)["date"] == "date")
        // The organisation's policy is an object of its own, its timescales as text
        let policy = OrganisationResponse.schema.objectContext?.properties["policy"]
        #expect(policy?.objectContext?.properties["immediateMeeting"]?.jsonType == .string)
        #expect(policy?.objectContext?.properties["slotStartMinutes"]?.arrayContext?.items?.jsonType == .integer)
    }

    /// What the API sends is what its document describes, key for key.
    @Test func answersHaveTheKeysTheirSchemasName() async throws {
        try await withConvene(now: Self.now) { api, _ in
            let w = try await World.build(api)
            let document = try await api.expect(200, .GET, "openapi.json")
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            func named(_ schema: String) -> Set<String> {
                Set(((schemas[schema] as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
            }
            for (path, schema) in [
                ("api/v1/professionals/\(w.officer)", "Professional"), ("api/v1/teams/\(w.team)", "Team"),
                ("api/v1/agencies/\(w.police)", "Agency"), ("api/v1/organisations/\(w.organisation)", "Organisation"),
            ] {
                let answer = try await api.expect(200, .GET, path)
                #expect(!named(schema).isEmpty && Set(answer.object.keys).isSubset(of: named(schema)), "\(path)")
            }
            let listed = try await api.expect(200, .GET, "api/v1/professionals").array
            #expect(listed.count > 5 && listed.allSatisfy { Set($0.keys).isSubset(of: named("Professional")) })
            let cases = try await api.expect(200, .GET, "api/v1/cases").array
            #expect(!cases.isEmpty && cases.allSatisfy { Set($0.keys).isSubset(of: named("Case")) })
            // The people of a case, every key of each (the sample fills every optional one)
            let people = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/people").array
            #expect(!people.isEmpty && people.allSatisfy { Set($0.keys).isSubset(of: named("CasePerson")) })
            #expect(named("CasePerson").isSuperset(of: ["fullName", "dateOfBirth", "address", "version"]))
            // A meeting's parts: an action as agreed and as read, its quorum, an attendance
            let (meeting, request) = try await w.bookMeeting(api)
            // The records read whole: a request, a case, a meeting as its team reads it, its
            // minutes and the case's clocks, down to the fields of their parts
            func keys(_ schema: [String: Any]?, _ path: [String]) -> Set<String> {
                guard let schema else { return [] }
                guard let first = path.first else { return Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? []) }
                let property = (schema["properties"] as? [String: Any])?[first] as? [String: Any]
                return keys((property?["items"] as? [String: Any]) ?? property, Array(path.dropFirst()))
            }
            for (path, schema, parts) in [
                ("api/v1/requests/\(request)", "RequestDetail", [["request"]]),
                ("api/v1/cases/\(w.caseId)", "CaseDetail", [["caseRecord"], ["team"], ["people"], ["requests"], ["meetings"]]),
                (
                    "api/v1/meetings/\(meeting)", "Meeting",
                    [["record"], ["record", "meeting"], ["record", "invitations"], ["quorum"]]
                ),
                ("api/v1/meetings/\(meeting)/minutes", "MinutesDetail", []),
            ] {
                let answer = try await api.expect(200, .GET, path).object
                #expect(!named(schema).isEmpty && Set(answer.keys).isSubset(of: named(schema)), "\(path)")
                for part in parts {
                    var value: Any? = answer
                    for key in part { value = (value as? [String: Any])?[key] }
                    let sent = Set(((value as? [[String: Any]])?.first ?? (value as? [String: Any]) ?? [:]).keys)
                    let described = keys(schemas[schema] as? [String: Any], part)
                    #expect(!sent.isEmpty && sent.isSubset(of: described), "\(path) \(part): \(sent.subtracting(described))")
                }
            }
            // An invitee reads the same address as what invitees see: the document offers both
            let invitee = try await api.acting(as: w.tokens[w.officer]!).expect(200, .GET, "api/v1/meetings/\(meeting)").object
            #expect(invitee["audience"] as? String == "invitee" && Set(invitee.keys).isSubset(of: named("InviteeMeeting")))
            #expect(
                Set(((invitee["meeting"] as? [String: Any]) ?? [:]).keys)
                    .isSubset(of: keys(schemas["InviteeMeeting"] as? [String: Any], ["meeting"])))
            let meetingRead =
                ((paths["/api/v1/meetings/{meetingID}"] as? [String: Any])?["get"] as? [String: Any])?["responses"]
                as? [String: Any]
            let answer =
                ((((meetingRead?["200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?[
                    "schema"]) as? [String: Any]
            #expect(
                (answer?["anyOf"] as? [[String: Any]])?.compactMap { $0["$ref"] as? String } == [
                    "#/components/schemas/Meeting", "#/components/schemas/InviteeMeeting",
                ])
            let clocks = try await api.expect(200, .GET, "api/v1/cases/\(w.caseId)/clocks").array
            let clockKeys = keys(schemas["TimedClock"] as? [String: Any], ["clock"])
            #expect(
                !clocks.isEmpty && clocks.allSatisfy { Set(($0["clock"] as? [String: Any] ?? [:]).keys).isSubset(of: clockKeys) })
            let agreed = try await api.expect(
                201, .POST, "api/v1/meetings/\(meeting)/actions",
                ["description": "Visit the child at home.", "ownerId": w.officer, "dueAt": iso(london("2026-11-24", "12:00"))])
            let read = try await api.expect(200, .GET, "api/v1/actions/\(agreed.id)")
            #expect(Set(agreed.object.keys) == Set(read.object.keys))
            #expect(Set(read.object.keys).isSubset(of: named("SmartAction")) && read.object.count >= 10)
            let quorum = try await api.expect(200, .GET, "api/v1/meetings/\(meeting)/quorum")
            #expect(Set(quorum.object.keys) == named("Quorum"))
            let attendance = try await api.expect(
                200, .PUT, "api/v1/meetings/\(meeting)/attendance/\(w.officer)", ["attendance": "present"])
            #expect(Set(attendance.object.keys) == named("Invitation"))
            // A list operation answers a list of the schema
            let list = (((paths["/api/v1/teams"] as? [String: Any])?["get"] as? [String: Any])?["responses"] as? [String: Any])?[
                "200"]
            let schema = ((list as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
            let items = (schema?["schema"] as? [String: Any])?["items"] as? [String: Any]
            #expect(items?["$ref"] as? String == "#/components/schemas/Team")
        }
    }
}
