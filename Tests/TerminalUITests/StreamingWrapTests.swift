import TerminalUI
import Testing

@Suite struct StreamingWrapTests {
    /// A small deterministic generator, so a failure names the seed that made it.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Pieces of text with what wrapping finds hard: runs of spaces, words longer than a line,
    /// line breaks and blank lines, wide and combining characters, tabs and control bytes.
    private static let pieces = [
        "a", "word", " ", "  ", "   ", "\n", "\n\n", "extraordinarily-long-word-without-a-space", "日本語", "👩‍💻",
        "e\u{301}", "\u{301}", "\t", "\u{1B}[31m", "\r", "x", "yz ", " q", "—", "ﾊﾟ",
    ]

    private static func randomText(_ generator: inout SplitMix) -> String {
        (0..<Int.random(in: 1...120, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test func anyTextInAnyPiecesWrapsAsTheWholeTextWrapsAtOnce() {
        for seed in UInt64(0)..<300 {
            var generator = SplitMix(state: seed)
            let text = Self.randomText(&generator)
            let width = Int.random(in: 1...24, using: &generator)
            let characters = Array(text.unicodeScalars)
            var wrap = StreamingWrap("", width: width)
            var index = 0
            while index < characters.count {
                let end = min(characters.count, index + Int.random(in: 1...9, using: &generator))
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: characters[index..<end])
                wrap.append(String(piece))
                index = end
                let sofar = String(String.UnicodeScalarView(characters[..<end]))
                let expected = WordWrap.lines(sofar, width: width)
                #expect(wrap.lines == expected, "seed \(seed), width \(width), after \(end) scalars")
                #expect(wrap.lineCount == expected.count, "seed \(seed)")
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
