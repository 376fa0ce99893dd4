import Testing
import TerminalUI

@Suite struct CellTests {
    @Test(arguments: [" ", "a", "é", "e\u{301}", "日", "👩‍💻", "❤️", "🇯🇵", "─", ""])
    func aCellGivesBackTheGraphemeItWasGiven(text: String) {
        #expect(Cell(text).text == text)
        #expect(Cell(text).isContinuation == text.isEmpty)
    }

    @Test func aPileOfCombiningMarksStopsAtFourScalars() {
        var grid = CellGrid(size: Size(width: 4, height: 1))
        grid.put("a" + String(repeating: "\u{301}", count: 500) + "b", x: 0, y: 0, style: .plain)
        #expect(grid[0, 0].text.unicodeScalars.count == Cell.maxScalars)
        #expect(grid[1, 0].text == "b")
    }

    @Test func aLongEmojiSequenceKeepsItsStartAndNoDanglingJoiner() {
        let family = "👨‍👩‍👧‍👦"
        let kept = Cell(family).text
        #expect(family.unicodeScalars.starts(with: kept.unicodeScalars))
        #expect(kept.unicodeScalars.count <= Cell.maxScalars)
        #expect(kept.unicodeScalars.last?.value != 0x200D)
    }

    @Test func cellsCompareByGraphemeAndStyle() {
        #expect(Cell("x") == Cell(ascii: UInt8(ascii: "x"), style: .plain))
        #expect(Cell("x") != Cell("y"))
        #expect(Cell("x") != Cell("x", style: Style(attributes: .bold)))
    }
}
