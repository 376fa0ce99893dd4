import ChatCore
import TerminalUI

/// The help, quit, sidebar and model-picker overlays, drawn over the panes.
enum Overlays {
    static func render(_ state: AppState, into grid: inout CellGrid) {
        guard let overlay = state.overlay else { return }
        let theme = state.theme
        let screen = grid.bounds.splitBottom(1).rest
        switch overlay {
        case .help:
            let (box, lines, visible) = HelpText.layout(screen: screen, keymap: state.keymap)
            let first = min(state.helpScroll, max(0, lines.count - visible))
            grid.fill(box, style: theme[.text])
            grid.box(box, style: theme[.focusedBorder], title: "Keys — Esc closes", titleStyle: theme[.title])
            for (row, line) in lines.dropFirst(first).prefix(visible).enumerated() {
                grid.put(line, x: box.x + 2, y: box.y + 1 + row, style: theme[.text], clip: box.inset(by: 1))
            }
            // More above or below: said on the bottom border, with the keys that get there.
            let above = first > 0, below = first + visible < lines.count
            if above || below {
                let marker = " " + [above ? "↑ PgUp" : nil, below ? "↓ PgDn more" : nil].compactMap { $0 }.joined(separator: " · ") + " "
                grid.put(marker, x: box.x + max(1, box.width - 2 - TextWidth.of(marker)), y: box.maxY - 1, style: theme[.title], clip: box)
            }
        case .confirmQuit:
            confirm("Quit Parley? y / n", border: theme[.warning], theme: theme, in: screen, into: &grid)
        case .sidebar:
            let box = screen.centered(Size(width: ScreenLayout.sidebarWidth, height: screen.height - 2))
            grid.fill(box, style: theme[.text])
            HealthSidebar.render(state, in: box, into: &grid)
        case .modelPicker:
            // Wide enough for a model's name and facts (prices, modalities) on wide terminals.
            ModelPickerPane.render(state, in: screen.centered(Size(width: min(screen.width - 4, 100), height: screen.height - 2)), into: &grid)
        case .archive(let title, let items, let selection):
            renderArchive(title: title, items: items, selection: selection, theme: theme, in: screen.centered(Size(width: min(screen.width - 4, 90), height: screen.height - 2)), into: &grid)
        case .confirmDelete:
            confirm("Delete this conversation for good? y / n", border: theme[.error], theme: theme, in: screen, into: &grid)
        case .confirmDeleteModel(let model):
            let frees = model.sizeBytes.map { " It frees \(HumanUnits.bytes($0))." } ?? ""
            confirm("Delete \(model.name) from \(model.provider)'s disk?\(frees) y / n", border: theme[.error], theme: theme, in: screen, into: &grid)
        case .confirmStopPull(let pull):
            confirm("Stop pulling \(pull.model) into \(pull.provider)? Ollama may go on downloading it in the background. y / n", border: theme[.warning], theme: theme, in: screen, into: &grid)
        }
    }

    /// An overlay's title with the keys it takes, or with only "Esc closes" when the box is too
    /// narrow for them all: the way out always shows.
    static func title(_ name: String, keys: String, width: Int) -> String {
        let full = "\(name) — \(keys)"
        return TextWidth.of(full) + 4 <= width ? full : "\(name) — Esc closes"
    }

    /// A question in a box, wrapped to the screen so its answer keys always show.
    private static func confirm(_ text: String, border: Style, theme: Theme, in screen: Rect, into grid: inout CellGrid) {
        let lines = WordWrap.lines(text, width: max(1, screen.width - 6))
        let box = screen.centered(Size(width: (lines.map { TextWidth.of($0) }.max() ?? 0) + 6, height: lines.count + 2))
        grid.fill(box, style: theme[.text])
        grid.box(box, style: border)
        for (row, line) in lines.enumerated() {
            grid.put(line, x: box.x + 3, y: box.y + 1 + row, style: theme[.title], clip: box.inset(by: 1))
        }
    }

    /// Search results or the conversation list: two lines a row, Enter opens.
    private static func renderArchive(title: String, items: [ArchiveItem], selection: Int, theme: Theme, in box: Rect, into grid: inout CellGrid) {
        grid.fill(box, style: theme[.text])
        grid.box(box, style: theme[.focusedBorder], title: Self.title(title, keys: "Enter opens, Esc closes", width: box.width), titleStyle: theme[.title])
        let inner = box.inset(by: 1)
        guard inner.height >= 2 else { return }
        let rowsShown = inner.height / 2
        let first = max(0, min(selection - rowsShown / 2, items.count - rowsShown))
        for (offset, item) in items.dropFirst(first).prefix(rowsShown).enumerated() {
            let index = first + offset
            let y = inner.y + offset * 2
            let style = index == selection ? theme[.selection] : theme[.title]
            if index == selection { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            grid.put((index == selection ? "› " : "  ") + item.title, x: inner.x + 1, y: y, style: style, clip: inner)
            grid.put("  " + item.detail.replacingOccurrences(of: "\n", with: " "), x: inner.x + 1, y: y + 1, style: theme[.dim], clip: inner)
        }
    }
}
