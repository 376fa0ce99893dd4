import TerminalUI

/// The conversation: messages wrapped to the pane (answers as markdown), newest at the bottom,
/// each answer with a footer naming who answered and how fast. What shows is decided by
/// `ConversationLayout`, which lays out only the lines in view.
enum ConversationPane {
    static func render(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let focused = state.focus == .conversation
        let theme = state.theme
        let keys = state.keymap
        let title = focused
            ? "Conversation · \(keys.key(.messageUp)) \(keys.key(.messageDown)) messages · \(keys.key(.codeBlockUp)) \(keys.key(.codeBlockDown)) code blocks"
            : "Conversation"
        grid.box(rect, style: theme[focused ? .focusedBorder : .border], title: title, titleStyle: theme[.title])
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        if state.entries.isEmpty {
            let hint = ["Type a message and press \(keys.key(.send)).", "\(keys.key(.help)) help · \(keys.key(.pickModel)) pick a model · /help commands"]
            for (offset, line) in hint.enumerated() where offset < inner.height {
                grid.put(line, x: inner.x + 1, y: inner.y + offset, style: theme[.dim], clip: inner)
            }
            return
        }
        let layout = ConversationLayout(state)
        let (visible, offset) = layout.view(state)
        for (row, line) in visible.enumerated() {
            let y = inner.y + row
            if let fill = line.fill { grid.fill(Rect(x: inner.x + 1, y: y, width: layout.width, height: 1), style: fill) }
            if line.isUnderCursor {
                grid.put("▌", x: inner.x, y: y, style: theme[.focusedBorder], clip: inner)
            } else if line.isInSelectedMessage {
                grid.put("▏", x: inner.x, y: y, style: theme[.focusedBorder], clip: inner)
            }
            var x = inner.x + 1
            for span in line.spans { x = grid.put(span.text, x: x, y: y, style: span.style, clip: inner) }
        }
        if offset > 0 {
            let marker = " ↓ \(offset) more "
            grid.put(marker, x: inner.maxX - TextWidth.of(marker), y: rect.maxY - 1, style: theme[.warning], clip: rect)
        }
    }
}
