import Foundation
import Providers

/// The words `parley pull` shows for a pull's progress: one line rewritten in place on a
/// terminal, and one line per phase when the output is piped.
enum PullReport {
    /// `45% · 0.9 of 2.0 GB · 35.2 MB/s · 23 s left`, or the phase before any layer has a size.
    static func progressLine(_ progress: PullProgress, model: String, provider: String) -> String {
        var parts = ["pulling \(model) into \(provider)"]
        switch progress.phase {
        case .layers where progress.total > 0:
            parts.append("\(Int(progress.fraction * 100))%")
            parts.append("\(size(progress.completed)) of \(size(progress.total))")
            if let speed = progress.bytesPerSecond, speed > 0 { parts.append("\(size(Int64(min(speed, 1e15))))/s") }
            if let left = progress.secondsLeft { parts.append("\(duration(left)) left") }
        default:
            parts.append(progress.phase.rawValue)
        }
        return parts.joined(separator: " · ")
    }

    /// The line for a phase just entered, for a pipe; nil for a phase that says nothing new.
    static func phaseLine(_ progress: PullProgress, model: String, provider: String) -> String? {
        switch progress.phase {
        case .starting: nil
        case .manifest: "pulling the manifest of \(model) from \(provider)"
        case .layers: "downloading \(model): \(progress.total > 0 ? size(progress.total) : "size unknown")"
        case .verifying: "verifying \(size(progress.completed)) in \(progress.layers) layer\(progress.layers == 1 ? "" : "s")"
        case .writing: "writing the manifest"
        case .done: "done: \(model) is on \(provider)"
        }
    }

    /// Bytes in the largest unit that keeps a digit before the point: `512 B`, `12 KB`, `1.5 GB`.
    static func size(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB"]
        var value = Double(max(bytes, 0))
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) B" : String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }

    /// `23 s`, `4 min`, `2 h 5 min`.
    static func duration(_ seconds: Double) -> String {
        let whole = seconds.isFinite ? Int(min(max(0, seconds), 1e7)) : 0
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
