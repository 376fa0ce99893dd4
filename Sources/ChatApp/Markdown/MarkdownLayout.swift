import TerminalUI

/// A streaming answer's rendered markdown that grows with each token at the cost of its last
/// block only: blocks that can no longer change (ended by a blank line outside a code fence)
/// are rendered once and kept.
public struct MarkdownLayout: Hashable, Sendable {
    public let width: Int
    private let theme: Theme
    private var settled: [RenderedLine] = []
    /// The text after the last settled block.
    private var tail = ""
    /// Whether the tail continues the last settled lines (a long paragraph cut in pieces)
    /// rather than starting a new block after a blank line.
    private var continuesSettled = false
    /// Whether the tail starts in the middle of a line (the settled piece was cut at a space
    /// inside it), so its first line is paragraph text whatever it starts with.
    private var tailContinuesLine = false

    public init(_ text: String, width: Int, theme: Theme) {
        self.width = width
        self.theme = theme
        append(text)
    }

    /// A complete answer laid out whole, once: nothing is left to render per frame.
    public init(complete text: String, width: Int, theme: Theme) {
        self.width = width
        self.theme = theme
        settled = MarkdownRenderer.render(text, width: width, theme: theme)
        isComplete = true
    }

    /// Whether the text was laid out whole: every line is kept, none rendered per frame.
    public private(set) var isComplete = false

    /// The answer is complete: its tail is rendered once more and kept with the rest (the
    /// streamed lines are the whole text's, so nothing is laid out again).
    public mutating func finish() {
        settled = lines
        tail = ""
        isComplete = true
    }

    /// How many lines there are at least, without rendering the tail.
    public var settledLineCount: Int { settled.count }

    /// Whether it was laid out for this width and these colours.
    public func fits(width: Int, theme: Theme) -> Bool {
        self.width == width && self.theme == theme
    }

    /// Settled blocks are separated from what follows by one blank line, as the whole text
    /// rendered at once would be.
    public var lines: [RenderedLine] {
        lastLines(.max).lines
    }

    /// The last `count` lines, and how many come before them: a frame shows the end of a
    /// long answer without copying all its lines.
    func lastLines(_ count: Int) -> (lines: [RenderedLine], skipped: Int) {
        guard !isComplete else { return (Array(settled.suffix(count)), max(0, settled.count - count)) }
        var kept = settled[...]
        var rest: [RenderedLine]
        if continuesSettled, let open = kept.popLast() {
            rest = MarkdownRenderer.render(tail, width: width, theme: theme, continuingParagraph: tailContinuesLine, openLine: open)
        } else {
            rest = MarkdownRenderer.render(tail, width: width, theme: theme, continuingParagraph: tailContinuesLine)
            if !kept.isEmpty { rest.insert(RenderedLine([]), at: 0) }
        }
        guard rest.count < count else { return (Array(rest.suffix(count)), kept.count + rest.count - count) }
        let fromKept = count - rest.count
        return (kept.suffix(fromKept) + rest, max(0, kept.count - fromKept))
    }

    /// Renders `text` after the settled lines: when it continues a paragraph piece, its words
    /// go on filling that piece's last line, which is taken back from the settled lines.
    private mutating func renderAfterSettled(_ text: String) -> [RenderedLine] {
        let open = continuesSettled ? settled.popLast() : nil
        return MarkdownRenderer.render(text, width: width, theme: theme, continuingParagraph: tailContinuesLine, openLine: open)
    }

    public mutating func append(_ text: String) {
        let joinsCR = tail.unicodeScalars.last == "\r"
        tail += text
        if joinsCR || text.unicodeScalars.contains("\r") { tail = MarkdownRenderer.unixLineEnds(tail) }
        settleParagraphPieces()
        guard text.unicodeScalars.contains("\n"), let boundary = lastSettledBoundary() else { return }
        var block = renderAfterSettled(String(tail[..<boundary]))
        while block.last?.spans.isEmpty == true && block.last?.fill == nil { block.removeLast() }
        if !block.isEmpty {
            if !settled.isEmpty && !continuesSettled { settled.append(RenderedLine([])) }
            settled += block
        }
        continuesSettled = false
        tailContinuesLine = false
        tail = String(tail[boundary...].drop { $0 == "\n" })
    }

    /// A long paragraph is settled piece by piece where the renderer cuts it. Its lines join
    /// with spaces, so a cut at a line break lands where the renderer's cut lands. After a cut
    /// inside a line the tail continues that line; after a cut at a line break it starts a line
    /// of its own, which keeps its indent (it may still become a list item).
    private mutating func settleParagraphPieces() {
        // Split by bytes: no "\r" is left before a "\n" in the tail (see `append`), and a "\n"
        // is a grapheme of its own, so the lines are those split by characters, found without
        // breaking the whole tail into graphemes.
        guard tail.utf8.count > ParagraphChunks.length,
              tail.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().allSatisfy({ index, line in
                  (index == 0 && tailContinuesLine) || MarkdownRenderer.isPlainParagraph(String(Substring(line)))
              })
        else { return }
        // Cut along a view of the tail, copied back once: a long burst is cut in many pieces.
        var remaining = Substring(tail)
        while let cut = ParagraphChunks.firstCut(in: remaining) {
            if !settled.isEmpty && !continuesSettled { settled.append(RenderedLine([])) }
            settled += renderAfterSettled(String(remaining[..<cut]))
            continuesSettled = true
            let afterCut = remaining[remaining.index(after: cut)...]
            let rest = afterCut.drop { $0 == " " }
            if remaining[cut] == "\n" || rest.first == "\n" {
                remaining = remaining[cut] == "\n" ? afterCut : rest.dropFirst()
                tailContinuesLine = false
            } else {
                remaining = rest
                tailContinuesLine = true
            }
        }
        if remaining.startIndex != tail.startIndex { tail = String(remaining) }
    }

    /// Where the tail's settled part ends: after the last blank line that is outside a code
    /// fence and followed by more text.
    private func lastSettledBoundary() -> String.Index? {
        var inFence = false
        var boundary: String.Index?
        var previousBlank = false
        var index = tail.startIndex
        while index < tail.endIndex {
            let lineEnd = tail[index...].firstIndex(of: "\n") ?? tail.endIndex
            let line = tail[index..<lineEnd]
            let isBlank = line.allSatisfy { $0 == " " }
            if line.drop(while: { $0 == " " }).hasPrefix("```") { inFence.toggle() }
            if isBlank, !inFence, !previousBlank, index > tail.startIndex, lineEnd < tail.endIndex {
                boundary = index
            }
            previousBlank = isBlank
            guard lineEnd < tail.endIndex else { break }
            index = tail.index(after: lineEnd)
        }
        return boundary
    }
}
