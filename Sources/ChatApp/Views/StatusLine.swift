import Foundation
import TerminalUI

/// The bottom line: model@provider, what the answer is doing, the latest fallback or health
/// change, and key hints.
enum StatusLine {
    static func render(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let theme = state.theme
        grid.fill(rect, style: theme[.statusBar])
        var x = grid.put(" \(state.modelLabel) ", x: rect.x, y: rect.y, style: theme[.statusAccent], clip: rect)
        x = grid.put(" \(phase(state))", x: x, y: rect.y, style: theme[.statusBar], clip: rect)
        if state.usage.hasUsage {
            x = grid.put(" │ Σ \(UsageText.summary(state.usage))", x: x, y: rect.y, style: theme[.statusBar], clip: rect)
        }
        for (pull, progress) in state.pulls.sorted(by: { ($0.key.provider, $0.key.model) < ($1.key.provider, $1.key.model) }) {
            x = grid.put(" │ pulling \(pull.model) · \(PullReport.progressFigures(progress))", x: x, y: rect.y, style: theme[.statusBar], clip: rect)
        }
        if let note = state.statusNote {
            x = grid.put(" │ \(note)", x: x, y: rect.y, style: theme[.statusBar], clip: rect)
        }
        let keymap = state.keymap
        let keys = "\(keymap.key(.help)) help · \(keymap.key(.pickModel)) models · \(keymap.key(.focusNext)) focus "
        let keysWidth = TextWidth.of(keys)
        if x + keysWidth + 2 <= rect.maxX {
            grid.put(keys, x: rect.maxX - keysWidth, y: rect.y, style: theme[.statusBar], clip: rect)
        }
    }

    static func phase(_ state: AppState) -> String {
        if let comparison = state.comparison, !comparison.columns.isEmpty {
            let answering = comparison.columns.filter { $0.requestID != nil && !$0.isDone }.count
            return comparison.isRunning ? "comparing: \(answering) of \(comparison.columns.count) answering" : "compared: pick one"
        }
        guard let active = state.active else { return "idle" }
        switch active.phase {
        case .waiting:
            return "waiting…"
        case .loading:
            return "loading model… \(Int(state.now.timeIntervalSince(active.startedAt))) s"
        case .streaming:
            guard let rate = active.shownRate else { return "streaming" }
            return "streaming \(FixedPoint.text(rate, decimals: 0)) tok/s"
        }
    }
}
