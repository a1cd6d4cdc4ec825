import Foundation

/// How far back and ahead the dates people type may reach. A date outside them is almost
/// certainly a slip (a concern dated 1900 topped a dashboard "46357d overdue"), so it is refused
/// with the field's own message. Local policy: an authority may set its own (`LocalPolicy.dateLimits`).
public struct DateLimits: Sendable, Equatable, Codable {
    /// No event Convene records (a concern, an incident, a referral, a milestone, a due date) is
    /// before this year.
    public var earliestYear: Int
    /// A concern is identified at most this many days before the request records it.
    public var concernDaysBack: Int
    /// A child (the subject of the request, or another child) was born at most this many years ago.
    public var childAgeYears: Int
    /// A SMART action, or an agreed "other" meeting date, is due at most this many days ahead.
    public var daysAhead: Int

    public init(earliestYear: Int, concernDaysBack: Int, childAgeYears: Int, daysAhead: Int) {
        self.earliestYear = earliestYear
        self.concernDaysBack = concernDaysBack
        self.childAgeYears = childAgeYears
        self.daysAhead = daysAhead
    }

    /// The limits of the practice guidance's presets: nothing before 2000, a concern at most a
    /// year back, a child at most 25 years old (care leavers to 25), a due date at most a year ahead.
    public static let standard = DateLimits(earliestYear: 2000, concernDaysBack: 365, childAgeYears: 25, daysAhead: 365)

    /// Every problem with the limits themselves, by field.
    public func validate() -> [FieldProblem] {
        var v = Validator()
        v.check((1900...2100).contains(earliestYear), "dateLimits.earliestYear", "must be between 1900 and 2100")
        v.check((1...3_650).contains(concernDaysBack), "dateLimits.concernDaysBack", "must be between 1 and 3650 days")
        v.check((18...30).contains(childAgeYears), "dateLimits.childAgeYears", "must be between 18 and 30 years")
        v.check((1...3_650).contains(daysAhead), "dateLimits.daysAhead", "must be between 1 and 3650 days")
        return v.problems
    }
}

extension Validator {
    /// An event's date (a referral, an incident, a milestone): not before the earliest year.
    public mutating func eventDate(_ date: LocalDate?, _ field: String, limits: DateLimits) {
        guard let date, date.year < limits.earliestYear else { return }
        add(field, "must be in \(limits.earliestYear) or later; check the year")
    }

    /// When a concern was identified: not before the earliest year, nor more than
    /// `concernDaysBack` days ago.
    public mutating func concernTime(_ instant: Date?, _ field: String, now: Date, zone: LocalTimeZone, limits: DateLimits) {
        guard let instant else { return }
        let date = zone.localDate(of: instant)
        if date.year < limits.earliestYear {
            add(field, "must be in \(limits.earliestYear) or later; check the year")
        } else if date < zone.localDate(of: now).adding(days: -limits.concernDaysBack) {
            add(
                field,
                "must be within the last \(limits.concernDaysBack) days; check the date, "
                    + "as an older concern is outside your local policy")
        }
    }

    /// A child's date of birth: at most `childAgeYears` years ago.
    public mutating func childBirth(_ date: LocalDate?, _ field: String, today: LocalDate, limits: DateLimits) {
        guard let date else { return }
        let oldest = LocalDate(year: today.year - limits.childAgeYears, month: today.month, day: 1)!
            .adding(days: today.day - 1)
        if date < oldest {
            add(
                field,
                "must be within the last \(limits.childAgeYears) years for a child; check the year, "
                    + "or add the person as an adult")
        }
    }

    /// A date something is due by: not after `daysAhead` days from today.
    public mutating func dueDate(_ date: LocalDate?, _ field: String, today: LocalDate, limits: DateLimits) {
        guard let date, date > today.adding(days: limits.daysAhead) else { return }
        add(field, "must be within \(limits.daysAhead) days from today; set a nearer date and review it then")
    }
}
