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

    /// `within`: only these rectangles can differ (the rest was kept from `old`), so only they
    /// are compared; nil compares everything.
    public init(from old: CellGrid?, to new: CellGrid, within areas: [Rect]? = nil) {
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
        let spans = Self.columnSpans(areas, size: new.size)
        for row in 0..<new.size.height {
            for span in spans?[row] ?? [0..<width] {
                var column = span.lowerBound
                while column < span.upperBound {
                    guard old[column, row] != new[column, row] else {
                        column += 1
                        continue
                    }
                    // A run starts on a whole grapheme, not on the second half of a wide one.
                    var start = column
                    if new[start, row].isContinuation, start > 0 { start -= 1 }
                    var end = column
                    while end < width, end < span.upperBound || new[end, row].isContinuation,
                          old[end, row] != new[end, row] || new[end, row].isContinuation { end += 1 }
                    runs.append(Run(x: start, y: row, cells: Array(new.cells[row * width + start..<row * width + end])))
                    column = end
                }
            }
        }
        self.runs = runs
    }

    /// Each row's columns inside `areas`, in order and not overlapping; nil for every column.
    private static func columnSpans(_ areas: [Rect]?, size: Size) -> [[Range<Int>]]? {
        guard let areas else { return nil }
        var spans = [[Range<Int>]](repeating: [], count: size.height)
        for area in areas {
            let x = max(0, area.x), maxX = min(size.width, area.maxX)
            guard x < maxX else { continue }
            for row in max(0, area.y)..<max(max(0, area.y), min(size.height, area.maxY)) { spans[row].append(x..<maxX) }
        }
        return spans.map { row in
            row.sorted { $0.lowerBound < $1.lowerBound }.reduce(into: [Range<Int>]()) { merged, span in
                if let last = merged.last, span.lowerBound <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
                } else {
                    merged.append(span)
                }
            }
        }
    }

    public var isEmpty: Bool { runs.isEmpty }
}
