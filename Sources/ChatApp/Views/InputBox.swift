import TerminalUI

/// The message being typed: up to six lines show; the view follows the cursor.
enum InputBox {
    /// All the box shows: two equal contents paint the same cells and put the cursor in the
    /// same place, so a frame can keep the box as the last one drew it.
    struct Content: Equatable {
        var theme: Theme
        var focused: Bool
        var title: String
        var hint: String
        var input: InputBuffer
        /// The caret is drawn as a cell, the terminal's own cursor hidden: while an answer
        /// streams, so that the terminal's cursor stays where the answer's text ends and a frame
        /// writes the new text without moving there and back.
        var caretAsCell: Bool
    }

    static func content(_ state: AppState) -> Content {
        let keys = state.keymap
        let hint = state.editing != nil ? "\(keys.key(.send)) send as a new branch · \(keys.key(.stop)) leave the edit"
            : state.active == nil ? "\(keys.key(.send)) send · \(keys.key(.newline)) newline" : "\(keys.key(.stop)) stop · \(keys.key(.send)) send"
        return Content(theme: state.theme, focused: state.focus == .input && state.overlay == nil,
                       title: state.editing != nil ? "Editing a message" : "Message", hint: hint, input: state.input,
                       caretAsCell: state.isAnswering)
    }

    /// Paints the box and returns where the terminal cursor goes (nil hides it).
    static func paint(_ content: Content, in rect: Rect, into grid: inout CellGrid) -> (x: Int, y: Int)? {
        let theme = content.theme
        let focused = content.focused
        let hint = content.hint
        grid.box(rect, style: theme[focused ? .focusedBorder : .border], title: content.title, titleStyle: theme[.title])
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return nil }
        if TextWidth.of(hint) + 12 < rect.width {
            grid.put(" \(hint) ", x: rect.maxX - TextWidth.of(hint) - 3, y: rect.y, style: theme[.dim], clip: rect)
        }
        let input = content.input
        let firstRow = max(0, input.row - (inner.height - 1))
        let prompt = "› "
        let promptWidth = TextWidth.of(prompt)
        let textWidth = max(1, inner.width - promptWidth)
        var cursor: (x: Int, y: Int)?
        for (offset, line) in input.lines[firstRow...].prefix(inner.height).enumerated() {
            let y = inner.y + offset
            if firstRow + offset == 0 { grid.put(prompt, x: inner.x, y: y, style: theme[.dim], clip: inner) }
            let lineIndex = firstRow + offset
            // Scroll sideways so the cursor stays in view on a long line.
            let cursorColumn = lineIndex == input.row ? TextWidth.of(String(line.prefix(input.column))) : 0
            let shift = max(0, cursorColumn - textWidth + 1)
            var skipped = 0
            var visible = ""
            var visibleWidth = 0
            // What is past the box's right edge is not read: a pasted line may be megabytes.
            for character in line {
                if visibleWidth > textWidth { break }
                if skipped < shift {
                    skipped += TextWidth.of(character)
                    continue
                }
                visible.append(character)
                visibleWidth += TextWidth.of(character)
            }
            grid.put(visible, x: inner.x + promptWidth, y: y, style: theme[.input], clip: inner)
            if lineIndex == input.row { cursor = (inner.x + promptWidth + cursorColumn - shift, y) }
        }
        guard focused, let cursor else { return nil }
        guard content.caretAsCell else { return cursor }
        grid[cursor.x, cursor.y].style = grid[cursor.x, cursor.y].style.with(.reverse)
        return nil
    }
}
