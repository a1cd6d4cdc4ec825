/// Counts working days: Monday to Friday, less bank holidays and the
/// organisation's own closure days.
///
/// **Counting convention.** The day something happens is day 0, whether or not
/// it is a working day. Working day 1 is the first working day after it, and
/// so on: an ICPC due "within 15 working days" of a strategy discussion is due
/// by the end of working day 15. A discussion on Friday 18 December 2026 has
/// working day 1 on Monday 21 December, skips Christmas Day (Friday 25) and the
/// substitute Boxing Day (Monday 28) and New Year's Day, and reaches working
/// day 15 on Wednesday 13 January 2027.
public struct WorkingDayCalendar: Sendable {
    public let bankHolidays: BankHolidayList
    public let closureDays: Set<LocalDate>
    private let nonWorking: Set<LocalDate>

    public init(bankHolidays: BankHolidayList, closureDays: Set<LocalDate> = []) {
        self.bankHolidays = bankHolidays
        self.closureDays = closureDays
        self.nonWorking = Set(bankHolidays.holidays.map(\.date)).union(closureDays)
    }

    /// The bundled England and Wales bank holidays with no closure days.
    public static let englandAndWales = WorkingDayCalendar(bankHolidays: .bundledEnglandAndWales)

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.isWeekend && !nonWorking.contains(date)
    }

    /// Whether the bank-holiday list speaks for this date. Outside it, a weekday
    /// counts as a working day, which may be wrong.
    public func covers(_ date: LocalDate) -> Bool {
        guard let from = bankHolidays.coveredFrom, let through = bankHolidays.coveredThrough else {
            return false
        }
        return from <= date && date <= through
    }

    /// Working day `count` counted from `start` (day 0), with a flag when any day
    /// counted lies outside the bank-holiday list.
    public func addingWorkingDays(_ count: Int, to start: LocalDate) -> WorkingDayResult {
        precondition(count >= 0, "working days are counted forwards")
        var date = start
        var remaining = count
        while remaining > 0 {
            date = date.adding(days: 1)
            if isWorkingDay(date) { remaining -= 1 }
        }
        return WorkingDayResult(date: date, withinCoverage: covers(start) && covers(date))
    }

    /// How many working days lie after `start` up to and including `end`.
    public func workingDays(after start: LocalDate, through end: LocalDate) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var date = start.adding(days: 1)
        while date <= end {
            if isWorkingDay(date) { count += 1 }
            date = date.adding(days: 1)
        }
        return count
    }
}

/// A date reached by counting working days.
public struct WorkingDayResult: Sendable, Equatable {
    public let date: LocalDate
    /// False when the count ran past (or started before) the bank-holiday list,
    /// so the date may be too early by any unpublished holiday.
    public let withinCoverage: Bool
}
