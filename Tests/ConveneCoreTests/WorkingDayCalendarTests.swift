import ConveneCore
import Foundation
import Testing

/// Expected dates were checked against the published England and Wales list by
/// counting on a calendar; day 0 is the start day.
@Suite("Working days")
struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar.englandAndWales

    @Test(arguments: [
        // Christmas 2026: Christmas Day (Fri 25), substitute Boxing Day (Mon 28), New Year's Day (Fri 1).
        ("2026-12-18", 15, "2027-01-13"),
        ("2026-12-24", 1, "2026-12-29"),
        ("2026-12-21", 5, "2026-12-30"),
        // Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        ("2027-03-25", 1, "2027-03-30"),
        ("2027-03-25", 15, "2027-04-19"),
        // Early May 2026, spring 2027 and August 2027 bank holidays.
        ("2026-05-01", 1, "2026-05-05"),
        ("2027-05-28", 1, "2027-06-01"),
        ("2027-08-27", 1, "2027-08-31"),
        // A weekend start counts its own day as day 0.
        ("2026-11-07", 1, "2026-11-09"),
        ("2026-11-23", 0, "2026-11-23"),
        ("2026-11-23", 15, "2026-12-14"),
        // The 45-working-day assessment.
        ("2026-10-01", 45, "2026-12-03"),
    ])
    func countsWorkingDaysSkippingWeekendsAndBankHolidays(start: String, days: Int, expected: String) {
        let result = calendar.addingWorkingDays(days, to: LocalDate(start)!)
        #expect(result.date == LocalDate(expected))
        #expect(result.withinCoverage)
    }

    @Test func icpcTargetSkipsChristmasAndNewYearBankHolidays() {
        // Given a strategy discussion on Friday 18 December 2026 that starts S47
        // When the ICPC target (15 working days) is counted
        let target = calendar.addingWorkingDays(15, to: LocalDate("2026-12-18")!)
        // Then it is Wednesday 13 January 2027
        #expect(target.date == LocalDate("2027-01-13"))
        #expect(target.date.isoWeekday == 3)
    }

    @Test func closureDaysAreNotWorkingDays() {
        let withClosure = WorkingDayCalendar(bankHolidays: .bundledEnglandAndWales, closureDays: [LocalDate("2026-12-24")!])
        #expect(withClosure.addingWorkingDays(15, to: LocalDate("2026-12-18")!).date == LocalDate("2027-01-14"))
        #expect(!withClosure.isWorkingDay(LocalDate("2026-12-24")!))
        #expect(calendar.isWorkingDay(LocalDate("2026-12-24")!))
    }

    @Test func deadlineBeyondTheListIsFlaggedNotSilentlyTrusted() {
        // Given the bundled list ends with 2027
        #expect(calendar.bankHolidays.coveredThrough == LocalDate("2027-12-31"))
        // When a count runs into 2028, whose bank holidays the list does not hold
        let result = calendar.addingWorkingDays(15, to: LocalDate("2027-12-20")!)
        // Then the answer is given but marked as outside coverage
        #expect(result.date == LocalDate("2028-01-12"))
        #expect(!result.withinCoverage)
    }

    @Test func countsWorkingDaysBetweenDates() {
        #expect(calendar.workingDays(after: LocalDate("2026-12-18")!, through: LocalDate("2027-01-13")!) == 15)
        #expect(calendar.workingDays(after: LocalDate("2026-12-18")!, through: LocalDate("2026-12-18")!) == 0)
    }
}

@Suite("Bank-holiday list")
struct BankHolidayListTests {
    @Test func bundledListHoldsKnownHolidays() {
        let dates = Set(BankHolidayList.bundledEnglandAndWales.holidays.map(\.date))
        for day in ["2026-04-03", "2026-04-06", "2026-08-31", "2026-12-28", "2027-03-26", "2027-12-27", "2022-09-19"] {
            #expect(dates.contains(LocalDate(day)!), "missing \(day)")
        }
        #expect(!dates.contains(LocalDate("2026-12-26")!))  // Boxing Day 2026 is a Saturday; Monday 28 is the holiday
    }

    @Test func importsThePublishedShape() throws {
        let json = #"""
            {"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"New Year’s Day","date":"2028-01-03","notes":"Substitute day","bunting":true},
              {"title":"Good Friday","date":"2028-04-14","notes":"","bunting":false}]},
             "scotland":{"division":"scotland","events":[{"title":"2nd January","date":"2028-01-04","notes":"","bunting":true}]}}
            """#
        let list = try BankHolidayList.parse(Data(json.utf8))
        #expect(list.holidays.map(\.date) == [LocalDate("2028-01-03")!, LocalDate("2028-04-14")!])
        #expect(list.coveredThrough == LocalDate("2028-12-31"))
        let scotland = try BankHolidayList.parse(Data(json.utf8), division: "scotland")
        #expect(scotland.holidays.count == 1)
    }

    @Test(arguments: [
        (#"[1,2,3]"#, BankHolidayImportError.notThePublishedShape),
        (#"{"scotland":{"events":[{"title":"x","date":"2028-01-04"}]}}"#, .divisionMissing("england-and-wales")),
        (#"{"england-and-wales":{"events":[]}}"#, .noEvents),
        (#"{"england-and-wales":{"events":[{"title":"x","date":"04/01/2028"}]}}"#, .badDate(index: 0, value: "04/01/2028")),
    ])
    func refusesFilesThatAreNotTheShape(json: String, error: BankHolidayImportError) {
        #expect(throws: error) { try BankHolidayList.parse(Data(json.utf8)) }
    }
    @Test func aNewListChangesTheDaysItAddsRemovesOrNewlyCovers() {
        func list(_ dates: [String]) -> BankHolidayList {
            BankHolidayList(division: "england-and-wales", holidays: dates.map { .init(date: LocalDate($0)!, title: "Day") })
        }
        let old = list(["2026-12-25", "2026-12-28", "2027-01-01"])
        #expect(old.daysChanged(to: old).isEmpty)
        // A holiday added and one removed, within the same years: just those two days.
        #expect(
            old.daysChanged(to: list(["2026-12-25", "2027-01-01", "2027-05-03"]))
                == [LocalDate("2026-12-28")!...LocalDate("2026-12-28")!, LocalDate("2027-05-03")!...LocalDate("2027-05-03")!])
        // Next year's list published: its holiday, and the whole year it now covers (no more warnings there).
        #expect(
            old.daysChanged(to: list(["2026-12-25", "2026-12-28", "2027-01-01", "2028-01-03"]))
                == [LocalDate("2028-01-03")!...LocalDate("2028-01-03")!, LocalDate("2028-01-01")!...LocalDate("2028-12-31")!])
        // An earlier year dropped from the front.
        #expect(
            old.daysChanged(to: list(["2027-01-01"]))
                == [
                    LocalDate("2026-12-25")!...LocalDate("2026-12-25")!, LocalDate("2026-12-28")!...LocalDate("2026-12-28")!,
                    LocalDate("2026-01-01")!...LocalDate("2026-12-31")!,
                ])
    }
}
