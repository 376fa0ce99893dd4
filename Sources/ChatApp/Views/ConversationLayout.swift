import ChatCore
import Foundation
import TerminalUI

/// The conversation as the pane lays it out, for a state's entries, pane size and theme: each
/// entry's lines (an answer's markdown cached on the entry), what is in view, each entry's top
/// line and where its code blocks are, all counted up from the conversation's last line as the
/// pane scrolls. The pane, the code cursor and `update` ask it; nothing else walks the entries.
/// Walks go up from the bottom and stop as soon as they have what was asked, so what they cost
/// is what the view holds, not the history.
struct ConversationLayout {
    /// Columns of text: the pane less its borders and a margin for the cursor mark.
    let width: Int
    /// Rows of text: the pane less its borders.
    let height: Int

    init(_ state: AppState) {
        let inner = ScreenLayout(state).conversation.inset(by: 1)
        width = max(1, inner.width - 1)
        height = max(0, inner.height)
    }

    /// An entry with its lines, placed: `bottom` is its last line and `top` its first, counted
    /// up from the conversation's last line (0), one blank line between entries. `lines` may be
    /// only its last ones, `skipped` more above them.
    struct PlacedEntry {
        var index: Int
        var lines: [RenderedLine]
        var skipped = 0
        var bottom: Int
        var top: Int { bottom + skipped + lines.count - 1 }
    }

    /// Calls `visit` with each entry from the last up, until it returns false. A comparison
    /// under way comes first, below every entry, as the entry at `entries.count`.
    ///
    /// `rowsWanted`: only that many rows up from the bottom are needed, so a long answer
    /// placed there gives only its last lines (an entry under the message or code cursor
    /// gives all of them: its marks count from its first line).
    func walkUp(_ state: AppState, rowsWanted: Int? = nil, _ visit: (PlacedEntry) -> Bool) {
        var bottom = 0
        if let comparison = state.comparison, !comparison.columns.isEmpty {
            let lines = ComparisonView.lines(comparison, state: state, width: width, rowsWanted: height + state.scrollOffset)
            let placed = PlacedEntry(index: state.entries.count, lines: lines, bottom: 0)
            guard visit(placed) else { return }
            bottom = placed.top + 2
        }
        for index in state.entries.indices.reversed() {
            let entry = state.entries[index]
            let underCursor = entry.id == state.messageCursor || entry.id == state.codeCursor?.entryID
            let lastRows = underCursor ? nil : rowsWanted.map { max(1, $0 - bottom) }
            let (lines, skipped) = Self.lines(for: entry, state: state, width: width, branch: state.branchPlace(at: index), lastRows: lastRows)
            let placed = PlacedEntry(index: index, lines: lines, skipped: skipped, bottom: bottom)
            guard visit(placed) else { return }
            bottom = placed.top + 2
        }
    }

    /// The lines the pane shows, top first, and how far up from the bottom they are: the scroll
    /// offset, or where an entry to bring into view (an opened search hit) sits at the top.
    func view(_ state: AppState) -> (lines: [RenderedLine], offset: Int) {
        var lines: [RenderedLine] = []
        var targetTop: Int?
        var streamingLines: Int?
        // One row more than the view holds: whether the conversation overflows the pane decides
        // the room kept below a streaming answer.
        walkUp(state, rowsWanted: state.scrollTarget == nil ? height + state.scrollOffset + 1 : nil) { placed in
            guard placed.index < state.entries.count else {
                lines = placed.lines + [RenderedLine([])]
                return true
            }
            if placed.index == state.entries.count - 1, state.entries[placed.index].isStreaming { streamingLines = placed.skipped + placed.lines.count }
            var entryLines = placed.lines
            if state.focus == .conversation, state.messageCursor == state.entries[placed.index].id {
                Self.markMessage(at: placed.index, in: &entryLines, state: state)
            }
            if let cursor = state.codeCursor, cursor.entryID == state.entries[placed.index].id {
                Self.markCodeBlock(cursor.block, in: &entryLines, state: state)
            }
            lines.insert(contentsOf: entryLines + [RenderedLine([])], at: 0)
            if state.entries[placed.index].id == state.scrollTarget {
                // Shown at the pane's top: nothing above it is needed.
                targetTop = placed.top
                return false
            }
            return lines.count < height + state.scrollOffset || state.scrollTarget != nil
        }
        if lines.last?.spans.isEmpty == true { lines.removeLast() }
        if let streamingLines, state.scrollOffset == 0, state.scrollTarget == nil, lines.count > height {
            lines += Array(repeating: RenderedLine([]), count: Self.rowsAhead(ofStreaming: streamingLines, height: height))
        }
        let wanted = targetTop.map { max(0, $0 - height + 1) } ?? state.scrollOffset
        let offset = min(wanted, max(0, lines.count - height))
        return (Array(lines.dropLast(offset).suffix(height)), offset)
    }

