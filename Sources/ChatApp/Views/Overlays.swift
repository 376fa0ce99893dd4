import ChatCore
import TerminalUI

/// The help, quit, sidebar and model-picker overlays, drawn over the panes.
enum Overlays {
    static let helpLines = [
        "Enter           send the message",
        "Ctrl-J, Alt-Enter   new line in the message",
        "Up / Down       earlier messages (input history)",
        "Ctrl-A/E/K/U/W  line start, end, kill to end, kill to start, delete word",
        "Esc             stop the answer (the partial answer is kept)",
        "Ctrl-C          stop the answer, or quit",
        "Ctrl-R          retry an interrupted answer on the next healthy provider",
        "Ctrl-T          show or fold the models' reasoning",
        "Ctrl-Y          copy the last answer to the clipboard (OSC 52)",
        "Tab, then [ ]   put the cursor on a code block; y or Enter copies it",
        "PgUp / PgDn     scroll the conversation (mouse wheel too)",
        "Tab / Shift-Tab move between input, conversation and sidebar",
        "Ctrl-P, F2      pick a model",
        "F3, Ctrl-S      show the provider sidebar (narrow terminals)",
        "F1, ?           this help",
        "",
        "/model NAME  /models  /providers  /default P  /health  /clear  /new",
        "/rename TITLE  /system TEXT  /temperature T  /set max-tokens N",
        "/export FILE.md  /copy [code]  /help  /quit",
    ]

    static func render(_ state: AppState, into grid: inout CellGrid) {
        guard let overlay = state.overlay else { return }
        let theme = state.theme
        let screen = grid.bounds.splitBottom(1).rest
        switch overlay {
        case .help:
            // On a small screen the lines wrap and the list is cut; the wide form fits 80x24.
            let width = min((helpLines.map { TextWidth.of($0) }.max() ?? 0) + 4, screen.width)
            let lines = helpLines.flatMap { $0.isEmpty ? [""] : WordWrap.lines($0, width: max(1, width - 4)) }
            let box = screen.centered(Size(width: width, height: lines.count + 2))
            grid.fill(box, style: theme[.text])
            grid.box(box, style: theme[.focusedBorder], title: "Keys — Esc closes", titleStyle: theme[.title])
            for (row, line) in lines.enumerated() {
                grid.put(line, x: box.x + 2, y: box.y + 1 + row, style: theme[.text], clip: box.inset(by: 1))
            }
        case .confirmQuit:
            let text = "Quit Parley? y / n"
            let box = screen.centered(Size(width: TextWidth.of(text) + 6, height: 3))
            grid.fill(box, style: theme[.text])
            grid.box(box, style: theme[.warning])
            grid.put(text, x: box.x + 3, y: box.y + 1, style: theme[.title], clip: box.inset(by: 1))
        case .sidebar:
            let box = screen.centered(Size(width: HealthSidebar.width, height: screen.height - 2))
            grid.fill(box, style: theme[.text])
            HealthSidebar.render(state, in: box, into: &grid)
        case .modelPicker:
            ModelPickerPane.render(state, in: screen.centered(Size(width: min(screen.width - 4, 76), height: screen.height - 2)), into: &grid)
        case .archive(let title, let items, let selection):
            renderArchive(title: title, items: items, selection: selection, theme: theme, in: screen.centered(Size(width: min(screen.width - 4, 90), height: screen.height - 2)), into: &grid)
        case .confirmDelete:
            let text = "Delete this conversation for good? y / n"
            let box = screen.centered(Size(width: TextWidth.of(text) + 6, height: 3))
            grid.fill(box, style: theme[.text])
            grid.box(box, style: theme[.error])
            grid.put(text, x: box.x + 3, y: box.y + 1, style: theme[.title], clip: box.inset(by: 1))
        }
    }

    /// Search results or the conversation list: two lines a row, Enter opens.
    private static func renderArchive(title: String, items: [ArchiveItem], selection: Int, theme: Theme, in box: Rect, into grid: inout CellGrid) {
        grid.fill(box, style: theme[.text])
        grid.box(box, style: theme[.focusedBorder], title: "\(title) — Enter opens, Esc closes", titleStyle: theme[.title])
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
