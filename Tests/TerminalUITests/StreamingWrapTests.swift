import TerminalUI
import Testing

@Suite struct StreamingWrapTests {
    /// Pieces of text with what wrapping finds hard: runs of spaces, words longer than a line,
    /// line breaks and blank lines, wide and combining characters, tabs and control bytes.
    private static let pieces = [
        "a", "word", " ", "  ", "   ", "\n", "\n\n", "extraordinarily-long-word-without-a-space", "日本語", "👩‍💻",
        "e\u{301}", "\u{301}", "\t", "\u{1B}[31m", "\r", "x", "yz ", " q", "—", "ﾊﾟ",
    ]

    private static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        (0..<Int.random(in: 1...120, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test func anyTextInAnyPiecesWrapsAsTheWholeTextWrapsAtOnce() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = Self.randomText(&generator)
            let width = Int.random(in: 1...24, using: &generator)
            let characters = Array(text.unicodeScalars)
            var wrap = StreamingWrap("", width: width)
            var index = 0
            var ends: [Int] = []
            while index < characters.count {
                let end = min(characters.count, index + Int.random(in: 1...9, using: &generator))
                ends.append(end)
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: characters[index..<end])
                wrap.append(String(piece))
                index = end
                let sofar = String(String.UnicodeScalarView(characters[..<end]))
                let expected = WordWrap.lines(sofar, width: width)
                #expect(wrap.lines == expected, "width \(width), pieces ending at scalars \(ends) of \(text.debugDescription)")
                #expect(wrap.lineCount == expected.count, "width \(width): \(text.debugDescription)")
                if wrap.lines != expected { return }
            }
        }
    }

    @Test func theLastLinesAreTheEndOfAllOfThem() {
        let text = (0..<200).map { "step \($0) of the reasoning" }.joined(separator: " ") + "\n\nand a last paragraph"
        let wrap = StreamingWrap(text, width: 30)
        let all = WordWrap.lines(text, width: 30)
        #expect(wrap.lines == all)
        for count in [0, 1, 2, 5, all.count - 1, all.count, all.count + 10] {
            #expect(wrap.lastLines(count) == Array(all.suffix(count)), "last \(count)")
        }
    }

    @Test func aZeroWidthHasNoLines() {
        var wrap = StreamingWrap("some text", width: 0)
        wrap.append(" more")
        #expect(wrap.lines.isEmpty)
        #expect(wrap.lineCount == 0)
        #expect(WordWrap.lines("some text more", width: 0).isEmpty)
    }
}