    /// Empty rows kept below an answer that streams past the pane's bottom: the pane moves up
    /// by half its height at once and the text then fills the room, instead of the pane moving
    /// a line at a time. The text stays still while it is read, and the terminal repaints the
    /// pane once every half a pane of text rather than on every line. Counted from the answer's
    /// own lines, so the room shrinks by one as the answer grows by one.
    static func rowsAhead(ofStreaming answerLines: Int, height: Int) -> Int {
        let step = max(1, height / 2)
        return (step - answerLines % step) % step
    }

    /// Where a state's scroll target (an opened search hit shown at the pane's top) puts the
    /// pane, as a scroll offset; nil without a target.
    func offsetShowingTarget(_ state: AppState) -> Int? {
        guard let target = state.scrollTarget else { return nil }
        var offset: Int?
        walkUp(state) { placed in
            if placed.index < state.entries.count, state.entries[placed.index].id == target { offset = max(0, placed.top - height + 1) }
            return offset == nil
        }
        return offset
    }

    /// A code block placed in the conversation, counted as entries are.
    struct PlacedBlock {
        var cursor: CodeCursor
        var bottom: Int
        var top: Int
    }

    /// Calls `visit` with each code block from the lowest up, until it returns false.
    func walkCodeBlocksUp(_ state: AppState, _ visit: (PlacedBlock) -> Bool) {
        walkUp(state) { placed in
            guard placed.index < state.entries.count else { return true }
            let lines = placed.lines
            for (block, range) in Self.codeBlockRanges(in: lines).enumerated().reversed() {
                let found = PlacedBlock(
                    cursor: CodeCursor(entryID: state.entries[placed.index].id, block: block),
                    bottom: placed.bottom + lines.count - range.upperBound,
                    top: placed.bottom + lines.count - 1 - range.lowerBound
                )
                guard visit(found) else { return false }
            }
            return true
        }
    }

    /// Lays out, once, the answers the pane can reach (the view, the scroll offset above it,
    /// and an entry to bring into view) and keeps the layout on the entry: a restored or
    /// finished answer, or one laid out at another width, would otherwise be rendered whole on
    /// every frame. Counts fewer lines per entry than `lines(for:)` makes (without wrapping),
    /// so it walks at least as far as `view` will, at the cost of a byte scan per entry.
    static func layOutAnswersInView(_ state: inout AppState) {
        guard !state.isTooSmall, !state.entries.isEmpty else { return }
        let layout = ConversationLayout(state)
        let theme = state.theme
        var needed = layout.height + state.scrollOffset
        var targetSeen = state.scrollTarget == nil
        for index in state.entries.indices.reversed() {
            guard needed > 0 || !targetSeen else { break }
            let entry = state.entries[index]
            var lineCount = 1
            if entry.kind == .user {
                if entry.wrappedText?.width != layout.width { state.entries[index].wrappedText = StreamingWrap(entry.text, width: layout.width) }
                lineCount += state.entries[index].wrappedText?.lineCount ?? 0
            } else if entry.kind != .assistant {
                // Enough to know whether the pane reaches past it; a long note is not read whole.
                for byte in entry.text.utf8 where byte == UInt8(ascii: "\n") {
                    lineCount += 1
                    if lineCount > needed { break }
                }
            } else {
                if !(entry.layout?.fits(width: layout.width, theme: theme) ?? false) {
                    state.entries[index].layout = entry.isStreaming
                        ? MarkdownLayout(entry.text, width: layout.width, theme: theme)
                        : MarkdownLayout(complete: entry.text, width: layout.width, theme: theme)
                } else if !entry.isStreaming, entry.layout?.isComplete == false {
                    // Just finished streaming: keep what was laid out, render only its tail.
                    state.entries[index].layout?.finish()
                }
                lineCount += state.entries[index].layout?.settledLineCount ?? 0
                if state.showsThinking, !entry.thinking.isEmpty, entry.reasoningLayout?.width != layout.width {
                    state.entries[index].reasoningLayout = StreamingWrap(reasoningMark + entry.thinking, width: layout.width)
                }
            }
            needed -= lineCount + 1
            if entry.id == state.scrollTarget { targetSeen = true }
        }
    }

