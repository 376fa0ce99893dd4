/// Plain text wrapped as `WordWrap` wraps it, while it streams in: the lines no later text can
/// change are kept, and an append wraps again only from the start of the last line (or the one
/// before it, see `openLines`). A frame showing a long reasoning text as it grows costs its
/// last line, not its length.
public struct StreamingWrap: Hashable, Sendable {
    public let width: Int
    /// The lines no later text can change.
    private var closed: [String] = []
    /// The sanitized text from the first line that may still change on.
    private var open = ""
    /// `open`, wrapped: the last line, or the last two when the last is empty at the text's
    /// end (what comes next may join the grapheme that ends the one before it).
    private var openLines: [String] = []

    public init(_ text: String, width: Int) {
        self.width = width
        append(text)
    }

    public mutating func append(_ text: String) {
        guard width > 0 else { return }
        // Sanitizing goes scalar by scalar, so pieces sanitized apart join as the whole would.
        open += TerminalText.sanitized(text)
        var lines: [String] = [], starts: [String.Index] = []
        WordWrap.wrap(Substring(open), width: width, into: &lines, startingAt: &starts)
        var keep = lines.count - 1
        if starts[keep] == open.endIndex, keep > 0 { keep -= 1 }
        closed += lines[..<keep]
        openLines = Array(lines[keep...])
        if starts[keep] != open.startIndex { open = String(open[starts[keep]...]) }
    }

    /// As many lines as `WordWrap.lines` gives for the whole text.
    public var lineCount: Int { closed.count + openLines.count }

    /// The last `count` lines (all of them when there are fewer).
    public func lastLines(_ count: Int) -> [String] {
        guard count > openLines.count else { return Array(openLines.suffix(max(0, count))) }
        return closed.suffix(count - openLines.count) + openLines
    }

    public var lines: [String] { lastLines(lineCount) }
}
