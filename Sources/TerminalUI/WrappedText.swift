/// Text wrapped to a width that keeps wrapping as more text is appended, at the cost of the
/// appended text alone while it fits on the last line, and of that line when it does not: a
/// streaming answer costs the same per token however long it has grown.
public struct WrappedText: Hashable, Sendable {
    public let width: Int
    /// Lines that later text can no longer change.
    private var settled: [String]
    /// The source of the last line, untrimmed, which appended text continues.
    private var tail: String
    /// Columns of `tail`, never less than what it shows (summing parts can only overcount).
    private var tailWidth: Int

    public init(_ text: String, width: Int) {
        self.width = width
        settled = []
        tail = ""
        tailWidth = 0
        append(text)
    }

    /// The settled lines and the last one, trimmed here rather than on every append.
    public var lines: [String] { settled + [tail.trimmingTrailingSpaces()] }

    public mutating func append(_ text: String) {
        guard width > 0 else { return }
        let clean = TerminalText.sanitized(text)
        let addedWidth = TextWidth.of(clean)
        if !clean.contains("\n"), tailWidth + addedWidth <= width {
            tail += clean
            tailWidth += addedWidth
            return
        }
        tail += clean
        let (lines, lastLineStart) = WordWrap.wrapSanitized(tail, width: width)
        settled += lines.dropLast()
        tail = String(tail[lastLineStart...])
        tailWidth = TextWidth.of(tail)
    }
}
