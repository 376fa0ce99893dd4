/// A terminal in memory for tests: keeps the last frame, counts frames, and plays back
/// scripted input.
public final class MemoryTerminal: TerminalBackend {
    public private(set) var size: Size
    public private(set) var screen: CellGrid
    public private(set) var cursor: (x: Int, y: Int)?
    public private(set) var framesDrawn = 0
    public private(set) var controlSequences: [String] = []
    public private(set) var restored = false
    private var queued: [InputEvent] = []

    public init(size: Size) {
        self.size = size
        screen = CellGrid(size: size)
    }

    public func draw(_ grid: CellGrid, diff: GridDiff, cursor: (x: Int, y: Int)?) {
        if diff.isFullRedraw {
            screen = grid
        } else {
            for run in diff.runs {
                for (offset, cell) in run.cells.enumerated() { screen[run.x + offset, run.y] = cell }
            }
        }
        self.cursor = cursor
        framesDrawn += 1
    }

    public func readEvents() -> [InputEvent] {
        defer { queued = [] }
        return queued
    }

    public let inputDescriptor: Int32 = -1
    public let untilGatheredInputCompletes: Duration? = nil
    public let resizeDescriptor: Int32 = -1

    public func restore() {
        restored = true
    }

    public func writeControlSequence(_ sequence: String) {
        controlSequences.append(sequence)
    }

    /// Queues input for the next `readEvents`.
    public func type(_ events: InputEvent...) {
        queued += events
    }

    /// Changes the size, as a terminal window being resized, and queues the resize event.
    public func resize(to size: Size) {
        self.size = size
        queued.append(.resize(size))
    }
}
