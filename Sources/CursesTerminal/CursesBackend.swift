import CNcursesw
import Foundation
import TerminalUI

/// `TerminalBackend` on ncursesw: the alternate screen, colours by what the terminal supports
/// (`NO_COLOR` honoured), bracketed paste, the mouse wheel, and the terminal restored however
/// the program ends. Only this module calls curses, and only from the runtime's thread.
public final class CursesBackend: TerminalBackend {
    /// Raised when there is no usable terminal (no TTY, unknown `TERM`).
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    private let colorMode: ColorMode
    private var pairs: [ColorPairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var isRestored = false
    private var lastDrawn: (style: Style, attributes: attr_t, pair: Int32)?
    /// The bracketed paste being gathered, across reads, until its end marker.
    private var paste: BracketedPaste?
    /// What the paste's times count from.
    private let started = ContinuousClock.now
    /// UTF-8 of a paste read straight from the terminal, between reads.
    private var pasteBytes = UTF8Stream()

    private struct ColorPairKey: Hashable {
        let foreground: Int32
        let background: Int32
    }

    public init() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw Unavailable(description: "the chat screen needs a terminal; for scripts use 'parley ask'")
        }
        Self.ensureUTF8Locale()
        guard parley_newterm() != nil else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw Unavailable(description: "the terminal type TERM=\(term) is unknown to ncurses; try TERM=xterm-256color")
        }
        raw()
        noecho()
        nonl()
        keypad(parley_stdscr(), true)
        nodelay(parley_stdscr(), true)
        meta(parley_stdscr(), true)
        set_escdelay(25)
        // The runtime paces frames itself: curses need not poll the keyboard while it draws
        // (two system calls a frame, and a flush of its output before each).
        typeahead(-1)
        _ = mousemask(parley_wheel_up() | parley_wheel_down(), nil)
        mouseinterval(0)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        colorMode = has_colors() ? ColorMode.detect(colors: Int(parley_colors())) : .none
        resizeDescriptor = parley_watch_resize()
        TerminalRestorer.install { endwin() }
        // Until curses has come back from an endwin once, it flushes its output after every
        // cursor move it makes (ncurses 6.4: `_nc_mvcur` while the screen is "initial"): a frame
        // would reach the terminal in one write per move. Leaving and coming back before the
        // first frame makes a frame one write.
        def_prog_mode()
        endwin()
        Self.writeRaw("\u{1B}[?2004h")
    }

    deinit {
        restore()
    }

    public var size: Size {
        Size(width: Int(parley_max_x()), height: Int(parley_max_y()))
    }

    public var inputDescriptor: Int32 { 0 }

    public var untilGatheredInputCompletes: Duration? {
        paste.map { max(.zero, $0.completesAt - (ContinuousClock.now - started)) }
    }

    public let resizeDescriptor: Int32

    public func draw(_ grid: CellGrid, diff: GridDiff, cursor: (x: Int, y: Int)?) {
        if diff.isFullRedraw { clearok(parley_stdscr(), true) }
        for run in diff.runs {
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                put(cell, x: run.x + offset, y: run.y, limit: grid.size)
            }
        }
        if let cursor, cursor.x < grid.size.width, cursor.y < grid.size.height {
            leaveok(parley_stdscr(), false)
            curs_set(1)
            wmove(parley_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            // A hidden cursor stays where the frame's last write left it: the next frame's
            // text most often starts there.
            leaveok(parley_stdscr(), true)
            curs_set(0)
        }
        wnoutrefresh(parley_stdscr())
        doupdate()
    }

    private func put(_ cell: Cell, x: Int, y: Int, limit: Size) {
        // The bottom-right cell is written with insertion semantics by curses; writing it
        // normally would scroll some terminals. Skip nothing: curses handles it, but a wide
        // grapheme must not straddle the right edge.
        let values = cell.scalarValues
        // A spacing character, up to three marks, and the terminating zero.
        var text: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { raw in
            let characters = raw.bindMemory(to: wchar_t.self)
            for index in 0..<Cell.maxScalars {
                let value = switch index {
                case 0: values.0
                case 1: values.1
                case 2: values.2
                default: values.3
                }
                // A cell holds one spacing character and its combining marks; the rest of an
                // emoji ZWJ sequence is dropped so that curses counts the same width we do.
                if value == 0 || value == 0x200D { break }
                characters[index] = wchar_t(bitPattern: value)
            }
            if characters[0] == 0 { characters[0] = 0x20 }
        }
        let (attributes, pair) = drawing(cell.style)
        withUnsafePointer(to: &text) { pointer in
            pointer.withMemoryRebound(to: wchar_t.self, capacity: 5) { characters in
                _ = parley_put_cell(Int32(y), Int32(x), characters, attributes, pair)
            }
        }
    }

    /// The attributes and colour pair of `style`; neighbouring cells mostly share a style, so
    /// the last one is kept.
    private func drawing(_ style: Style) -> (attr_t, Int32) {
        if let last = lastDrawn, last.style == style { return (last.attributes, last.pair) }
        let drawn = (style: style, attributes: attributes(style), pair: pair(style))
        lastDrawn = drawn
        return (drawn.attributes, drawn.pair)
    }

    private func attributes(_ style: Style) -> attr_t {
        var value = parley_a_normal()
        if style.attributes.contains(.bold) { value |= parley_a_bold() }
        if style.attributes.contains(.dim) { value |= parley_a_dim() }
        if style.attributes.contains(.italic) { value |= parley_a_italic() }
        if style.attributes.contains(.underline) { value |= parley_a_underline() }
        if style.attributes.contains(.reverse) || (colorMode == .none && style.background != .default) {
            value |= parley_a_reverse()
        }
        return value
    }

    private func pair(_ style: Style) -> Int32 {
        guard colorMode != .none else { return 0 }
        let key = ColorPairKey(foreground: colorMode.number(for: style.foreground), background: colorMode.number(for: style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        guard nextPair < parley_color_pairs() else { return 0 }
        let number = nextPair
        nextPair += 1
        init_extended_pair(number, key.foreground, key.background)
        pairs[key] = number
        return number
    }

    public func readEvents() -> [InputEvent] {
        var events: [InputEvent] = []
        let now = ContinuousClock.now - started
        if paste != nil, let event = drainPaste(now: now) { events.append(event) }
        while paste == nil, let raw = readRaw() {
            if case .function(let code) = raw, code == parley_key_resize() {
                events.append(.resize(size))
                continue
            }
            if case .function(let code) = raw, code == parley_key_mouse() {
                let state = parley_mouse_state()
                if state & parley_wheel_up() != 0 { events.append(.wheelUp) }
                if parley_wheel_down() != 0, state & parley_wheel_down() != 0 { events.append(.wheelDown) }
                continue
            }
            switch KeyDecoder.decode(raw, more: { self.readRaw() }) {
            case .event(let event)?: events.append(event)
            case .pasteStart?:
                paste = BracketedPaste(startedAt: now)
                pasteBytes = UTF8Stream()
                if let event = drainPaste(now: now) { events.append(event) }
            case nil: break
            }
        }
        if let event = paste?.expire(at: now) {
            events.append(event)
            paste = nil
        }
        return events
    }

    /// Reads what there is of a bracketed paste straight from the terminal, a chunk at a time:
    /// curses reads a byte per system call, which made a 10 MB paste take most of a minute.
    /// (Curses holds none of it: it read ahead only while matching the start marker.) What
    /// follows the end marker in the same chunk goes back to curses, in order.
    private func drainPaste(now: Duration) -> InputEvent? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while paste != nil {
            var ready = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) > 0 else { return nil }
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            var finished: InputEvent?
            var leftover: [Unicode.Scalar] = []
            for byte in buffer[..<count] {
                pasteBytes.feed(byte) { scalar in
                    if finished != nil {
                        leftover.append(scalar)
                    } else if let event = paste?.take(scalar.value, at: now) {
                        finished = event
                    }
                }
            }
            if let finished {
                paste = nil
                // unget pushes to the front: the last goes back first.
                for scalar in leftover.reversed() { _ = unget_wch(wchar_t(scalar.value)) }
                return finished
            }
        }
        return nil
    }

    private func readRaw() -> KeyDecoder.Raw? {
        var character: wint_t = 0
        let result = wget_wch(parley_stdscr(), &character)
        if result == parley_key_code_yes() { return .function(Int32(character)) }
        if result == parley_ok() { return .character(UInt32(character)) }
        return nil
    }

    public func restore() {
        guard !isRestored else { return }
        isRestored = true
        Self.writeRaw("\u{1B}[?2004l")
        endwin()
        TerminalRestorer.uninstall()
    }

    public func writeControlSequence(_ sequence: String) {
        Self.writeRaw(sequence)
    }

    private static func writeRaw(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = Foundation.write(1, $0.baseAddress, $0.count) }
    }

    /// ncursesw needs a UTF-8 locale to draw wide characters; C.UTF-8 stands in when the
    /// environment's locale is not UTF-8.
    private static func ensureUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