    /// Streamed text added to the answer at `index`: its cached layout grows by it, or is made
    /// anew when the pane's width changed.
    static func append(_ text: String, toAnswerAt index: Int, in state: inout AppState) {
        let width = ConversationLayout(state).width
        if state.entries[index].layout?.width == width {
            state.entries[index].layout?.append(text)
        } else {
            state.entries[index].layout = MarkdownLayout(state.entries[index].text, width: width, theme: state.theme)
        }
    }

    /// Streamed reasoning added to the answer at `index`: its wrapped lines grow by it while
    /// they are kept (the reasoning is shown, or was at this width); otherwise they are made
    /// when the reasoning is shown.
    static func append(reasoning text: String, toAnswerAt index: Int, in state: inout AppState) {
        let width = ConversationLayout(state).width
        if state.entries[index].reasoningLayout?.width == width {
            state.entries[index].reasoningLayout?.append(text)
        } else {
            let entry = state.entries[index]
            state.entries[index].reasoningLayout = state.showsThinking ? StreamingWrap(reasoningMark + entry.thinking, width: width) : nil
        }
    }

    /// What shown reasoning starts with.
    private static let reasoningMark = "▾ "

    /// One entry's lines as the pane shows them; `branch` is its place among its siblings.
    static func lines(for entry: ConversationEntry, state: AppState, width: Int, branch: (number: Int, count: Int)? = nil) -> [RenderedLine] {
        lines(for: entry, state: state, width: width, branch: branch, lastRows: nil).lines
    }

    /// The same, but of an answer laid out ahead (`MarkdownLayout`) only its last `lastRows`
    /// lines at least, and how many lines above them were left out.
    static func lines(
        for entry: ConversationEntry, state: AppState, width: Int, branch: (number: Int, count: Int)?, lastRows: Int?
    ) -> (lines: [RenderedLine], skipped: Int) {
        let theme = state.theme
        let marker = branch.map { StyledSpan("  ‹\($0.number)/\($0.count)›", theme[.warning]) }
        switch entry.kind {
        case .user:
            let header = line("you", theme[.user], marker)
            let (body, count) = lastLines(of: entry.text, kept: entry.wrappedText, width: width, style: theme[.text], last: lastRows ?? .max)
            if body.count < count { return (body, count - body.count + 1) }
            return ([header] + body, 0)
        case .note(let level):
            let role: ColorRole = switch level {
            case .info: .note
            case .warning: .warning
            case .error: .error
            }
            let mark = level == .info ? "• " : level == .warning ? "⚠ " : "✖ "
            var lines = wrap(mark + entry.text, width: width, style: theme[role])
            if let marker, !lines.isEmpty { lines[0].spans.append(marker) }
            return (lines, 0)
        case .assistant:
            var after: [RenderedLine] = []
            if entry.isStreaming, entry.text.isEmpty, entry.thinking.isEmpty, let active = state.active {
                after.append(line(waitingText(active, now: state.now), theme[.dim]))
            }
            let failed = entry.outcome?.interruption != nil || entry.wasCutOff
            if let footer = footer(entry) { after += wrap(footer, width: width, style: theme[failed ? .error : .footer]) }
            var body: [RenderedLine]
            var skipped = 0
            if let layout = entry.layout, layout.fits(width: width, theme: theme) {
                (body, skipped) = layout.lastLines(lastRows.map { max(1, $0 - after.count) } ?? .max)
            } else {
                body = MarkdownRenderer.render(entry.text, width: width, theme: theme)
            }
            if entry.text.isEmpty { (body, skipped) = (entry.isStreaming ? [] : [line("(no answer)", theme[.dim])], 0) }
            // While only reasoning has come, the mark follows the reasoning instead.
            if entry.isStreaming, !isReasoning(entry) { markStreaming(&body, width: width, theme: theme) }
            let header = line(entry.target.map { $0.description } ?? "assistant", theme[.assistant], marker)
            // Lines above a body cut short are out of view too: only counted.
            guard skipped == 0 else { return (body + after, skipped + 1 + reasoning(of: entry, state: state, width: width, last: 0).count) }
            let room = lastRows.map { max(0, $0 - body.count - after.count) } ?? .max
            let (reasoning, count) = reasoning(of: entry, state: state, width: width, last: room)
            if reasoning.count < count { return (reasoning + body + after, count - reasoning.count + 1) }
            return ([header] + reasoning + body + after, 0)
        }
    }

    /// Whether the model is still reasoning: an answer streaming with reasoning and no text yet.
    static func isReasoning(_ entry: ConversationEntry) -> Bool {
        entry.isStreaming && entry.text.isEmpty && !entry.thinking.isEmpty
    }

