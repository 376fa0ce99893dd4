import Foundation

/// How long ago a provider was checked, in steps coarse enough that the text rarely changes:
/// "just now", then tens of seconds, minutes, hours. With nothing else moving, the screen
/// wakes up only when one of these texts changes (`untilChange`), not every second.
enum CheckAge {
    static func text(_ seconds: TimeInterval) -> String {
        let whole = wholeSeconds(seconds)
        if whole < 10 { return "just now" }
        if whole < 60 { return "\(whole / 10 * 10) s ago" }
        if whole < 3600 { return "\(whole / 60) min ago" }
        return "\(whole / 3600) h ago"
    }

    /// Seconds from an age of `seconds` until `text` says something else; always more than 0.
    static func untilChange(_ seconds: TimeInterval) -> TimeInterval {
        let whole = wholeSeconds(seconds)
        let step = whole < 60 ? 10 : whole < 3600 ? 60 : 3600
        let next = (whole / step + 1) * step
        // From the exact age, not the whole seconds: the change is due at the boundary itself.
        let exact = seconds.isFinite ? min(max(0, seconds), 1e9) : 0
        return max(Double(next) - exact, 0.001)
    }

    /// Dates are local, but a clock set back or forward must not make a trap of an age.
    private static func wholeSeconds(_ seconds: TimeInterval) -> Int {
        seconds.isFinite ? Int(min(max(0, seconds), 1e9)) : 0
    }
}
