import ConveneCore
import Foundation
import Testing

@Suite("Timescales and policy")
struct TimescaleTests {
    let calendar = WorkingDayCalendar.englandAndWales
    let zone = Fixture.zone

    @Test func clockHoursRunThroughNightsAndWeekends() {
        // Given a standard request at 16:00 on a Friday
        let start = Fixture.at("2026-11-27", "16:00")
        // When 24 clock hours are added
        let due = Timescale.clockHours(24).due(from: start, calendar: calendar, zone: zone)
        // Then it is due at 16:00 on Saturday
        #expect(due.due == Fixture.at("2026-11-28", "16:00"))
    }

    @Test func clockHoursAreElapsedTimeAcrossTheClockChange() {
        // 25 October 2026: clocks go back at 02:00 BST
        let start = Date(timeIntervalSince1970: 1_792_884_600)  // 2026-10-24T23:30:00Z, 00:30 BST
        let due = Timescale.clockHours(2).due(from: start, calendar: calendar, zone: zone).due
        #expect(due.timeIntervalSince(start) == 7200)
        #expect(zone.describe(due) == "2026-10-25 01:30")
    }

    @Test func workingDaysEndAtLocalMidnightInSummerTime() {
        let start = Fixture.at("2027-03-25", "11:00")
        let due = Timescale.workingDays(15).due(from: start, calendar: calendar, zone: zone).due
        // 23:59:59 BST on Monday 19 April 2027 is 22:59:59 UTC
        #expect(due.formatted(.iso8601) == "2027-04-19T22:59:59Z")
    }

    @Test func sameDayEndsAtTheEndOfTheLocalDay() {
        let due = Timescale.sameDay.due(from: Fixture.at("2026-11-23", "09:15"), calendar: calendar, zone: zone).due
        #expect(due.formatted(.iso8601) == "2026-11-23T23:59:59Z")
    }

    @Test(arguments: [
        ("2h", Timescale.clockHours(2)), ("24h", .clockHours(24)), ("15wd", .workingDays(15)), ("same-day", .sameDay),
    ])
    func parsesShortForms(code: String, expected: Timescale) {
        #expect(Timescale(code) == expected)
        #expect(expected.code == code)
    }

    @Test(arguments: ["0h", "-2h", "2x", "", "wd", "h", "1.5h", "same day", "400wd"])
    func rejectsBadShortForms(code: String) {
        #expect(Timescale(code) == nil)
    }

    @Test func presetsFollowTheSeeds() {
        let bradford = LocalPolicy.twoHourTwentyFourHour
        #expect(bradford.immediateMeeting == .clockHours(2))
        #expect(bradford.standardMeeting == .clockHours(24))
        #expect(bradford.slotStartMinutes == [540, 600, 660, 780, 840, 900, 960])
        let manchester = LocalPolicy.sameDayThreeWorkingDays
        #expect(manchester.immediateMeeting == .sameDay)
        #expect(manchester.standardMeeting == .workingDays(3))
        #expect(manchester.minutesCirculation == .workingDays(1))
        #expect(bradford.validate().isEmpty && manchester.validate().isEmpty)
    }

    @Test func policyValidationNamesEachBadField() {
        var policy = LocalPolicy.twoHourTwentyFourHour
        policy.slotStartMinutes = [540, 540, 2000]
        policy.slotMinutes = 5
        policy.timeZone = "Mars/Olympus"
        let fields = policy.validate().map(\.field)
        #expect(fields.contains("slotStartMinutes"))
        #expect(fields.contains("slotMinutes"))
        #expect(fields.contains("timeZone"))
    }

    @Test(arguments: [("30m", 1800.0), ("12h", 43_200.0), ("2d", 172_800.0), ("1w", 604_800.0)])
    func durationTextParses(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: ["", "2", "d", "0d", "-1d", "2y", "400d"])
    func durationTextRejects(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}

@Suite("Clock states")
struct ClockStateTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        // (hours after start "now", hours to due, completed after start in hours or nil, expected)
        (1.0, 24.0, nil as Double?, ClockState.open),
        (19.0, 24.0, nil, .dueSoon),  // last quarter of a day-long clock
        (17.0, 24.0, nil, .open),
        (25.0, 24.0, nil, .overdue),
        (25.0, 24.0, 23.0, .met),
        (25.0, 24.0, 24.0, .met),  // exactly on time counts as met
        (30.0, 24.0, 26.0, .metLate),
        (1.6, 2.0, nil, .dueSoon),  // a 2-hour clock is due soon in its last 30 minutes
        (1.0, 2.0, nil, .open),
        (24.0 * 10, 24.0 * 21, nil, .open),  // long clocks: due soon only in the last 24 hours
        (24.0 * 20.5, 24.0 * 21, nil, .dueSoon),
    ])
    func stateFollowsTheDueTime(nowHours: Double, dueHours: Double, completedHours: Double?, expected: ClockState) {
        let state = ClockState.at(
            Self.start.addingTimeInterval(nowHours * 3600), start: Self.start,
            due: Self.start.addingTimeInterval(dueHours * 3600),
            completed: completedHours.map { Self.start.addingTimeInterval($0 * 3600) }, dueSoonHours: 24)
        #expect(state == expected)
    }
}
