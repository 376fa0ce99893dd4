import Foundation
import TerminalUI

/// How many colours the terminal shows, from its terminfo entry and the environment.
enum ColorMode: Equatable {
    /// `NO_COLOR` set, or a terminal without colours: attributes only.
    case none
    case basic8
    case indexed256
    /// A direct-colour terminfo entry: colour numbers are 24-bit RGB.
    case trueColor

    static func detect(colors: Int, environment: [String: String] = ProcessInfo.processInfo.environment) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if colors >= 1 << 24 { return .trueColor }
        if colors >= 256 { return .indexed256 }
        if colors >= 8 { return .basic8 }
        return .none
    }

    /// The curses colour number of `color`; -1 is the terminal's default.
    func number(for color: TerminalColor) -> Int32 {
        switch self {
        case .none:
            return -1
        case .basic8:
            return color.basic8.map(Int32.init) ?? -1
        case .indexed256:
            return color.indexed256.map(Int32.init) ?? -1
        case .trueColor:
            if case .default = color { return -1 }
            let (red, green, blue) = color.rgbComponents
            return Int32(red << 16 | green << 8 | blue)
        }
    }
}
