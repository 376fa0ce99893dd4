import Foundation
import Providers

/// The words for a pull's progress: the line `parley pull` rewrites in place on a terminal
/// and the chat screen's status line show, and one line per phase for a pipe.
public enum PullReport {
    /// `pulling llama3.2 into ollama · 45% · 0.9 of 2.0 GB · 35 MB/s · 23 s left`, or the
    /// phase before any layer has a size.
    public static func progressLine(_ progress: PullProgress, model: String, provider: String) -> String {
        "pulling \(model) into \(provider) · " + progressFigures(progress)
    }

    /// `45% · 0.9 of 2.0 GB · 35 MB/s · 23 s left`, or the phase.
    public static func progressFigures(_ progress: PullProgress) -> String {
        var parts: [String] = []
        switch progress.phase {
        case .layers where progress.total > 0:
            parts.append("\(Int(progress.fraction * 100))%")
            parts.append("\(HumanUnits.bytes(progress.completed)) of \(HumanUnits.bytes(progress.total))")
            if let speed = progress.bytesPerSecond, speed > 0 { parts.append("\(HumanUnits.bytes(Int64(min(speed, 1e15))))/s") }
            if let left = progress.secondsLeft { parts.append("\(HumanUnits.duration(left)) left") }
        default:
            parts.append(progress.phase.rawValue)
        }
        return parts.joined(separator: " · ")
    }

    /// The line for a phase just entered, for a pipe; nil for a phase that says nothing new.
    public static func phaseLine(_ progress: PullProgress, model: String, provider: String) -> String? {
        switch progress.phase {
        case .starting: nil
        case .manifest: "pulling the manifest of \(model) from \(provider)"
        // Layers are announced as they start, so the size is of those seen, not yet the whole.
        case .layers: "downloading \(model): \(progress.total > 0 ? HumanUnits.bytes(progress.total) : "size not yet known") in \(progress.layers) layer\(progress.layers == 1 ? "" : "s") so far"
        case .verifying: "verifying \(HumanUnits.bytes(progress.completed)) in \(progress.layers) layer\(progress.layers == 1 ? "" : "s")"
        case .writing: "writing the manifest"
        case .done: "done: \(model) is on \(provider)"
        }
    }
}
