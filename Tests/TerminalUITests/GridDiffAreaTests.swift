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
}
