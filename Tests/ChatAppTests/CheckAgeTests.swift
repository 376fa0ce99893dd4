@testable import ChatApp
import ChatCore
import Foundation
import Testing

/// The sidebar's ages move in coarse steps, and say when they will next change.
@Suite struct CheckAgeTests {
    @Test(arguments: [
        (0.0, "just now", 10.0), (9.5, "just now", 0.5), (10, "10 s ago", 10), (59, "50 s ago", 1),
        (60, "1 min ago", 60), (3599, "59 min ago", 1), (3600, "1 h ago", 3600),
        (-30, "just now", 10), (.nan, "just now", 10), (.infinity, "just now", 10),
    ])
    func anAgeReadsInStepsAndKnowsWhenItChanges(seconds: Double, text: String, untilChange: Double) {
        #expect(CheckAge.text(seconds) == text)
        #expect(abs(CheckAge.untilChange(seconds) - untilChange) < 1e-9)
    }

    @Test func theScreenChangesByItselfEverySecondOnlyWhileAnAnswerIsOnItsWay() {
        var state = Fixtures.state()
        state.health = [:]
        #expect(RootView.untilTimedChange(state) == nil)
        for provider in state.providerOrder {
            state.health[provider] = HealthStatus(state: .healthy, checkedAt: Fixtures.now.addingTimeInterval(-25))
        }
        #expect(RootView.untilTimedChange(state) == .seconds(5))
        _ = state.update(.input(.paste("hello")))
        _ = state.update(.input(.enter))
        #expect(state.active != nil)
        #expect(RootView.untilTimedChange(state) == .seconds(1))
    }

    @Test(arguments: [
        (250.0, "4 min", 10.0 as Double?), (59, "<1 min", 59), (0, "unloading", nil), (-5, "unloading", nil),
        (1e12, "stays", nil), (.nan, "stays", nil),
    ])
    func anUnloadTimeReadsInMinutesAndKnowsWhenItChanges(secondsLeft: Double, text: String, untilChange: Double?) {
        #expect(UnloadTime.text(secondsLeft) == text)
        #expect(UnloadTime.phrase(secondsLeft) == ["stays": "stays loaded", "unloading": "unloading"][text, default: "unloads in \(text)"])
        #expect(UnloadTime.untilChange(secondsLeft) == untilChange)
    }
}
