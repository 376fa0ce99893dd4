import Testing
import TerminalUI

@Suite struct GridDiffAreaTests {
    @Test func onlyTheAreasGivenAreComparedAndAWideGraphemeAtTheirEdgeIsWholeInARun() {
        let old = CellGrid(size: Size(width: 10, height: 3))
        var new = old
        new.put("ab", x: 0, y: 0, style: .plain)
        new.put("xy", x: 8, y: 0, style: .plain)
        new.put("日", x: 3, y: 1, style: .plain)
        let within = GridDiff(from: old, to: new, within: [Rect(x: 0, y: 0, width: 4, height: 3)])
        #expect(within.runs.map { [$0.x, $0.y, $0.cells.count] } == [[0, 0, 2], [3, 1, 2]])
        #expect(GridDiff(from: old, to: new).runs.count == 3)
    }

    @Test func overlappingAreasGiveEachChangeOnce() {
        let old = CellGrid(size: Size(width: 6, height: 1))
        var new = old
        new.put("abcdef", x: 0, y: 0, style: .plain)
        let runs = GridDiff(from: old, to: new, within: [Rect(x: 0, y: 0, width: 4, height: 1), Rect(x: 2, y: 0, width: 4, height: 1)]).runs
        #expect(runs.map { [$0.x, $0.cells.count] } == [[0, 6]])
    }

    /// A change in any one cell of a row, in its text or only in its style (packed in the
    /// cell), at either end or in the middle, is found, with or without areas.
    @Test(arguments: [0, 5, 11])
    func aChangeInOneCellOfARowIsFound(column: Int) {
        var old = CellGrid(size: Size(width: 12, height: 3))
        old.put("the same row", x: 0, y: 1, style: .plain)
        var restyled = old
        restyled.fill(Rect(x: column, y: 1, width: 1, height: 1), style: Style(attributes: .bold), with: old[column, 1].text)
        var retyped = old
        retyped.put("#", x: column, y: 1, style: .plain)
        for new in [restyled, retyped] {
            #expect(GridDiff(from: old, to: new).runs.map { [$0.x, $0.y, $0.cells.count] } == [[column, 1, 1]])
            #expect(GridDiff(from: old, to: new, within: [Rect(x: 0, y: 0, width: 12, height: 3)]).runs.count == 1)
        }
        #expect(GridDiff(from: old, to: old).isEmpty)
    }
}
