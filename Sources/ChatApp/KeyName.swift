import TerminalUI

/// Keys by name, as the help shows them (`Ctrl-P`, `PgUp`, `?`) and as a keymap file writes
/// them (`ctrl-p`, `pgup`, `?`, case aside).
enum KeyName {
    private static let named: [(names: [String], key: InputEvent)] = [
        (["Enter", "return"], .enter),
        (["Alt-Enter"], .altEnter),
        (["Esc", "escape"], .escape),
        (["Tab"], .tab),
        (["Shift-Tab", "backtab"], .backTab),
        (["Backspace"], .backspace),
        (["Delete", "del"], .delete),
        (["Up"], .up), (["Down"], .down), (["Left"], .left), (["Right"], .right),
        (["Home"], .home), (["End"], .end),
        (["PgUp", "pageup"], .pageUp), (["PgDn", "pagedown"], .pageDown),
        (["Space"], .character(" ")),
    ]

    /// How the help writes `key`.
    static func text(_ key: InputEvent) -> String {
        if let entry = named.first(where: { $0.key == key }) { return entry.names[0] }
        switch key {
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-\(letter.uppercased())"
        case .alt(let character): return "Alt-\(character)"
        case .function(let number): return "F\(number)"
        default: return "\(key)"
        }
    }

    /// The key a keymap file names, or nil when it names none Parley can read.
    static func key(_ text: String) -> InputEvent? {
        let lowered = text.lowercased()
        if let entry = named.first(where: { $0.names.contains { $0.lowercased() == lowered } }) { return entry.key }
        if text.count == 1, let character = text.first, !character.isWhitespace {
            return .character(character)
        }
        if lowered.hasPrefix("ctrl-"), lowered.count == 6, let letter = lowered.last, ("a"..."z").contains(letter) {
            return .control(letter)
        }
        if lowered.hasPrefix("alt-"), text.count == 5, let character = text.last {
            return .alt(character)
        }
        if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...12).contains(number) {
            return .function(number)
        }
        return nil
    }
}
