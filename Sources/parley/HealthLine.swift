import ChatApp
import ChatCore
import Foundation

/// One provider's health in a line, as `parley health` and `parley providers` print it.
enum HealthLine {
    static func details(_ status: HealthStatus) -> String {
        var parts: [String] = []
        if let latency = status.latencySeconds { parts.append(String(format: "%.0f ms", latency * 1000)) }
        if let count = status.modelCount { parts.append("\(count) model\(count == 1 ? "" : "s")") }
        if let credit = status.credit.flatMap(UsageText.credit) { parts.append("key: \(credit)") }
        if !status.loadedModels.isEmpty { parts.append("loaded: \(status.loadedModels.map(\.name).joined(separator: ", "))") }
        if let reason = status.reason { parts.append(reason) }
        return parts.joined(separator: " · ")
    }
}
