/// Makes text safe to put on a terminal: nothing a model or server sends can move the cursor,
/// set a title, write the clipboard or reorder text. C0 and DEL become their visible control
/// pictures (ESC shows as ␛), C1 controls and invalid scalars become U+FFFD, bidirectional
/// overrides and isolates are dropped, tabs become spaces.
public enum TerminalText {
    public static let tabWidth = 4

    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09:
                result.append(contentsOf: String(repeating: " ", count: tabWidth).unicodeScalars)
            case 0x0A:
                result.append(scalar)
            case 0x00...0x1F:
                result.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                result.append("\u{2421}")
            case 0x80...0x9F:
                result.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                continue
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
