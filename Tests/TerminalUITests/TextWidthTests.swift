import Testing
import TerminalUI

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("日", 2), ("한", 2), ("Ａ", 2), ("😀", 2),
        ("👩‍💻", 2), ("🇯🇵", 2), ("❤️", 2), ("\u{301}", 0), ("\u{200B}", 0), ("→", 1), ("ß", 1),
    ])
    func graphemeWidths(text: String, width: Int) {
        #expect(TextWidth.of(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func stringWidthAddsGraphemes() {
        #expect(TextWidth.of("日本語 ok 🇫🇷") == 6 + 1 + 2 + 1 + 2)
    }
}

@Suite struct TerminalTextTests {
    @Test func escapeSequencesAreShownNotObeyed() {
        let hostile = "\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{1B}]0;title\u{07}\u{9B}31m"
        let safe = TerminalText.sanitized(hostile)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(safe.hasPrefix("␛]52;c;"))
    }

    @Test func bidiOverridesAreDroppedAndTabsExpanded() {
        #expect(TerminalText.sanitized("a\u{202E}b\u{2066}c") == "abc")
        #expect(TerminalText.sanitized("a\tb") == "a    b")
        #expect(TerminalText.sanitized("line\nnext") == "line\nnext")
    }
}

@Suite struct WordWrapTests {
    @Test func wrapsAtSpacesAndKeepsNewlines() {
        #expect(WordWrap.lines("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(WordWrap.lines("a\n\nb", width: 5) == ["a", "", "b"])
        #expect(WordWrap.lines("", width: 5) == [""])
    }

    @Test func breaksWordsLongerThanTheLine() {
        #expect(WordWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func countsWideCharactersAsTwoColumns() {
        #expect(WordWrap.lines("日本語の文章", width: 5) == ["日本", "語の", "文章"])
        #expect(WordWrap.lines("hi 👩‍💻 there", width: 5) == ["hi 👩‍💻", "there"])
    }

    @Test func everyLineFitsAtEveryWidth() {
        let text = "Parley streams 日本語 and emoji 🇯🇵👍🏽 with combining e\u{301} marks, tabs\tand long-words-without-spaces-at-all."
        for width in 1...40 {
            for line in WordWrap.lines(text, width: width) {
                #expect(TextWidth.of(line) <= max(width, 2), "width \(width): \(line)")
            }
        }
    }
}

/// Inputs the fuzzer found (fuzz/findings/width), pinned: a character wider than the whole
/// line gets a line of its own, and the grid clips it rather than drawing half of it.
@Suite struct WideCharacterInOneColumnTests {
    @Test(arguments: ["你", "\u{3000}"])
    func aCharacterWiderThanTheLineStandsAloneAndIsClipped(character: String) {
        #expect(WordWrap.lines("a\(character)b", width: 1) == ["a", character, "b"])
        var grid = CellGrid(size: Size(width: 1, height: 1))
        _ = grid.put(character, x: 0, y: 0, style: .plain)
        #expect(grid.row(0) == " ")
    }
}

@Suite struct CellGridTests {
    @Test func wideGraphemesTakeTwoCellsAndClipWhole() {
        var grid = CellGrid(size: Size(width: 5, height: 1))
        let end = grid.put("a日本", x: 0, y: 0, style: .plain)
        #expect(end == 5)
        #expect(grid.row(0) == "a日本")
        var narrow = CellGrid(size: Size(width: 4, height: 1))
        narrow.put("a日本", x: 0, y: 0, style: .plain)
        #expect(narrow.row(0) == "a日 ")
    }

    @Test func overwritingHalfAWideGraphemeBlanksTheOtherHalf() {
        var grid = CellGrid(size: Size(width: 4, height: 1))
        grid.put("日本", x: 0, y: 0, style: .plain)
        grid.put("x", x: 1, y: 0, style: .plain)
        #expect(grid.row(0) == " x本")
    }

    @Test func combiningMarksJoinThePreviousCell() {
        var grid = CellGrid(size: Size(width: 3, height: 1))
        grid.put("e\u{301}x", x: 0, y: 0, style: .plain)
        #expect(grid[0, 0].text == "e\u{301}")
        #expect(grid[1, 0].text == "x")
    }

    @Test func controlCharactersNeverReachACell() {
        var grid = CellGrid(size: Size(width: 20, height: 1))
        grid.put("\u{1B}[31mred\u{07}", x: 0, y: 0, style: .plain)
        #expect(grid.cells.allSatisfy { cell in !cell.text.unicodeScalars.contains { $0.value < 0x20 } })
        #expect(grid.row(0).hasPrefix("␛[31mred␇"))
    }

    @Test func writingOutsideTheGridIsClippedNotACrash() {
        var grid = CellGrid(size: Size(width: 1, height: 1))
        grid.put("hello", x: -3, y: 0, style: .plain)
        grid.put("hello", x: 0, y: 5, style: .plain)
        grid.fill(Rect(x: -2, y: -2, width: 10, height: 10), style: .plain)
        grid.box(Rect(x: 0, y: 0, width: 1, height: 1), style: .plain)
        #expect(grid.size == Size(width: 1, height: 1))
    }
}

@Suite struct GridDiffTests {
    @Test func onlyChangedRunsAreRedrawn() {
        var old = CellGrid(size: Size(width: 10, height: 3))
        old.put("hello", x: 0, y: 1, style: .plain)
        var new = old
        new.put("J", x: 0, y: 1, style: .plain)
        let diff = GridDiff(from: old, to: new)
        #expect(!diff.isFullRedraw)
        #expect(diff.runs == [GridDiff.Run(x: 0, y: 1, cells: [Cell("J")])])
        #expect(GridDiff(from: new, to: new).isEmpty)
    }

    @Test func applyingTheDiffReproducesTheGrid() {
        let terminal = MemoryTerminal(size: Size(width: 12, height: 2))
        var first = CellGrid(size: terminal.size)
        first.put("日本 abc", x: 0, y: 0, style: .plain)
        terminal.draw(first, diff: GridDiff(from: nil, to: first), cursor: nil)
        var second = first
        second.put("x", x: 1, y: 0, style: .plain)
        second.put("😀", x: 5, y: 1, style: .plain)
        terminal.draw(second, diff: GridDiff(from: first, to: second), cursor: nil)
        #expect(terminal.screen == second)
        let third = CellGrid(size: Size(width: 3, height: 3))
        #expect(GridDiff(from: second, to: third).isFullRedraw)
    }
}
