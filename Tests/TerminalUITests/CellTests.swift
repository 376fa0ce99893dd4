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

    @Test func aCellGivesBackEveryStyleItWasGiven() {
        let colors: [TerminalColor] = [.default, .ansi(0), .ansi(15), .indexed(0), .indexed(255), .rgb(0, 0, 0), .rgb(255, 255, 255), .rgb(1, 2, 3)]
        let attributes: [Style.Attributes] = [[], .bold, .dim, .italic, .underline, .reverse, [.bold, .italic, .reverse, .underline, .dim]]
        var seen: Set<Cell> = []
        for foreground in colors {
            for background in colors {
                for attribute in attributes {
                    let style = Style(foreground: foreground, background: background, attributes: attribute)
                    let cell = Cell("x", style: style)
                    #expect(cell.style == style)
                    #expect(Cell(ascii: UInt8(ascii: "x"), style: style) == cell)
                    seen.insert(cell)
                }
            }
        }
        // No two styles make the same cell.
        #expect(seen.count == colors.count * colors.count * attributes.count)
    }

    @Test func cellsCompareByGraphemeAndStyle() {
        #expect(Cell("x") == Cell(ascii: UInt8(ascii: "x"), style: .plain))
        #expect(Cell("x") != Cell("y"))
        #expect(Cell("x") != Cell("x", style: Style(attributes: .bold)))
    }
}
