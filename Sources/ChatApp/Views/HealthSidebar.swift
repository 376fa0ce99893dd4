import ChatCore
import Foundation
import TerminalUI

/// Provider health: a status dot, the name, latency, model count, how long ago it was
/// checked, and the last error. Updates as each result lands.
enum HealthSidebar {
    static func render(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let theme = state.theme
        grid.box(rect, style: theme[state.focus == .sidebar ? .focusedBorder : .border], title: "Providers", titleStyle: theme[.title])
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        let lists = state.providerOrder.map { provider in
            (provider, state.health[provider] ?? .unknown)
        }.map { provider, status in
            (provider, status, details(status, now: state.now, width: inner.width - 3))
        }
        // Too little room for every provider with its details: one line each, so that none is
        // left out (the sidebar overlay on the smallest screens).
        let compact = lists.reduce(0) { $0 + 1 + $1.2.count } > inner.height
        var row = inner.y
        for (index, (provider, status, details)) in lists.enumerated() {
            guard row < inner.maxY else { break }
            if compact, row == inner.maxY - 1, index < lists.count - 1 {
                grid.put("↓ \(lists.count - index) more", x: inner.x + 1, y: row, style: theme[.dim], clip: inner)
                break
            }
            let isDefault = provider == state.defaultProvider
            let end = grid.put(status.state.symbol, x: inner.x + 1, y: row, style: theme[role(for: status.state)], clip: inner)
            let name = grid.put(" \(provider)\(isDefault ? " *" : "")", x: end, y: row, style: theme[.title], clip: inner)
            if compact { grid.put(" \(status.state.rawValue)", x: name, y: row, style: theme[.dim], clip: inner) }
            row += 1
            for detail in details where row < inner.maxY && !compact {
                grid.put(detail.text, x: inner.x + 3, y: row, style: theme[detail.isProblem ? .down : .dim], clip: inner)
                row += 1
            }
        }
        if row + 1 < inner.maxY {
            grid.put("* default", x: inner.x + 1, y: inner.maxY - 1, style: theme[.dim], clip: inner)
        }
    }

    /// Seconds until an age or an unload time shown here changes; nil when none is shown.
    static func untilChange(_ state: AppState) -> TimeInterval? {
        let statuses = state.providerOrder.compactMap { state.health[$0] }
        let ages = statuses.compactMap(\.checkedAt).map { CheckAge.untilChange(state.now.timeIntervalSince($0)) }
        let unloads = statuses.flatMap { $0.loadedModels.prefix(3).compactMap(\.unloadsAt) }
            .compactMap { UnloadTime.untilChange($0.timeIntervalSince(state.now)) }
        return (ages + unloads).min()
    }

    static func role(for state: HealthState) -> ColorRole {
        switch state {
        case .healthy: .healthy
        case .degraded: .degraded
        case .down: .down
        case .unknown, .disabled, .notConfigured: .dim
        }
    }

    /// The lines under a provider's name: state and latency; models and age; each loaded
    /// model (three at most) with its size, GPU share and time to unload; then the reason,
    /// wrapped to three lines at most.
    static func details(_ status: HealthStatus, now: Date, width: Int) -> [(text: String, isProblem: Bool)] {
        var first = [status.state.rawValue]
        if let latency = status.latencySeconds { first.append("\(FixedPoint.text(latency * 1000, decimals: 0)) ms") }
        var second: [String] = []
        if let count = status.modelCount { second.append("\(count) model\(count == 1 ? "" : "s")") }
        if let checked = status.checkedAt { second.append(CheckAge.text(now.timeIntervalSince(checked))) }
        var lines = [(text: first.joined(separator: " · "), isProblem: false)]
        if !second.isEmpty { lines.append((second.joined(separator: " · "), false)) }
        for loaded in status.loadedModels.prefix(3) {
            lines.append(("▸ \(loaded.name)", false))
            // `3.8 GB on GPU · 4 min`: size, where it runs, time until it unloads.
            let figures = [LoadedModelText.size(loaded), loaded.unloadsAt.map { UnloadTime.text($0.timeIntervalSince(now)) }].compactMap { $0 }
            if !figures.isEmpty { lines.append((figures.joined(separator: " · "), false)) }
        }
        if let reason = status.reason, status.state != .healthy {
            let wrapped = WordWrap.lines(reason, width: max(1, width)).prefix(3)
            lines += wrapped.map { ($0, true) }
        }
        return lines
    }
}
