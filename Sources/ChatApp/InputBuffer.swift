/// The text being typed, possibly several lines, with its cursor. Editing follows the usual
/// terminal keys (Ctrl-A/E/K/U/W); positions are in graphemes.
public struct InputBuffer: Hashable, Sendable {
    public private(set) var lines: [[Character]] = [[]]
    public private(set) var row = 0
    public private(set) var column = 0

    public init(_ text: String = "") {
        set(text)
    }

    public var text: String {
        lines.map { String($0) }.joined(separator: "\n")
    }

    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }
    public var isOnFirstLine: Bool { row == 0 }
    public var isOnLastLine: Bool { row == lines.count - 1 }

    /// Replaces the text and puts the cursor at its end.
    public mutating func set(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
    }

    public mutating func insert(_ text: String) {
        for character in text {
            if character == "\n" || character == "\r\n" {
                newline()
            } else {
                lines[row].insert(character, at: column)
                column += 1
            }
        }
    }

    public mutating func newline() {
        let rest = Array(lines[row][column...])
        lines[row].removeSubrange(column...)
        lines.insert(rest, at: row + 1)
        row += 1
        column = 0
    }

    public mutating func backspace() {
        if column > 0 {
            lines[row].remove(at: column - 1)
            column -= 1
        } else if row > 0 {
            let line = lines.remove(at: row)
            row -= 1
            column = lines[row].count
            lines[row] += line
        }
    }

    public mutating func deleteForward() {
        if column < lines[row].count {
            lines[row].remove(at: column)
        } else if row + 1 < lines.count {
            lines[row] += lines.remove(at: row + 1)
        }
    }

    public mutating func moveLeft() {
        if column > 0 {
            column -= 1
        } else if row > 0 {
            row -= 1
            column = lines[row].count
        }
    }

    public mutating func moveRight() {
        if column < lines[row].count {
            column += 1
        } else if row + 1 < lines.count {
            row += 1
            column = 0
        }
    }

    public mutating func moveUp() {
        guard row > 0 else { return }
        row -= 1
        column = min(column, lines[row].count)
    }

    public mutating func moveDown() {
        guard row + 1 < lines.count else { return }
        row += 1
        column = min(column, lines[row].count)
    }

    public mutating func moveToLineStart() { column = 0 }
    public mutating func moveToLineEnd() { column = lines[row].count }

    /// Ctrl-K: deletes to the end of the line.
    public mutating func killToLineEnd() {
        lines[row].removeSubrange(column...)
    }

    /// Ctrl-U: deletes to the start of the line.
    public mutating func killToLineStart() {
        lines[row].removeSubrange(..<column)
        column = 0
    }

    /// Ctrl-W: deletes the word before the cursor, and the spaces after it.
    public mutating func deleteWordBackward() {
        var start = column
        while start > 0, lines[row][start - 1] == " " { start -= 1 }
        while start > 0, lines[row][start - 1] != " " { start -= 1 }
        lines[row].removeSubrange(start..<column)
        column = start
    }
}
