import ChatCore
import Foundation
import TerminalUI

/// A comparison's answers as the conversation pane shows them, below the prompt: in columns
/// side by side, each with its own header, route notes and footer, or one under another where
/// columns would be too narrow to read.
enum ComparisonView {
    /// Narrower columns than this are stacked instead.
    static let narrowestColumn = 24
    private static let gap = " │ "

    /// Whether `count` columns fit side by side in `width`.
    static func fitsSideBySide(_ count: Int, width: Int) -> Bool {
        sideBySideWidth(count, width: width) >= narrowestColumn
    }

    private static func sideBySideWidth(_ count: Int, width: Int) -> Int {
        (width - TextWidth.of(gap) * (count - 1)) / max(1, count)
    }

    /// The width of each of `count` columns in a pane `width` wide: side by side, or the
    /// whole width when stacked.
    static func columnWidth(_ count: Int, width: Int) -> Int {
        fitsSideBySide(count, width: width) ? sideBySideWidth(count, width: width) : width
    }

    /// The block's lines; of columns side by side, only the last `rowsWanted` rows are put
    /// together (those above are blank, counted): a frame costs what the pane can show, not
    /// every answer's whole length.
    static func lines(_ comparison: Comparison, state: AppState, width: Int, rowsWanted: Int = .max) -> [RenderedLine] {
        let theme = state.theme
        let count = comparison.columns.count
        let sideBySide = fitsSideBySide(count, width: width)
        let columnWidth = columnWidth(count, width: width)
        let columns = comparison.columns.indices.map { column($0, of: comparison, state: state, width: columnWidth) }
        let keys = state.keymap
        let summary = comparison.isRunning
            ? "comparing \(count) models · \(keys.key(.stop)) stops them all"
            : "compared · \(keys.key(.focusNext)), then 1–\(count) (or /pick N) goes on with that answer; the others stay as its siblings"
        var lines = WordWrap.lines(summary, width: width).map { RenderedLine([StyledSpan($0, theme[.dim])]) }
        guard sideBySide else {
            for column in columns { lines += [RenderedLine([])] + column }
            return lines
        }
        let separator = StyledSpan(gap, theme[.border])
        let rows = columns.map(\.count).max() ?? 0
        let firstWanted = max(0, rows - rowsWanted)
        lines += Array(repeating: RenderedLine([]), count: firstWanted)
        for row in firstWanted..<rows {
            var spans: [StyledSpan] = []
            for (index, column) in columns.enumerated() {
                if index > 0 { spans.append(separator) }
                spans += padded(row < column.count ? column[row] : RenderedLine([]), to: columnWidth)
            }
            lines.append(RenderedLine(spans))
        }
        return lines
    }

    /// One column: its number and model, what the route did, the answer, and its footer or
    /// why there is none.
    private static func column(_ index: Int, of comparison: Comparison, state: AppState, width: Int) -> [RenderedLine] {
        let theme = state.theme
        let column = comparison.columns[index]
        let answer = column.answer
        let name = answer.target?.description ?? column.model
        var lines = [RenderedLine([StyledSpan("\(index + 1) ", theme[.warning]), StyledSpan(name, theme[.assistant])])]
        for note in column.notes { lines += wrap("⚠ " + note, width: width, style: theme[.warning]) }
        if !answer.thinking.isEmpty {
            // Folded whatever Ctrl-T says: a column is narrow, and the picked answer shows it.
            var folded = wrap(ConversationLayout.foldedReasoning(answer, showKey: nil), width: width, style: theme[.thinking])
            if ConversationLayout.isReasoning(answer), column.requestID != nil { ConversationLayout.markStreaming(&folded, width: width, theme: theme) }
            lines += folded
        }
        if !answer.text.isEmpty {
            // Laid out as it streamed (`AppState.append(_:toColumn:)`), unless the width changed.
            var body = answer.layout.flatMap { $0.fits(width: width, theme: theme) ? $0.lines : nil }
                ?? MarkdownRenderer.render(answer.text, width: width, theme: theme)
            if answer.isStreaming, column.requestID != nil { ConversationLayout.markStreaming(&body, width: width, theme: theme) }
            lines += body
        }
        if answer.isStreaming {
            if column.requestID == nil, let after = column.after {
                let text = "waits for \(comparison.columns[after].model): one Ollama host answers one model at a time (two models loading at once thrash its GPU)"
                lines += wrap(text, width: width, style: theme[.dim])
            } else if column.requestID == nil {
                lines += wrap("not asked yet", width: width, style: theme[.dim])
            } else if answer.text.isEmpty, answer.thinking.isEmpty {
                lines += wrap("waiting for the first token…", width: width, style: theme[.dim])
            }
        }
        if let failure = column.failure { lines += wrap(failure, width: width, style: theme[.error]) }
        if let footer = ConversationLayout.footer(answer) { lines += wrap(footer, width: width, style: theme[.footer]) }
        return lines
    }

    /// A line cut or filled to exactly `width` columns, its background carried into the filling.
    private static func padded(_ line: RenderedLine, to width: Int) -> [StyledSpan] {
        var spans: [StyledSpan] = []
        var used = 0
        for span in line.spans where used < width {
            let spanWidth = TextWidth.of(span.text)
            if used + spanWidth <= width {
                spans.append(span)
                used += spanWidth
                continue
            }
            var kept = ""
            for character in span.text {
                let characterWidth = TextWidth.of(String(character))
                if used + characterWidth > width { break }
                kept.append(character)
                used += characterWidth
            }
            spans.append(StyledSpan(kept, span.style))
            used = width
        }
        if used < width { spans.append(StyledSpan(String(repeating: " ", count: width - used), line.fill ?? Style())) }
        return spans
    }

    private static func wrap(_ text: String, width: Int, style: Style) -> [RenderedLine] {
        WordWrap.lines(text, width: width).map { RenderedLine([StyledSpan($0, style)]) }
    }
}
