/// A colour as a theme names it; the terminal backend brings it down to what the terminal
/// can show (true colour, 256, 8, or none).
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// One of the 256 indexed colours.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The colour in 26 bits: which kind in the top two, its components below.
    var packed: UInt32 {
        switch self {
        case .default: 0
        case .ansi(let index): 1 << 24 | UInt32(index)
        case .indexed(let index): 2 << 24 | UInt32(index)
        case .rgb(let red, let green, let blue): 3 << 24 | UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
        }
    }

    init(packed: UInt32) {
        let index = UInt8(truncatingIfNeeded: packed)
        switch packed >> 24 {
        case 1: self = .ansi(index)
        case 2: self = .indexed(index)
        case 3: self = .rgb(UInt8(truncatingIfNeeded: packed >> 16), UInt8(truncatingIfNeeded: packed >> 8), index)
        default: self = .default
        }
    }

    /// The nearest of the 256 indexed colours.
    public var indexed256: UInt8? {
        switch self {
        case .default: return nil
        case .ansi(let index), .indexed(let index): return index
        case .rgb(let red, let green, let blue):
            if red == green && green == blue {
                if red < 8 { return 16 }
                if red > 248 { return 231 }
                return UInt8(232 + (Int(red) - 8) * 24 / 240)
            }
            func level(_ value: UInt8) -> Int { value < 48 ? 0 : value < 115 ? 1 : (Int(value) - 35) / 40 }
            return UInt8(16 + 36 * level(red) + 6 * level(green) + level(blue))
        }
    }

    /// The nearest of the 8 basic colours.
    public var basic8: UInt8? {
        switch self {
        case .default: return nil
        case .ansi(let index): return index % 8
        case .indexed(let index) where index < 16: return index % 8
        case .indexed, .rgb:
            let (red, green, blue) = rgbComponents
            let bright = max(red, green, blue)
            guard bright > 60 else { return 0 }
            let threshold = bright / 2
            return UInt8((red > threshold ? 1 : 0) | (green > threshold ? 2 : 0) | (blue > threshold ? 4 : 0))
        }
    }

    /// Approximate components, for downgrading indexed colours.
    public var rgbComponents: (Int, Int, Int) {
        switch self {
        case .rgb(let red, let green, let blue): return (Int(red), Int(green), Int(blue))
        case .indexed(let index) where index >= 16 && index < 232:
            let cube = Int(index) - 16
            let steps = [0, 95, 135, 175, 215, 255]
            return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
        case .indexed(let index) where index >= 232:
            let gray = 8 + (Int(index) - 232) * 10
            return (gray, gray, gray)
        case .ansi(let index), .indexed(let index):
            let base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)]
            return base[Int(index) % 8]
        case .default:
            return (0, 0, 0)
        }
    }
}
