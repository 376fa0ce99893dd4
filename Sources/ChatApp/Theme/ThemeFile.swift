import TerminalUI

/// Reads a theme file: one `role = style` per line; `#` starts a comment at the start of a
/// line or as ` # ` after a style. A style is a foreground
/// colour, optionally `on` a background colour, and attributes: `assistant = #5fafff bold`,
/// `status-bar = white on 236`. Colours are names (`red`, `bright-blue`, `default`), 0–255,
/// or `#rrggbb`. Roles left out keep the built-in style.
public enum ThemeFile {
    /// A line that could not be read, with its file and line number.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public static func parse(_ text: String, name: String, file: String) throws(Problem) -> Theme {
        var theme = Theme(name: name, styles: [:])
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // A comment is a line starting with '#', or ' # ' after a style; '#rrggbb' is a colour.
            var source = rawLine.trimmed
            if source.hasPrefix("#") || source.isEmpty { continue }
            if let comment = source.range(of: " # ") { source = String(source[..<comment.lowerBound]).trimmed }
            guard let equals = source.firstIndex(of: "=") else {
                throw Problem(file: file, line: index + 1, message: "expected 'role = style', got '\(source)'")
            }
            let roleName = source[..<equals].trimmed
            guard let role = ColorRole(rawValue: roleName) else {
                throw Problem(file: file, line: index + 1, message: "unknown role '\(roleName)'; roles: \(ColorRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            theme[role] = try style(source[source.index(after: equals)...].trimmed, file: file, line: index + 1)
        }
        return theme
    }

    private static func style(_ text: String, file: String, line: Int) throws(Problem) -> Style {
        var style = Style()
        var expectBackground = false
        var sawForeground = false
        for word in text.split(separator: " ").map(String.init) {
            switch word.lowercased() {
            case "on":
                expectBackground = true
            case "bold": style.attributes.insert(.bold)
            case "dim": style.attributes.insert(.dim)
            case "italic": style.attributes.insert(.italic)
            case "underline": style.attributes.insert(.underline)
            case "reverse": style.attributes.insert(.reverse)
            default:
                guard let color = color(word) else {
                    throw Problem(file: file, line: line, message: "'\(word)' is not a colour (a name, 0-255 or #rrggbb) or an attribute")
                }
                if expectBackground {
                    style.background = color
                    expectBackground = false
                } else if !sawForeground {
                    style.foreground = color
                    sawForeground = true
                } else {
                    throw Problem(file: file, line: line, message: "two foreground colours; write 'FG on BG'")
                }
            }
        }
        if expectBackground { throw Problem(file: file, line: line, message: "'on' needs a background colour after it") }
        return style
    }

    private static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func color(_ word: String) -> TerminalColor? {
        let lowered = word.lowercased()
        if lowered == "default" { return .default }
        if let index = names.firstIndex(of: lowered) { return .ansi(UInt8(index)) }
        if lowered.hasPrefix("bright-"), let index = names.firstIndex(of: String(lowered.dropFirst(7))) { return .ansi(UInt8(index + 8)) }
        if let number = UInt8(lowered) { return .indexed(number) }
        if lowered.hasPrefix("#"), lowered.count == 7, let value = UInt32(lowered.dropFirst(), radix: 16) {
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        return nil
    }
}

extension StringProtocol {
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
