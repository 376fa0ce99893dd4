/// Breaks text into lines no wider than a number of columns: at spaces where it can, inside a
/// word only when the word alone is too wide; explicit newlines are kept. Widths are
/// terminal columns, so CJK and emoji count double.
public enum WordWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return wrapSanitized(TerminalText.sanitized(text), width: width).lines
    }

    /// Wraps text that is already sanitised; also says where the last line starts in it, so
    /// that text appended later needs only that line wrapped again.
    static func wrapSanitized(_ text: String, width: Int) -> (lines: [String], lastLineStart: String.Index) {
        var lines: [String] = []
        var lastLineStart = text.startIndex
        var paragraphStart = text.startIndex
        while true {
            let end = text[paragraphStart...].firstIndex(of: "\n") ?? text.endIndex
            lastLineStart = wrap(text[paragraphStart..<end], width: width, into: &lines)
            guard end < text.endIndex else { break }
            paragraphStart = text.index(after: end)
        }
        return (lines, lastLineStart)
    }

    /// Appends the lines of one paragraph; returns where its last line starts.
    @discardableResult
    private static func wrap(_ paragraph: Substring, width: Int, into lines: inout [String]) -> String.Index {
        var line = ""
        var lineWidth = 0
        var lineStart = paragraph.startIndex
        for word in words(paragraph) {
            let wordWidth = TextWidth.of(word)
            // Spaces at the end of a paragraph stay on its line (they are trimmed when shown),
            // so that text appended later joins them as it would have joined the whole.
            if lineWidth + wordWidth <= width || word.allSatisfy({ $0 == " " }) {
                line += word
                lineWidth += wordWidth
                continue
            }
            var rest = word.drop { $0 == " " }
            if !line.isEmpty {
                lines.append(line.trimmingTrailingSpaces())
                line = ""
                lineWidth = 0
            }
            lineStart = rest.startIndex
            while TextWidth.of(rest) > width {
                var piece = ""
                var pieceWidth = 0
                while let next = rest.first, pieceWidth + TextWidth.of(next) <= width {
                    piece.append(next)
                    pieceWidth += TextWidth.of(next)
                    rest = rest.dropFirst()
                }
                if piece.isEmpty {
                    // A grapheme wider than the whole line: show it alone and move on.
                    piece = String(rest.removeFirst())
                }
                lines.append(piece)
                lineStart = rest.startIndex
            }
            line = String(rest)
            lineWidth = TextWidth.of(rest)
        }
        lines.append(line.trimmingTrailingSpaces())
        return lineStart
    }

    /// Words with their leading spaces: "a  b c" gives "a", "  b", " c".
    private static func words(_ text: Substring) -> [Substring] {
        var words: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        var inWord = false
        while index < text.endIndex {
            let isSpace = text[index] == " "
            if isSpace && inWord {
                words.append(text[start..<index])
                start = index
                inWord = false
            } else if !isSpace {
                inWord = true
            }
            index = text.index(after: index)
        }
        if start < text.endIndex { words.append(text[start...]) }
        return words
    }
}
