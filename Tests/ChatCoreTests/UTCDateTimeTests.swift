import ChatCore
import Foundation
import Testing

@Suite struct UTCDateTimeTests {
    @Test func formatsAMomentAsISO8601AndAsSQLiteText() {
        // 2026-12-07 14:03:09.123456789 UTC
        let date = Date(timeIntervalSince1970: 1_796_652_189.123456)
        let fields = UTCDateTime(date)
        #expect(fields.iso8601 == "2026-12-07T14:03:09Z")
        #expect(fields.sqliteText == "2026-12-07 14:03:09.123")
    }

    /// From 1600 on: before 1582 Foundation's Gregorian calendar turns Julian, where this one
    /// (like SQLite's date functions) stays Gregorian.
    @Test func agreesWithFoundationsCalendarFrom1600To9999() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
        var seconds: TimeInterval = -11_676_096_000
        while seconds < 253_402_300_799 {
            let date = Date(timeIntervalSince1970: seconds)
            let fields = UTCDateTime(date)
            let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            #expect([fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second]
                == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second])
            #expect(fields.date == date)
            seconds += 86_400 * 997 + 3_607.5
        }
    }

    @Test(arguments: [
        ("2026-12-07T14:03:09Z", 1_796_652_189.0),
        ("2026-12-07 14:03:09.123", 1_796_652_189.123),
        ("2026-12-07T16:03:09.5+02:00", 1_796_652_189.5),
        ("2026-12-07T09:03:09.837530001-05:00", 1_796_652_189.837530001),
        ("2026-12-07T14:03Z", 1_796_652_180.0),
        ("2026-12-07", 1_796_601_600.0),
        ("1970-01-01T00:00:00Z", 0.0),
    ])
    func readsRFC3339AndSQLiteDates(text: String, seconds: Double) throws {
        let date = try #require(UTCDateTime.date(from: text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test(arguments: ["", "2026", "2026-13-01", "2026-02-30", "2025-02-29", "2026-12-07T24:00Z", "2026-12-07T14:60Z",
                      "2026-12-07T14:03:09+25:00", "2026-12-07T14:03:09.Z", "2026-12-07T14:03:09Zjunk", "२०२६-12-07",
                      "99999-01-01", "-001-01-01", "2026-12-07T14:03:09\u{1B}[2J"])
    func refusesWhatIsNotADate(text: String) {
        #expect(UTCDateTime.date(from: text) == nil)
    }

    @Test func readsALeapDayAndALeapSecond() {
        #expect(UTCDateTime.date(from: "2024-02-29T00:00:00Z") != nil)
        #expect(UTCDateTime.date(from: "2016-12-31T23:59:60Z")?.timeIntervalSince1970 == 1_483_228_800)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300, -1e300])
    func anAbsurdMomentIsBroughtToTheNearestYearItCanSay(seconds: Double) {
        let fields = UTCDateTime(Date(timeIntervalSince1970: seconds))
        #expect((1...9999).contains(fields.year))
        #expect(fields.date != nil)
    }
}
