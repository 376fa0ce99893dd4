import TerminalUI

/// Word-wraps styled spans to a width, keeping each word's style: the inline twin of
/// `WordWrap`. `indent` starts every line after the first (list items hang). `continuing` is a
/// line already begun (the last line of a paragraph's previous piece): the spans fill it
/// first, as if both had been wrapped together.
enum SpanWrap {
    static func lines(_ spans: [StyledSpan], width: Int, firstPrefix: StyledSpan? = nil, indent: String = "", continuing: [StyledSpan] = []) -> [[StyledSpan]] {
        guard width > 0 else { return [] }
        // A marker or indent that leaves no room for text is dropped rather than overflowing.
        if let prefix = firstPrefix, TextWidth.of(prefix.text) >= width || TextWidth.of(indent) >= width {
            return lines(spans, width: width)
        }
        var lines: [[StyledSpan]] = []
        var line: [StyledSpan] = firstPrefix.map { [$0] } ?? continuing
        var lineWidth = firstPrefix.map { TextWidth.of($0.text) } ?? continuing.reduce(0) { $0 + TextWidth.of($1.text) }
        let indentWidth = TextWidth.of(indent)
        var lineHasWords = firstPrefix == nil && !continuing.isEmpty
        func newLine() {
            lines.append(trimmed(line))
            line = indent.isEmpty ? [] : [StyledSpan(indent, Style())]
            lineWidth = indentWidth
            lineHasWords = false
        }
        let pieces = pieces(of: spans)
        for (index, current) in pieces.enumerated() {
            var piece = Substring(current.text)
            var pieceWidth = current.width
            let style = current.style
            // A word is broken only at a space: its pieces in other styles (`**bold**,`)
            // move to the next line together.
            if current.startsWord {
                let wordWidth = pieceWidth + pieces[(index + 1)...].prefix { !$0.startsWord }.reduce(0) { $0 + $1.width }
                if lineWidth + wordWidth > width, lineHasWords {
                    newLine()
                    piece = piece.drop { $0 == " " }
                    pieceWidth = TextWidth.of(piece)
                }
            } else if lineWidth >= width, lineHasWords, pieceWidth > 0 {
                // A word longer than the line, broken where the line ended.
                newLine()
            }
            while lineWidth + pieceWidth > width, width - lineWidth > 0 {
                // A word longer than the line: break it where the line ends.
                var head = ""
                var headWidth = 0
                while let next = piece.first, lineWidth + headWidth + TextWidth.of(next) <= width {
                    head.append(next)
                    headWidth += TextWidth.of(next)
                    piece = piece.dropFirst()
                }
                if head.isEmpty {
                    // Not even the next character fits: try a fresh line, and on a fresh
                    // line it stands alone (wider than the pane; the grid clips it whole).
                    if lineHasWords {
                        newLine()
                        continue
                    }
                    guard let next = piece.first else { break }
                    head.append(next)
                    piece = piece.dropFirst()
                }
                line.append(StyledSpan(head, style))
                newLine()
                pieceWidth = TextWidth.of(piece)
            }
            guard !piece.isEmpty else { continue }
            line.append(StyledSpan(String(piece), style))
            lineWidth += pieceWidth
            lineHasWords = true
        }
        lines.append(trimmed(line))
        return lines
    }

    /// A word, or the part of one in one style.
    private struct Piece {
        var text: String
        var style: Style
        var width: Int
        /// It begins with a space or begins the text; one that does not goes on the word
        /// before it, in another style.
        var startsWord: Bool
    }

    /// Each span cut into words (see `words`), in order, each piece with its span's style.
    private static func pieces(of spans: [StyledSpan]) -> [Piece] {
        var pieces: [Piece] = []
        for span in spans {
            for word in words(TerminalText.sanitized(span.text)) {
                pieces.append(Piece(text: word, style: span.style, width: TextWidth.of(word), startsWord: pieces.isEmpty || word.first == " "))
            }
        }
        return pieces
    }

    /// `text` cut before each space that follows a word: each word keeps the spaces before it.
    private static func words(_ text: String) -> [String] {
        // Plain ASCII without carriage returns: a byte is a character, and cutting by bytes
        // spares breaking the text into graphemes.
        let bytes = text.utf8
        if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            var words: [String] = []
            var start = bytes.startIndex
            var index = bytes.startIndex
            var previous: UInt8?
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == 0x20, let previous, previous != 0x20 {
                    words.append(String(text[start..<index]))
                    start = index
                }
                previous = byte
                bytes.formIndex(after: &index)
            }
            if start < bytes.endIndex { words.append(String(text[start...])) }
            return words
        }
        var words: [String] = []
        var current = ""
        for character in text {
            if character == " ", !current.isEmpty, current.last != " " {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func trimmed(_ line: [StyledSpan]) -> [StyledSpan] {
        var spans = line
        while let last = spans.last {
            let text = last.text.trimmingTrailingSpacesCopy()
            if text.isEmpty { spans.removeLast(); continue }
            spans[spans.count - 1].text = text
            break
        }
        return spans
    }
}

extension String {
    func trimmingTrailingSpacesCopy() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
