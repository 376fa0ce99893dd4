import Foundation

/// How long until a server unloads a model, in whole minutes, so that what shows it changes
/// once a minute, not every second: `4 min` in the sidebar, `unloads in 4 min` in `parley ps`.
public enum UnloadTime {
    /// Ollama's "never" is a date centuries away: anything past a year is that.
    private static let forever: TimeInterval = 365 * 86_400

    private enum When {
        case stays, now, withinAMinute
        case minutes(Int)
    }

    private static func when(_ secondsLeft: TimeInterval) -> When {
        guard secondsLeft.isFinite, secondsLeft <= forever else { return .stays }
        if secondsLeft <= 0 { return .now }
        if secondsLeft < 60 { return .withinAMinute }
        return .minutes(Int(secondsLeft / 60))
    }

    /// `4 min`, `<1 min`, `stays`, `unloading`.
    public static func text(_ secondsLeft: TimeInterval) -> String {
        switch when(secondsLeft) {
        case .stays: "stays"
        case .now: "unloading"
        case .withinAMinute: "<1 min"
        case .minutes(let minutes): HumanUnits.duration(Double(minutes * 60))
        }
    }

    /// `unloads in 4 min`, `stays loaded`, `unloading`.
    public static func phrase(_ secondsLeft: TimeInterval) -> String {
        switch when(secondsLeft) {
        case .stays: "stays loaded"
        case .now: "unloading"
        case .withinAMinute, .minutes: "unloads in \(text(secondsLeft))"
        }
    }

    /// Seconds until `text` changes; nil when it will not by itself.
    static func untilChange(_ secondsLeft: TimeInterval) -> TimeInterval? {
        guard secondsLeft.isFinite, secondsLeft > 0, secondsLeft <= forever else { return nil }
        if secondsLeft < 60 { return secondsLeft }
        return max(secondsLeft.truncatingRemainder(dividingBy: 60), 0.001)
    }
}
