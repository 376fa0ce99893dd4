import ChatCore
import Foundation
import TerminalUI

/// The conversation: messages wrapped to the pane (answers as markdown), newest at the bottom, each answer with a
/// footer naming who answered and how fast. Only the lines that show are laid out, from the
/// bottom up, so a long history costs nothing per frame.
enum ConversationPane {
    static func render(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let focused = state.focus == .conversation
        let theme = state.theme
        let title = focused ? "Conversation · [ ] code blocks · ↑↓ scroll" : "Conversation"
        grid.box(rect, style: theme[focused ? .focusedBorder : .border], title: title, titleStyle: theme[.title])
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        let textWidth = max(1, inner.width - 1)
        if state.entries.isEmpty {
            let hint = ["Type a message and press Enter.", "F1 help · Ctrl-P pick a model · /help commands"]
            for (offset, line) in hint.enumerated() where offset < inner.height {
                grid.put(line, x: inner.x + 1, y: inner.y + offset, style: theme[.dim], clip: inner)
            }
            return
        }
        var lines: [RenderedLine] = []
        var needed = inner.height + state.scrollOffset
        var targetLine: Int?
        for index in state.entries.indices.reversed() {
            var entryLines = self.lines(for: state.entries[index], state: state, width: textWidth)
            if let cursor = state.codeCursor, cursor.entryID == state.entries[index].id {
                markCodeBlock(cursor.block, in: &entryLines, theme: theme)
            }
            lines.insert(contentsOf: entryLines + [RenderedLine([])], at: 0)
            targetLine = targetLine.map { $0 + entryLines.count + 1 }
            if state.entries[index].id == state.scrollTarget {
                targetLine = 0
                needed = 0
            }
            if lines.count >= needed, state.scrollTarget == nil || targetLine != nil { break }
        }
        if lines.last?.spans.isEmpty == true { lines.removeLast() }
        // A target (an opened search hit) is brought to the top of the pane.
        let wanted = targetLine.map { max(0, lines.count - $0 - inner.height) } ?? state.scrollOffset
        let offset = min(wanted, max(0, lines.count - inner.height))
        let visible = lines.dropLast(offset).suffix(inner.height)
        for (row, line) in visible.enumerated() {
            let y = inner.y + row
            if let fill = line.fill { grid.fill(Rect(x: inner.x + 1, y: y, width: textWidth, height: 1), style: fill) }
            if line.isUnderCursor { grid.put("▌", x: inner.x, y: y, style: theme[.focusedBorder], clip: inner) }
            var x = inner.x + 1
            for span in line.spans { x = grid.put(span.text, x: x, y: y, style: span.style, clip: inner) }
        }
        if offset > 0 {
            let marker = " ↓ \(offset) more "
            grid.put(marker, x: inner.maxX - TextWidth.of(marker), y: rect.maxY - 1, style: theme[.warning], clip: rect)
        }
    }

    static func lines(for entry: ConversationEntry, state: AppState, width: Int) -> [RenderedLine] {
        let theme = state.theme
        switch entry.kind {
        case .user:
            return [line("you", theme[.user])] + wrap(entry.text, width: width, style: theme[.text])
        case .note(let level):
            let role: ColorRole = switch level {
            case .info: .note
            case .warning: .warning
            case .error: .error
            }
            let marker = level == .info ? "• " : level == .warning ? "⚠ " : "✖ "
            return wrap(marker + entry.text, width: width, style: theme[role])
        case .assistant:
            var lines = [line(entry.target.map { $0.description } ?? "assistant", theme[.assistant])]
            if !entry.thinking.isEmpty {
                if state.showsThinking {
                    lines += wrap("▾ " + entry.thinking, width: width, style: theme[.thinking])
                } else {
                    lines.append(line("▸ thought for \(entry.thinking.count) characters (Ctrl-T shows it)", theme[.thinking]))
                }
            }
            var body = entry.layout.flatMap { $0.fits(width: width, theme: theme) ? $0.lines : nil }
                ?? MarkdownRenderer.render(entry.text, width: width, theme: theme)
            if entry.text.isEmpty { body = entry.isStreaming ? [] : [line("(no answer)", theme[.dim])] }
            if entry.isStreaming {
                if let last = body.last, last.fill == nil, TextWidth.of(last.text) < width {
                    body[body.count - 1].spans.append(StyledSpan("▍", theme[.text]))
                } else {
                    body.append(line("▍", theme[.text]))
                }
            }
            lines += body
            if entry.isStreaming, entry.text.isEmpty, let active = state.active {
                lines.append(line(waitingText(active, now: state.now), theme[.dim]))
            }
            let failed = entry.outcome?.interruption != nil || entry.wasCutOff
            if let footer = footer(entry) { lines += wrap(footer, width: width, style: theme[failed ? .error : .footer]) }
            return lines
        }
    }

    /// The lines of each code block among an entry's rendered lines: from a label line to the
    /// last code line after it.
    static func codeBlockRanges(in lines: [RenderedLine]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < lines.count {
            guard lines[index].opensCodeBlock else {
                index += 1
                continue
            }
            var end = index + 1
            while end < lines.count, lines[end].fill != nil, !lines[end].opensCodeBlock { end += 1 }
            ranges.append(index..<end)
            index = end
        }
        return ranges
    }

    /// Marks the block under the cursor, its label telling which keys act on it.
    private static func markCodeBlock(_ block: Int, in lines: inout [RenderedLine], theme: Theme) {
        let ranges = codeBlockRanges(in: lines)
        guard ranges.indices.contains(block) else { return }
        for index in ranges[block] { lines[index].isUnderCursor = true }
        lines[ranges[block].lowerBound].spans.append(StyledSpan(" y copy · [ ] other blocks · Esc", theme[.dim].on(theme[.code].background)))
    }

    private static func line(_ text: String, _ style: Style) -> RenderedLine {
        RenderedLine([StyledSpan(text, style)])
    }

    private static func waitingText(_ active: AppState.ActiveChat, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(active.startedAt))
        return active.phase == .loading ? "loading the model… \(seconds) s" : "waiting for the first token…"
    }

    /// `── ollama:llama2 · 0.21 s to first token · 48 tok/s`, with the fallback and any
    /// interruption spelled out.
    static func footer(_ entry: ConversationEntry) -> String? {
        if entry.wasCancelled { return "── stopped" }
        if entry.wasCutOff { return "── cut off: Parley stopped before this answer was complete" }
        guard let outcome = entry.outcome else { return nil }
        var parts = [outcome.answeredBy.description]
        if let first = outcome.timeToFirstTokenSeconds { parts.append("\(FixedPoint.text(first, decimals: 2)) s to first token") }
        if let speed = outcome.tokensPerSecond, speed.isFinite { parts.append("\(FixedPoint.text(speed, decimals: 0)) tok/s") }
        if outcome.fellBack { parts.append("requested \(outcome.requested) → answered by \(outcome.answeredBy)") }
        if outcome.interruption != nil { parts.append("interrupted") }
        return "── " + parts.joined(separator: " · ")
    }

    private static func wrap(_ text: String, width: Int, style: Style) -> [RenderedLine] {
        WordWrap.lines(text, width: width).map { line($0, style) }
    }
}
