/// Breaks text into lines no wider than a number of columns: at spaces where it can, inside a
/// word only when the word alone is too wide; explicit newlines are kept. Widths are
/// terminal columns, so CJK and emoji count double.
public enum WordWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var starts: [String.Index] = []
        wrap(Substring(TerminalText.sanitized(text)), width: width, into: &lines, startingAt: &starts)
        return lines
    }

    /// Wraps `text`, already sanitized, onto `lines`, and where in it each line begins onto
    /// `starts`. The wrapping is greedy: a line is decided once a word has begun the next, so
    /// text appended later changes only the last line or two (a grapheme it completes may end
    /// the line before an empty last one) and what follows; `StreamingWrap` relies on this.
    static func wrap(_ text: Substring, width: Int, into lines: inout [String], startingAt starts: inout [String.Index]) {
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrap(paragraph: paragraph, width: width, into: &lines, startingAt: &starts)
        }
    }

    private static func wrap(paragraph: Substring, width: Int, into lines: inout [String], startingAt starts: inout [String.Index]) {
        var line = ""
        var lineWidth = 0
        var lineStart = paragraph.startIndex
        for word in words(paragraph) {
            let wordWidth = TextWidth.of(word)
            // Spaces at the end of a paragraph stay on its line, where they are trimmed,
            // rather than opening an empty line.
            if lineWidth + wordWidth <= width || word.allSatisfy({ $0 == " " }) {
                line += word
                lineWidth += wordWidth
                continue
            }
            var rest = word.drop { $0 == " " }
            if !line.isEmpty {
                lines.append(line.trimmingTrailingSpaces())
                starts.append(lineStart)
                line = ""
                lineWidth = 0
            }
            while TextWidth.of(rest) > width {
                let pieceStart = rest.startIndex
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
                starts.append(pieceStart)
            }
            line = String(rest)
            lineWidth = TextWidth.of(rest)
            lineStart = rest.startIndex
        }
        lines.append(line.trimmingTrailingSpaces())
        starts.append(lineStart)
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
