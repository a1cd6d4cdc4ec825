import ConveneCore
import Foundation
import Testing

@Suite("Local dates")
struct LocalDateTests {
    @Test(arguments: [
        ("2026-11-23", 1), ("2026-11-28", 6), ("2026-11-29", 7), ("2026-12-25", 5), ("2000-02-29", 2), ("1970-01-01", 4),
    ])
    func isoWeekdayMatchesTheCalendar(text: String, weekday: Int) {
        #expect(LocalDate(text)!.isoWeekday == weekday)
    }

    @Test(arguments: [
        "2027-02-29", "2026-13-01", "2026-00-10", "26-11-23", "2026-1-23", "2026-11-23T10:00", "", "abcd-ef-gh", "２０２６-11-23",
    ])
    func rejectsDatesThatDoNotExistOrAreNotISO(text: String) {
        #expect(LocalDate(text) == nil)
    }

    /// As a person writes a date in England, or as a date field sends it.
    @Test(arguments: [
        ("14/05/2017", "2017-05-14"), ("1/2/2027", "2027-02-01"), ("2017-05-14", "2017-05-14"), ("29/02/2027", nil),
        ("14/05/17", nil), ("05/14/2017", nil), ("14/05/1850", nil), ("14-05-2017", nil), ("14/05/2017/1", nil), ("", nil),
        ("１４/05/2017", nil),
    ])
    func readsAWrittenDate(text: String, iso: String?) {
        #expect(LocalDate(written: text)?.description == iso)
    }

    @Test func dayNumbersRoundTripAcrossCenturies() {
        for number in stride(from: -200_000, through: 200_000, by: 997) {
            #expect(LocalDate(dayNumber: number).dayNumber == number)
        }
        #expect(LocalDate("2024-02-29")!.adding(days: 1) == LocalDate("2024-03-01"))
        #expect(LocalDate("2026-12-31")!.adding(days: 1).description == "2027-01-01")
    }

    @Test func encodesAsAnISOString() throws {
        let data = try JSONEncoder().encode(["d": LocalDate("2027-01-13")!])
        #expect(String(decoding: data, as: UTF8.self) == #"{"d":"2027-01-13"}"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([String: LocalDate].self, from: Data(#"{"d":"13/01/2027"}"#.utf8))
        }
    }
}

@Suite("Input ranges")
struct InputRangeTests {
    @Test(arguments: ["1899-12-31", "2201-01-01", "9999-12-31", "0001-01-01"])
    func datesOutsideTheAcceptedYearsAreRefused(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func localDateOfAnyInstantNeverFails() {
        let zone = LocalTimeZone.london
        #expect(zone.localDate(of: Date(timeIntervalSince1970: 253_402_300_800 + 86_400 * 40)).year == 10000)
        #expect(zone.localDate(of: Date(timeIntervalSince1970: 0)) == LocalDate("1970-01-01"))
        #expect(zone.localDate(of: Date(timeIntervalSince1970: 1_782_864_000)) == LocalDate("2026-07-01"))  // 01:00 BST
    }

    @Test func localDatesAndTimesAreTheCalendarsAcrossClockChangesAndCenturies() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let zone = LocalTimeZone.london
        // Every 17 minutes 13.4 seconds across both clock changes of 2026, then every 97 days and a
        // bit from 1800 (London's own mean time until 1847) to 2300.
        var seconds: [Double] = []
        for change: Double in [1_774_746_000, 1_792_890_000] {
            seconds += Array(stride(from: change - 50_000, to: change + 50_000, by: 1033.4))
        }
        seconds += Array(stride(from: -5_364_662_400, to: 10_413_792_000, by: 8_384_525.7))
        for instant in seconds.map(Date.init(timeIntervalSince1970:)) {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            let (date, minute) = zone.wallClock(of: instant)
            let expected: [Int] = [parts.year!, parts.month!, parts.day!]
            #expect([date.year, date.month, date.day] == expected, "\(instant)")
            #expect(zone.localDate(of: instant) == date, "\(instant)")
            #expect(minute == parts.hour! * 60 + parts.minute!, "\(instant)")
        }
    }

    @Test(arguments: ["99999999999999999d", "9223372036854775807w", "1000000h"])
    func hugeDurationsAreRefusedWithoutOverflow(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}
