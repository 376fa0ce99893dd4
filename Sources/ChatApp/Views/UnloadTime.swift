import Foundation

/// How long until a server unloads a model, in whole minutes (`4 min`, `<1 min`), so that the
/// sidebar changes once a minute for it, not every second; `stays` for a model kept loaded.
enum UnloadTime {
    /// Ollama's "never" is a date centuries away: anything past a year is that.
    private static let forever: TimeInterval = 365 * 86_400

    static func text(_ secondsLeft: TimeInterval) -> String {
        guard secondsLeft.isFinite else { return "stays" }
        if secondsLeft > forever { return "stays" }
        if secondsLeft <= 0 { return "unloading" }
        if secondsLeft < 60 { return "<1 min" }
        return "\(Int(secondsLeft / 60)) min"
    }

    /// Seconds until `text` changes; nil when it will not by itself.
    static func untilChange(_ secondsLeft: TimeInterval) -> TimeInterval? {
        guard secondsLeft.isFinite, secondsLeft > 0, secondsLeft <= forever else { return nil }
        if secondsLeft < 60 { return secondsLeft }
        return max(secondsLeft.truncatingRemainder(dividingBy: 60), 0.001)
    }
}
