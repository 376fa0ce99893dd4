/// A terminal to draw on and read from. Views never talk to it: the runtime renders them
/// into a `CellGrid` and hands the backend the difference.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Draws what changed from the last frame, then places the cursor (nil hides it).
    func draw(_ grid: CellGrid, diff: GridDiff, cursor: (x: Int, y: Int)?)
    /// Everything typed, pasted or resized since the last call; never blocks.
    func readEvents() -> [InputEvent]
    /// A file descriptor that becomes readable when input is waiting, for the input thread to
    /// poll; -1 when there is none, and `readEvents` is asked on every pass.
    var inputDescriptor: Int32 { get }
    /// How long until input read in part becomes an event by itself though nothing more
    /// arrives (a bracketed paste whose end marker never comes); nil when nothing is gathered.
    /// Meanwhile `readEvents` is asked on every pass, and once more when this time is up.
    var untilGatheredInputCompletes: Duration? { get }
    /// A file descriptor that becomes readable when the terminal was resized (its bytes mean
    /// nothing and are drained by the reader); -1 when resizes come as input events only.
    var resizeDescriptor: Int32 { get }
    /// Gives the terminal back as it was.
    func restore()
    /// Writes an OSC 52 clipboard request or another escape the app itself builds.
    func writeControlSequence(_ sequence: String)
}
