import FluentKit

/// A person on a case can be changed while the request is a draft (with a version, for optimistic
/// locking), can have a date of birth that is "not known", and can be an unborn child with an
/// expected date of delivery.
struct M020_PeopleCanChange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("case_people")
            .field("date_of_birth_unknown", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema("case_people").field("expected_delivery_date", .string).update()
        try await database.schema("case_people").field("version", .int, .required, .sql(.default(1))).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["date_of_birth_unknown", "expected_delivery_date", "version"] {
            try await database.schema("case_people").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
