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
        // Split by bytes: after sanitizing there is no carriage return, so a line feed is a
        // character of its own wherever it is, and no grapheme needs finding to split at it.
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            wrap(paragraph: text[bytes.startIndex..<bytes.endIndex], width: width, into: &lines, startingAt: &starts)
        }
    }

    private static func wrap(paragraph: Substring, width: Int, into lines: inout [String], startingAt starts: inout [String.Index]) {
        if paragraph.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            wrap(asciiParagraph: paragraph, width: width, into: &lines, startingAt: &starts)
        } else {
            wrap(anyParagraph: paragraph, width: width, into: &lines, startingAt: &starts)
        }
    }

    /// The same wrapping, for a paragraph of printable ASCII (a byte is a character one column
    /// wide), found byte by byte: a long pasted log or reasoning is mostly such, and breaking
    /// it into graphemes made wrapping cost ~50 ns a byte.
    static func wrap(asciiParagraph paragraph: Substring, width: Int, into lines: inout [String], startingAt starts: inout [String.Index]) {
        let bytes = paragraph.utf8
        let space = UInt8(ascii: " ")
        // The line so far is `paragraph[lineStart..<lineEnd]`, as words are contiguous.
        var lineStart = bytes.startIndex
        var lineEnd = lineStart
        var index = bytes.startIndex
        func close(_ start: String.Index, _ end: String.Index) {
            var trimmed = end
            while trimmed > start, bytes[bytes.index(before: trimmed)] == space { bytes.formIndex(before: &trimmed) }
            lines.append(String(paragraph[start..<trimmed]))
            starts.append(start)
        }
        while index < bytes.endIndex {
            // A word: its leading spaces, then what is not a space.
            let wordStart = index
            while index < bytes.endIndex, bytes[index] == space { bytes.formIndex(after: &index) }
            let textStart = index
            while index < bytes.endIndex, bytes[index] != space { bytes.formIndex(after: &index) }
            if bytes.distance(from: lineStart, to: index) <= width || textStart == index {
                lineEnd = index
                continue
            }
            if lineEnd > lineStart { close(lineStart, lineEnd) }
            var rest = textStart
            while bytes.distance(from: rest, to: index) > width {
                let pieceEnd = bytes.index(rest, offsetBy: width)
                lines.append(String(paragraph[rest..<pieceEnd]))
                starts.append(rest)
                rest = pieceEnd
            }
            lineStart = rest
            lineEnd = index
        }
        close(lineStart, lineEnd)
    }

    static func wrap(anyParagraph paragraph: Substring, width: Int, into lines: inout [String], startingAt starts: inout [String.Index]) {
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
