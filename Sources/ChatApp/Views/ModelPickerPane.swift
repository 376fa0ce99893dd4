import ChatCore
import Foundation
import TerminalUI

/// The model picker: every model grouped by provider, filtered as you type, with its facts
/// (`ModelFacts`: size, parameters, context, price, what it can do) where known;
/// models of a provider that is down are greyed out with the reason; models that only embed
/// are listed apart and cannot be picked; a name nobody has is offered as a pull.
enum ModelPickerPane {
    static func render(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let theme = state.theme
        grid.fill(rect, style: theme[.text])
        grid.box(rect, style: theme[.focusedBorder], title: Overlays.title("Models", keys: keys(state.picker), width: rect.width), titleStyle: theme[.title])
        let inner = rect.inset(by: 1)
        guard inner.height >= 2 else { return }
        grid.put("filter › \(state.picker.filter)", x: inner.x + 1, y: inner.y, style: theme[.input], clip: inner)
        let rows = state.picker.rows(order: state.providerOrder, models: state.models)
        var lines: [(text: String, style: Style, selectable: Int?)] = []
        var currentProvider: ProviderID?
        for (index, model) in rows.enumerated() {
            let status = state.health[model.provider] ?? .unknown
            if model.provider != currentProvider {
                currentProvider = model.provider
                let reason = status.state == .down ? " — down: \(status.reason ?? "")" : ""
                lines.append(("\(model.provider) (\(status.state.rawValue))\(reason)", theme[.title], nil))
            }
            let style = index == state.picker.selection ? theme[.selection] : status.state == .down ? theme[.dim] : theme[.text]
            // With models marked, each shows its column number.
            let mark = state.picker.marked.isEmpty ? ""
                : (state.picker.marked.firstIndex(of: "\(model.provider):\(model.name)").map { "\($0 + 1) " } ?? "  ")
            let marker = (index == state.picker.selection ? "› " : "  ") + mark
            lines.append(("\(marker)\(model.name)\(describe(model))", style, index))
        }
        let offers = state.picker.pullOffers(targets: state.pullTargets, models: state.models)
        if rows.isEmpty, offers.isEmpty {
            let text = state.models.isEmpty ? "No model lists yet: providers are being checked." : "No model matches '\(state.picker.filter)'."
            lines.append((text, theme[.dim], nil))
        }
        let embedding = state.picker.embeddingModels(order: state.providerOrder, models: state.models)
        if !embedding.isEmpty {
            lines.append(("embedding models — they turn text into vectors and cannot chat", theme[.title], nil))
            lines += embedding.map { ("  \($0.provider):\($0.name)\(describe($0))", theme[.dim], nil) }
        }
        for (offset, pull) in offers.enumerated() {
            let index = rows.count + offset
            let style = index == state.picker.selection ? theme[.selection] : theme[.text]
            let marker = index == state.picker.selection ? "› " : "  "
            let running = state.pulls[pull].map { " — pulling: \(PullReport.progressFigures($0))" } ?? ""
            lines.append(("\(marker)⤓ pull \(pull.model) into \(pull.provider)\(running)", style, index))
        }
        // The keys for the highlighted model, when its provider manages its models.
        let manageable = rows.indices.contains(state.picker.selection) && state.pullTargets.contains(rows[state.picker.selection].provider)
        let listHeight = inner.height - (manageable ? 2 : 1)
        if manageable {
            grid.put("Ctrl-L load · Ctrl-U unload · Ctrl-D delete", x: inner.x + 1, y: inner.maxY - 1, style: theme[.dim], clip: inner)
        }
        let selectedLine = lines.firstIndex { $0.selectable == state.picker.selection } ?? 0
        let first = max(0, min(selectedLine - listHeight / 2, lines.count - listHeight))
        for (offset, line) in lines.dropFirst(first).prefix(listHeight).enumerated() {
            let y = inner.y + 1 + offset
            if line.selectable == state.picker.selection { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: line.style) }
            grid.put(line.text, x: inner.x + 1, y: y, style: line.style, clip: inner)
        }
    }

    /// What the keys do, in the title: Enter compares once two models are marked.
    private static func keys(_ picker: ModelPicker) -> String {
        picker.marked.count >= Comparison.models.lowerBound
            ? "Enter compares the \(picker.marked.count) marked, Space marks, Esc closes"
            : "type to filter, Enter picks, Space marks to compare, Esc closes"
    }

    private static func describe(_ model: ModelInfo) -> String {
        let facts = ModelFacts.of(model)
        return facts.isEmpty ? "" : "  " + facts.joined(separator: " · ")
    }
}
