import TerminalUI

/// Every key and slash command of the chat screen, laid out for the help overlay at any size:
/// keys in a column as wide as the longest key, each description beside its key and wrapped
/// under itself, or under the key when the screen is too narrow for both. The overlay scrolls
/// when the lines do not fit, and says so.
enum HelpText {
    /// Keys no keymap changes: they mean the same everywhere.
    static let fixedKeys: [(keys: String, does: String, action: KeyAction?)] = [
        ("Up / Down", "earlier messages in the message box; elsewhere, scroll", nil),
        ("Mouse wheel", "scroll the conversation", nil),
    ]

    /// Every key as `keymap` binds them, with the action a keymap file names, for the help
    /// and README.
    static func keyRows(_ keymap: Keymap) -> [(keys: String, does: String, action: KeyAction?)] {
        keymap.helpRows + fixedKeys
    }

    static var commandRows: [(command: String, does: String)] {
        SlashCommand.all.map { ($0.usage, $0.help) }
    }

    /// The help's lines at `width` columns of text.
    static func lines(_ keymap: Keymap, width: Int) -> [String] {
        table(keyRows(keymap).map { ($0.keys, $0.does) }, width: width) + [""] + table(commandRows, width: width)
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
    static func layout(screen: Rect, keymap: Keymap) -> (box: Rect, lines: [String], visible: Int) {
        let widest = lines(keymap, width: 200).map { TextWidth.of($0) }.max() ?? 0
        let width = min(widest + 4, screen.width)
        let lines = lines(keymap, width: max(1, width - 4))
        let box = screen.centered(Size(width: width, height: lines.count + 2))
        return (box, lines, max(0, box.height - 2))
    }

    /// The furthest the help scrolls on a screen of `size`.
    static func maxScroll(screen: Rect, keymap: Keymap) -> Int {
        let (_, lines, visible) = layout(screen: screen, keymap: keymap)
        return max(0, lines.count - visible)
    }
}
