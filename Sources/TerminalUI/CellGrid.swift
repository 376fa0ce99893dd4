/// An in-memory screen: what every view renders into and what tests read. Text written here
/// is sanitised first, so nothing in it can drive the terminal.
public struct CellGrid: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        cells = Array(repeating: fill, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Fills `rect` (clipped to the grid) with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: Style, with text: String = " ") {
        let clip = clipped(rect)
        guard !clip.isEmpty else { return }
        let cell = Cell(text, style: style)
        for row in clip.y..<clip.maxY {
            for column in clip.x..<clip.maxX { self[column, row] = cell }
        }
    }

    /// Takes the cells of `rect` (clipped to both grids) from `other`: a pane kept as it was
    /// drawn last frame.
    public mutating func copy(_ rect: Rect, from other: CellGrid) {
        guard other.size == size else { return }
        let clip = clipped(rect)
        guard !clip.isEmpty else { return }
        for row in clip.y..<clip.maxY {
            let range = row * size.width + clip.x..<row * size.width + clip.maxX
            cells.replaceSubrange(range, with: other.cells[range])
        }
    }

    /// Writes one line of `text` at `x, y`, clipped to `clip` (and the grid); a wide grapheme
    /// that does not fit whole is left out. Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let area = clipped(clip ?? bounds)
        guard y >= area.y, y < area.maxY else { return x }
        if let end = putPrintableASCII(text, x: x, y: y, style: style, area: area) { return end }
        var column = x
        for grapheme in TerminalText.sanitized(text) where grapheme != "\n" {
            let width = TextWidth.of(grapheme)
            if width == 0 {
                appendCombining(grapheme, before: column, row: y, area: area)
                continue
            }
            if column + width > area.maxX { break }
            if column >= area.x {
                clearWide(at: column, row: y)
                self[column, y] = Cell(String(grapheme), style: style)
                if width == 2 {
                    clearWide(at: column + 1, row: y)
                    self[column + 1, y] = Cell("", style: style)
                }
            }
            column += width
        }
        return column
    }

    /// The common case, printable ASCII, one byte per cell without grapheme breaking; nil
    /// when `text` holds anything else.
    private mutating func putPrintableASCII(_ text: String, x: Int, y: Int, style: Style, area: Rect) -> Int? {
        let done: Int?? = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            var column = x
            let packedStyle = style.packed
            for byte in bytes {
                if column >= area.maxX { break }
                if column >= area.x {
                    clearWide(at: column, row: y)
                    self[column, y] = Cell(ascii: byte, packedStyle: packedStyle)
                }
                column += 1
            }
            return column
        }
        return done ?? nil
    }

    /// A zero-width mark joins the grapheme before it, as the terminal would draw it.
    private mutating func appendCombining(_ grapheme: Character, before column: Int, row: Int, area: Rect) {
        var target = column - 1
        while target >= area.x, self[target, row].isContinuation { target -= 1 }
        guard target >= area.x else { return }
        self[target, row].text += String(grapheme)
    }

    /// Overwriting half of a wide grapheme blanks its other half, so no half is left behind.
    private mutating func clearWide(at column: Int, row: Int) {
        guard column < size.width else { return }
        if self[column, row].isContinuation, column > 0 {
            self[column - 1, row].text = " "
        } else if column + 1 < size.width, self[column + 1, row].isContinuation {
            self[column + 1, row].text = " "
        }
    }

    /// A box border around `rect` with an optional title in its top edge.
    public mutating func box(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        // Border glyphs are one column wide and safe: set the cells directly.
        func set(_ cell: Cell, _ column: Int, _ row: Int) {
            guard bounds.contains(x: column, y: row) else { return }
            clearWide(at: column, row: row)
            self[column, row] = cell
        }
        let horizontal = Cell("─", style: style), vertical = Cell("│", style: style)
        for column in rect.x + 1..<rect.maxX - 1 {
            set(horizontal, column, rect.y)
            set(horizontal, column, rect.maxY - 1)
        }
        for row in rect.y + 1..<rect.maxY - 1 {
            set(vertical, rect.x, row)
            set(vertical, rect.maxX - 1, row)
        }
        set(Cell("┌", style: style), rect.x, rect.y)
        set(Cell("┐", style: style), rect.maxX - 1, rect.y)
        set(Cell("└", style: style), rect.x, rect.maxY - 1)
        set(Cell("┘", style: style), rect.maxX - 1, rect.maxY - 1)
        if let title, rect.width > 4 {
            put(" \(title) ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style, clip: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1))
        }
    }

    /// Row `y` as text, wide graphemes once, trailing spaces kept.
    public func row(_ y: Int) -> String {
        (0..<size.width).map { self[$0, y].text }.joined()
    }

    /// The whole grid as text, one line per row with trailing spaces trimmed: what snapshot
    /// tests compare.
    public var text: String {
        (0..<size.height).map { row($0).trimmingTrailingSpaces() }.joined(separator: "\n")
    }

    private func clipped(_ rect: Rect) -> Rect {
        let x = max(rect.x, 0)
        let y = max(rect.y, 0)
        return Rect(x: x, y: y, width: min(rect.maxX, size.width) - x, height: min(rect.maxY, size.height) - y)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
