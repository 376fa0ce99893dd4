import ChatCore
import Foundation
import Testing

@Suite struct LocalClockTests {
    @Test(arguments: [0.0, 1_796_652_189.9, 951_782_400.0, -946_080_000.0])
    func showsTheWallClockAsFoundationsFormatterDoes(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        #expect(LocalClock.time(date) == formatter.string(from: date))
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        #expect(LocalClock.dateAndMinute(date) == formatter.string(from: date))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300])
    func anAbsurdMomentStillReadsAsATime(seconds: Double) {
        #expect(LocalClock.time(Date(timeIntervalSince1970: seconds)).count == 8)
    }
}
