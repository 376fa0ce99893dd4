import ChatCore
import Foundation
import TerminalUI

/// Provider health: a status dot, the name, latency, model count, how long ago it was
/// checked, and the last error. Updates as each result lands.
enum HealthSidebar {
    /// One line under a provider's name: indented, with a status mark of its own for a pool's member.
    struct Line: Equatable {
        var text: String
        var isProblem = false
        var indent = 0
        var mark: HealthState?
    }

    /// All the sidebar shows: two equal contents paint the same cells, so a frame can keep
    /// the sidebar as the last one drew it.
    struct Content: Equatable {
        struct Provider: Equatable {
            var id: ProviderID
            var state: HealthState
            var isDefault: Bool
            var lines: [Line]
        }

        var theme: Theme
        var focused: Bool
        var providers: [Provider]
    }

    static func render(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        paint(content(state, in: rect), in: rect, into: &grid)
    }

    static func content(_ state: AppState, in rect: Rect) -> Content {
        // A pool's members are shown in its group, not again on their own.
        let members = Set(state.pools.values.joined())
        let width = rect.inset(by: 1).width - 3
        let providers = state.providerOrder.filter { !members.contains($0) }.map { provider in
            let status = state.health[provider] ?? .unknown
            return Content.Provider(id: provider, state: status.state, isDefault: provider == state.defaultProvider,
                                    lines: lines(for: provider, status, in: state, width: width))
        }
        return Content(theme: state.theme, focused: state.focus == .sidebar, providers: providers)
    }

    static func paint(_ content: Content, in rect: Rect, into grid: inout CellGrid) {
        let theme = content.theme
        grid.box(rect, style: theme[content.focused ? .focusedBorder : .border], title: "Providers", titleStyle: theme[.title])
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        let lists = content.providers
        // Too little room for every provider with its details: one line each, so that none is
        // left out (the sidebar overlay on the smallest screens).
        let compact = lists.reduce(0) { $0 + 1 + $1.lines.count } > inner.height
        var row = inner.y
        for (index, provider) in lists.enumerated() {
            guard row < inner.maxY else { break }
            if compact, row == inner.maxY - 1, index < lists.count - 1 {
                grid.put("↓ \(lists.count - index) more", x: inner.x + 1, y: row, style: theme[.dim], clip: inner)
                break
            }
            let end = grid.put(provider.state.symbol, x: inner.x + 1, y: row, style: theme[role(for: provider.state)], clip: inner)
            let name = grid.put(" \(provider.id)\(provider.isDefault ? " *" : "")", x: end, y: row, style: theme[.title], clip: inner)
            if compact { grid.put(" \(provider.state.rawValue)", x: name, y: row, style: theme[.dim], clip: inner) }
            row += 1
            for line in provider.lines where row < inner.maxY && !compact {
                var x = inner.x + 3 + line.indent
                if let mark = line.mark {
                    x = grid.put(mark.symbol + " ", x: x, y: row, style: theme[role(for: mark)], clip: inner)
                }
                grid.put(line.text, x: x, y: row, style: theme[line.isProblem ? .down : (line.mark == nil ? .dim : .title)], clip: inner)
                row += 1
            }
        }
        if row + 1 < inner.maxY {
            grid.put("* default", x: inner.x + 1, y: inner.maxY - 1, style: theme[.dim], clip: inner)
        }
    }

    /// A provider's lines; a pool's are its own, then each member's: its mark, name and
    /// latency, whether this Parley's answer is on it now, its loaded models and why it is down.
    static func lines(for provider: ProviderID, _ status: HealthStatus, in state: AppState, width: Int) -> [Line] {
        guard let members = state.pools[provider] else {
            return details(status, now: state.now, width: width).map { Line(text: $0.text, isProblem: $0.isProblem) }
        }
        var own = status
        own.reason = nil
        own.loadedModels = []
        var lines = details(own, now: state.now, width: width).map { Line(text: $0.text, isProblem: $0.isProblem) }
        let answering = state.active.flatMap { state.entries.indices.contains($0.entryIndex) ? state.entries[$0.entryIndex].target?.provider : nil }
        for member in members {
            let memberStatus = state.health[member] ?? .unknown
            var head = [member.rawValue]
            if let latency = memberStatus.latencySeconds, memberStatus.state == .healthy || memberStatus.state == .degraded {
                head.append("\(FixedPoint.text(latency * 1000, decimals: 0)) ms")
            } else {
                head.append(memberStatus.state.rawValue)
            }
            if member == answering { head.append("answering") }
            lines.append(Line(text: head.joined(separator: " · "), mark: memberStatus.state))
            for loaded in memberStatus.loadedModels.prefix(2) {
                lines.append(Line(text: "▸ \(loaded.name)", indent: 2))
            }
            if let reason = memberStatus.reason, memberStatus.state != .healthy {
                lines += WordWrap.lines(reason, width: max(1, width - 2)).prefix(2).map { Line(text: $0, isProblem: true, indent: 2) }
            }
        }
        return lines
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
        if let credit = status.credit.flatMap(UsageText.credit) {
            let low = (status.credit?.remainingUSD).map { $0 < 1 } ?? false
            lines += WordWrap.lines(credit, width: max(1, width)).prefix(2).map { ($0, low) }
        }
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
