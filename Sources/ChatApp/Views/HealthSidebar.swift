import ChatCore
import Foundation
import TerminalUI

/// Provider health: a status dot, the name, latency, model count, how long ago it was
/// checked, and the last error. Updates as each result lands.
enum HealthSidebar {
    static let width = 30

    static func render(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let theme = state.theme
        grid.box(rect, style: theme[state.focus == .sidebar ? .focusedBorder : .border], title: "Providers", titleStyle: theme[.title])
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        var row = inner.y
        for provider in state.providerOrder {
            guard row < inner.maxY else { break }
            let status = state.health[provider] ?? .unknown
            let isDefault = provider == state.defaultProvider
            let dotStyle = theme[role(for: status.state)]
            let end = grid.put(symbol(status.state), x: inner.x + 1, y: row, style: dotStyle, clip: inner)
            grid.put(" \(provider)\(isDefault ? " *" : "")", x: end, y: row, style: theme[.title], clip: inner)
            row += 1
            for detail in details(status, now: state.now, width: inner.width - 3) where row < inner.maxY {
                grid.put(detail.text, x: inner.x + 3, y: row, style: theme[detail.isProblem ? .down : .dim], clip: inner)
                row += 1
            }
        }
        if row + 1 < inner.maxY {
            grid.put("* default", x: inner.x + 1, y: inner.maxY - 1, style: theme[.dim], clip: inner)
        }
    }

    static func symbol(_ state: HealthState) -> String {
        switch state {
        case .healthy: "●"
        case .degraded: "◐"
        case .down: "○"
        case .unknown: "…"
        case .disabled, .notConfigured: "-"
        }
    }

    static func role(for state: HealthState) -> ColorRole {
        switch state {
        case .healthy: .healthy
        case .degraded: .degraded
        case .down: .down
        case .unknown, .disabled, .notConfigured: .dim
        }
    }

    /// The lines under a provider's name: state and latency; models and age; the loaded
    /// model; then the reason, wrapped to three lines at most.
    static func details(_ status: HealthStatus, now: Date, width: Int) -> [(text: String, isProblem: Bool)] {
        var first = [status.state.rawValue]
        if let latency = status.latencySeconds { first.append("\(FixedPoint.text(latency * 1000, decimals: 0)) ms") }
        var second: [String] = []
        if let count = status.modelCount { second.append("\(count) model\(count == 1 ? "" : "s")") }
        if let checked = status.checkedAt { second.append(age(now.timeIntervalSince(checked))) }
        var lines = [(text: first.joined(separator: " · "), isProblem: false)]
        if !second.isEmpty { lines.append((second.joined(separator: " · "), false)) }
        if let loaded = status.loadedModels.first { lines.append(("loaded: \(loaded)", false)) }
        if let reason = status.reason, status.state != .healthy {
            let wrapped = WordWrap.lines(reason, width: max(1, width)).prefix(3)
            lines += wrapped.map { ($0, true) }
        }
        return lines
    }

    static func age(_ seconds: TimeInterval) -> String {
        // Dates are local, but a clock set back or forward must not make a trap of an age.
        let whole = seconds.isFinite ? Int(min(max(0, seconds), 1e9)) : 0
        if whole < 60 { return "\(whole) s ago" }
        if whole < 3600 { return "\(whole / 60) min ago" }
        return "\(whole / 3600) h ago"
    }
}
