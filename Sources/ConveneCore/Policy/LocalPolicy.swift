import Foundation

/// An organisation's local procedure: its timescales and meeting slots.
///
/// Local procedures differ (DOMAIN §5), so every timescale is data. The
/// presets carry the defaults of the practice guidance in `shared/seeds/`.
public struct LocalPolicy: Sendable, Equatable, Codable {
    /// Which preset this policy started from, for display.
    public var name: String
    /// Meeting due for an immediate request (risk to life or serious immediate harm).
    public var immediateMeeting: Timescale
    /// Meeting due for a standard request.
    public var standardMeeting: Timescale
    /// Minutes circulated to every invitee after the meeting ends.
    public var minutesCirculation: Timescale
    /// Corrections may be sent back this long after circulation.
    public var correctionsWindow: Timescale
    /// A Section 47 enquiry completes within this of the discussion that started it.
    public var s47Enquiry: Timescale
    /// An ICPC is held within this of the discussion that started the S47 enquiry.
    public var icpc: Timescale
    /// The assessment reaches a decision within this of the referral.
    public var assessment: Timescale
    /// Standard one-hour slot start times, in minutes after local midnight.
    public var slotStartMinutes: [Int]
    /// Slot length in minutes (also the target meeting length), at most `longestSlotMinutes`.
    public var slotMinutes: Int
    /// The longest slot a policy may have: no booked meeting lasts longer, so a search for the
    /// meetings overlapping a time needs to look back only this far.
    public static let longestSlotMinutes = 240
    /// A clock longer than a day is "due soon" within this many hours of its due time;
    /// shorter clocks are due soon in their last quarter.
    public var dueSoonHours: Int
    /// IANA time zone of the organisation.
    public var timeZone: String
    /// How far back and ahead typed dates may reach; nil for `DateLimits.standard`.
    public var dateLimits: DateLimits?

    /// The date limits in force.
    public var limits: DateLimits { dateLimits ?? .standard }

    public init(
        name: String, immediateMeeting: Timescale, standardMeeting: Timescale,
        minutesCirculation: Timescale, correctionsWindow: Timescale, s47Enquiry: Timescale,
        icpc: Timescale, assessment: Timescale, slotStartMinutes: [Int], slotMinutes: Int,
        dueSoonHours: Int, timeZone: String, dateLimits: DateLimits? = nil
    ) {
        self.name = name
        self.immediateMeeting = immediateMeeting
        self.standardMeeting = standardMeeting
        self.minutesCirculation = minutesCirculation
        self.correctionsWindow = correctionsWindow
        self.s47Enquiry = s47Enquiry
        self.icpc = icpc
        self.assessment = assessment
        self.slotStartMinutes = slotStartMinutes
        self.slotMinutes = slotMinutes
        self.dueSoonHours = dueSoonHours
        self.timeZone = timeZone
        self.dateLimits = dateLimits
    }

    /// Seed 003 (Bradford): 2 hours for immediate, 24 hours standard, minutes in
    /// 24 hours, corrections within 24 hours, slots 09:00–16:00 less lunch.
    public static let twoHourTwentyFourHour = LocalPolicy(
        name: "2-hour / 24-hour",
        immediateMeeting: .clockHours(2), standardMeeting: .clockHours(24),
        minutesCirculation: .clockHours(24), correctionsWindow: .clockHours(24),
        s47Enquiry: .workingDays(15), icpc: .workingDays(15), assessment: .workingDays(45),
        slotStartMinutes: [9, 10, 11, 13, 14, 15, 16].map { $0 * 60 }, slotMinutes: 60,
        dueSoonHours: 24, timeZone: "Europe/London")

    /// Seed 001 (Greater Manchester one-minute guide): same day for serious risk,
    /// otherwise within 3 working days; minutes within one working day (seed 004).
    public static let sameDayThreeWorkingDays = LocalPolicy(
        name: "same day / 3 working days",
        immediateMeeting: .sameDay, standardMeeting: .workingDays(3),
        minutesCirculation: .workingDays(1), correctionsWindow: .clockHours(24),
        s47Enquiry: .workingDays(15), icpc: .workingDays(15), assessment: .workingDays(45),
        slotStartMinutes: [9, 10, 11, 13, 14, 15, 16].map { $0 * 60 }, slotMinutes: 60,
        dueSoonHours: 24, timeZone: "Europe/London")

    /// Every preset, by the key used in the API and CLI.
    public static let presets: [String: LocalPolicy] = [
        "2h-24h": .twoHourTwentyFourHour,
        "same-day-3wd": .sameDayThreeWorkingDays,
    ]

    /// The policy's time zone (checked by `validate()`).
    public var zone: LocalTimeZone { LocalTimeZone(identifier: timeZone) ?? .london }

    /// Every problem with the policy, by field; empty when it is usable.
    public func validate() -> [FieldProblem] {
        var v = Validator()
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            v.add("name", "must not be empty")
        } else {
            v.limit(name, TextFields.Policy.name)
        }
        var problems = v.problems
        if slotStartMinutes.isEmpty {
            problems.append(.init(field: "slotStartMinutes", reason: "must list at least one slot"))
        }
        if slotStartMinutes.contains(where: { !(0..<(24 * 60)).contains($0) }) {
            problems.append(.init(field: "slotStartMinutes", reason: "each slot must start within the day (0–1439)"))
        }
        if Set(slotStartMinutes).count != slotStartMinutes.count {
            problems.append(.init(field: "slotStartMinutes", reason: "slots must not repeat"))
        }
        if !(15...Self.longestSlotMinutes).contains(slotMinutes) {
            problems.append(.init(field: "slotMinutes", reason: "must be between 15 and \(Self.longestSlotMinutes)"))
        }
        if !(1...168).contains(dueSoonHours) {
            problems.append(.init(field: "dueSoonHours", reason: "must be between 1 and 168"))
        }
        if LocalTimeZone(identifier: timeZone) == nil {
            problems.append(.init(field: "timeZone", reason: "is not a known time zone"))
        }
        return problems + (dateLimits?.validate() ?? [])
    }
}
