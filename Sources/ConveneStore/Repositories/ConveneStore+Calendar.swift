import ConveneCore
import Foundation
import SQLKit

struct BankHolidayRow: Codable, Sendable {
    var id: UUID
    var division: String
    var date: LocalDate
    var title: String
}

/// An organisation's own non-working day.
public struct ClosureDay: Codable, Sendable, Equatable {
    public var id: UUID
    public var organisationId: UUID
    public var date: LocalDate
    public var reason: String
}

extension ConveneStore {
    /// The bank holidays in use: the imported list, or the bundled one if none was imported.
    public func bankHolidays(division: String = "england-and-wales") async throws -> BankHolidayList {
        let rows = try await sql.select().column("*").from("bank_holidays").where("division", .equal, division)
            .orderBy("date").all(decoding: BankHolidayRow.self, with: rowDecoder)
        guard !rows.isEmpty else { return .bundledEnglandAndWales }
        return BankHolidayList(division: division, holidays: rows.map { .init(date: $0.date, title: $0.title) })
    }

    /// Replaces the stored list for the division with `list`.
    public func importBankHolidays(_ list: BankHolidayList) async throws {
        try await transaction { store in
            let before = try await store.bankHolidays(division: list.division)
            try await store.sql.delete(from: "bank_holidays").where("division", .equal, list.division).run()
            for holiday in list.holidays {
                try await store.insert(
                    BankHolidayRow(id: store.newID(), division: list.division, date: holiday.date, title: holiday.title),
                    into: "bank_holidays")
            }
            // Working-day due dates move with the list: those counted over a changed day.
            try await store.rebuildClocks(spanning: before.daysChanged(to: list))
        }
    }

    public func closureDays(of organisationId: UUID) async throws -> [ClosureDay] {
        try await fetchAll(
            ClosureDay.self, from: "closure_days", where: "organisation_id", equals: organisationId, orderBy: "date")
    }

    public func addClosureDay(to organisationId: UUID, date: LocalDate?, reason: String?) async throws -> ClosureDay {
        var v = Validator()
        v.check(date != nil, "date", "is required as YYYY-MM-DD")
        v.require(reason, "reason")
        v.limit(reason, TextFields.ClosureDay.reason)
        try v.throwIfInvalid()
        _ = try await organisation(organisationId)
        if try await closureDays(of: organisationId).contains(where: { $0.date == date }) {
            throw DomainError.conflict("\(date!) is already a closure day")
        }
        let day = ClosureDay(id: newID(), organisationId: organisationId, date: date!, reason: reason!)
        try await transaction { store in
            try await store.insert(day, into: "closure_days")
            try await store.rebuildClocks(spanning: [day.date...day.date], organisationId: organisationId)
        }
        return day
    }

    /// The working-day calendar of an organisation.
    public func calendar(of organisationId: UUID) async throws -> WorkingDayCalendar {
        WorkingDayCalendar(
            bankHolidays: try await bankHolidays(),
            closureDays: Set(try await closureDays(of: organisationId).map(\.date)))
    }
}
