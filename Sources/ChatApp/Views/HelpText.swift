import TerminalUI

/// Every key and slash command of the chat screen, laid out for the help overlay at any size:
/// keys in a column as wide as the longest key, each description beside its key and wrapped
/// under itself, or under the key when the screen is too narrow for both. The overlay scrolls
/// when the lines do not fit, and says so.
enum HelpText {
    static let keys: [(key: String, does: String)] = [
        ("Enter", "send the message; a multi-line paste stays one message"),
        ("Ctrl-J, Alt-Enter", "new line in the message"),
        ("Up / Down", "earlier messages (input history)"),
        ("Ctrl-A/E/K/U/W", "line start, end, kill to end, kill to start, delete word"),
        ("Esc", "stop the answer (the partial answer is kept)"),
        ("Ctrl-C", "stop the answer, or quit"),
        ("Ctrl-R", "after an answer broke off, ask again on the next healthy provider"),
        ("Ctrl-P, F2", "pick a model: type to filter, Enter picks"),
        ("PgUp / PgDn", "scroll the conversation (the mouse wheel too)"),
        ("Tab / Shift-Tab", "move between input, conversation and sidebar"),
        ("F3, Ctrl-S", "the provider sidebar as an overlay (narrow terminals)"),
        ("Ctrl-T", "show or fold the model's reasoning"),
        ("Ctrl-Y", "copy the last answer (or the code block under the cursor) via OSC 52"),
        ("Tab, then [ ]", "put the cursor on a code block and move it; y or Enter copies it"),
        ("F1, ?", "this help; Up / Down, PgUp / PgDn scroll it"),
    ]

    static let commands: [(command: String, does: String)] = [
        ("/model NAME", "use this model (provider:model or bare)"),
        ("/models", "every provider's models"),
        ("/providers", "every provider and its health"),
        ("/default PROVIDER", "where bare model names go first"),
        ("/health", "check every provider now"),
        ("/new, /clear", "start a new conversation (this one stays saved)"),
        ("/rename TITLE", "give this conversation a title"),
        ("/chats", "saved conversations; Enter opens one"),
        ("/search WORDS", "every saved conversation; Enter opens it at the hit"),
        ("/delete", "delete this conversation for good (asks first)"),
        ("/system TEXT", "the system prompt; empty clears it"),
        ("/temperature T", "0 to 2 (also /set temperature T)"),
        ("/set max-tokens N", "the longest answer, or off"),
        ("/export FILE.md", "write this conversation as Markdown (or .json)"),
        ("/copy, /copy code", "the last answer, or a code block, to the clipboard"),
        ("/help", "this help"),
        ("/quit", "leave Parley"),
    ]

    /// The help's lines at `width` columns of text.
    static func lines(width: Int) -> [String] {
        table(keys, width: width) + [""] + table(commands, width: width)
    }

    private static func table(_ rows: [(String, String)], width: Int) -> [String] {
        let column = (rows.map { TextWidth.of($0.0) }.max() ?? 0) + 2
        var lines: [String] = []
        for (name, does) in rows {
            if width - column >= 16 {
                let wrapped = WordWrap.lines(does, width: width - column)
                let pad = String(repeating: " ", count: column - TextWidth.of(name))
                lines.append(name + pad + (wrapped.first ?? ""))
                lines += wrapped.dropFirst().map { String(repeating: " ", count: column) + $0 }
            } else {
                lines += WordWrap.lines(name, width: max(1, width))
                lines += WordWrap.lines(does, width: max(1, width - 2)).map { "  " + $0 }
            }
        }
        return lines
    }

    /// Where the overlay goes on a screen of `size`, its lines, and how many show at once.
    static func layout(screen: Rect) -> (box: Rect, lines: [String], visible: Int) {
        let widest = lines(width: 200).map { TextWidth.of($0) }.max() ?? 0
        let width = min(widest + 4, screen.width)
        let lines = lines(width: max(1, width - 4))
        let box = screen.centered(Size(width: width, height: lines.count + 2))
        return (box, lines, max(0, box.height - 2))
    }

    /// The furthest the help scrolls on a screen of `size`.
    static func maxScroll(screen: Rect) -> Int {
        let (_, lines, visible) = layout(screen: screen)
        return max(0, lines.count - visible)
    }
}
