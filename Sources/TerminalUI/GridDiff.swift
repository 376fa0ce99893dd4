/// The runs of cells that differ between two grids of the same size: what a backend redraws.
/// Grids of different sizes differ everywhere.
public struct GridDiff: Sendable {
    public struct Run: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]

        public init(x: Int, y: Int, cells: [Cell]) {
            self.x = x
            self.y = y
            self.cells = cells
        }
    }

    public var runs: [Run]
    /// Set when nothing of the old grid can be kept (first frame, resize).
    public var isFullRedraw: Bool

    public init(from old: CellGrid?, to new: CellGrid) {
        guard let old, old.size == new.size else {
            isFullRedraw = true
            runs = (0..<new.size.height).map { row in
                Run(x: 0, y: row, cells: Array(new.cells[row * new.size.width..<(row + 1) * new.size.width]))
            }
            return
        }
        isFullRedraw = false
        var runs: [Run] = []
        let width = new.size.width
        for row in 0..<new.size.height {
            var column = 0
            while column < width {
                guard old[column, row] != new[column, row] else {
                    column += 1
                    continue
                }
                // A run starts on a whole grapheme, not on the second half of a wide one.
                var start = column
                if new[start, row].isContinuation, start > 0 { start -= 1 }
                var end = column
                while end < width, old[end, row] != new[end, row] || new[end, row].isContinuation { end += 1 }
                runs.append(Run(x: start, y: row, cells: Array(new.cells[row * width + start..<row * width + end])))
                column = end
            }
        }
        self.runs = runs
    }

    public var isEmpty: Bool { runs.isEmpty }
}