    /// The line that stands for folded reasoning: how long it is, and the key that shows it
    /// where a key does.
    static func foldedReasoning(_ entry: ConversationEntry, showKey: String?) -> String {
        let length = entry.thinkingCharacters
        let text = isReasoning(entry) ? "▸ thinking… \(length) characters so far" : "▸ thought for \(length) characters"
        return showKey.map { "\(text) (\($0) shows it)" } ?? text
    }

    /// The last `last` lines of an answer's reasoning as the pane shows it (wrapped, or folded
    /// into a line saying how long it is), and how many lines it has in all. While the model
    /// is still reasoning, the `▍` follows it.
    private static func reasoning(of entry: ConversationEntry, state: AppState, width: Int, last: Int) -> (lines: [RenderedLine], count: Int) {
        guard !entry.thinking.isEmpty else { return ([], 0) }
        let style = state.theme[.thinking]
        let streaming = isReasoning(entry)
        // The last line is needed to place the mark, even when only counting.
        let wanted = streaming ? max(1, last) : last
        var lines: [RenderedLine]
        var count: Int
        if !state.showsThinking {
            lines = [line(foldedReasoning(entry, showKey: state.keymap.key(.toggleReasoning)), style)]
            count = 1
        } else {
            (lines, count) = lastLines(of: reasoningMark + entry.thinking, kept: entry.reasoningLayout, width: width, style: style, last: wanted)
        }
        if streaming {
            let before = lines.count
            markStreaming(&lines, width: width, theme: state.theme)
            count += lines.count - before
        }
        return (Array(lines.suffix(last)), count)
    }

    /// The last `last` lines of plain `text` wrapped, and how many there are in all: taken
    /// from the lines kept for it when they are for this width, else wrapped now.
    private static func lastLines(
        of text: @autoclosure () -> String, kept: StreamingWrap?, width: Int, style: Style, last: Int
    ) -> (lines: [RenderedLine], count: Int) {
        if let kept, kept.width == width { return (kept.lastLines(last).map { line($0, style) }, kept.lineCount) }
        let all = wrap(text(), width: width, style: style)
        return (Array(all.suffix(last)), all.count)
    }

    /// The `▍` that shows an answer is still coming: after its last word when that line has
    /// room (not on a code line, which its background fills), else on a line of its own.
    static func markStreaming(_ body: inout [RenderedLine], width: Int, theme: Theme) {
        if let last = body.last, last.fill == nil, TextWidth.of(last.text) < width {
            body[body.count - 1].spans.append(StyledSpan("▍", theme[.text]))
        } else {
            body.append(line("▍", theme[.text]))
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
    private static func markCodeBlock(_ block: Int, in lines: inout [RenderedLine], state: AppState) {
        let ranges = codeBlockRanges(in: lines)
        guard ranges.indices.contains(block) else { return }
        for index in ranges[block] { lines[index].isUnderCursor = true }
        let keys = state.keymap, theme = state.theme
        let label = " \(keys.key(.copyCodeBlock)) copy · \(keys.key(.codeBlockUp)) \(keys.key(.codeBlockDown)) other blocks · \(keys.key(.stop))"
        lines[ranges[block].lowerBound].spans.append(StyledSpan(label, theme[.dim].on(theme[.code].background)))
    }

    private static func line(_ text: String, _ style: Style, _ marker: StyledSpan? = nil) -> RenderedLine {
        RenderedLine([StyledSpan(text, style)] + (marker.map { [$0] } ?? []))
    }

    /// Marks the message under the cursor, its first line telling which keys act on it.
    private static func markMessage(at index: Int, in lines: inout [RenderedLine], state: AppState) {
        guard !lines.isEmpty else { return }
        for row in lines.indices { lines[row].isInSelectedMessage = true }
        let keys = state.keymap
        var hints: [String] = []
        switch state.entries[index].kind {
        case .user: hints.append("\(keys.key(.editMessage)) edit")
        case .assistant: hints.append("\(keys.key(.regenerate)) regenerate")
        case .note: break
        }
        if state.branchPlace(at: index) != nil { hints.append("\(keys.key(.previousBranch)) \(keys.key(.nextBranch)) branches") }
        hints.append("/fork")
        lines[0].spans.append(StyledSpan("  " + hints.joined(separator: " · "), state.theme[.dim]))
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
        var usage = UsageTotals()
        usage.add(outcome.stats)
        if usage.hasUsage { parts.append(UsageText.summary(usage)) }
        if outcome.fellBack { parts.append("requested \(outcome.requested) → answered by \(outcome.answeredBy)") }
        if outcome.interruption != nil { parts.append("interrupted") }
        return "── " + parts.joined(separator: " · ")
    }

    private static func wrap(_ text: String, width: Int, style: Style) -> [RenderedLine] {
        WordWrap.lines(text, width: width).map { line($0, style) }
    }
}
