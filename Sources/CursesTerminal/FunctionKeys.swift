import CNcursesw
import TerminalUI

/// Curses key codes (`KEY_UP`, `KEY_F(1)`, …) as input events.
enum FunctionKeys {
    static func event(for code: Int32) -> InputEvent? {
        switch code {
        case Int32(KEY_UP): return .up
        case Int32(KEY_DOWN): return .down
        case Int32(KEY_LEFT): return .left
        case Int32(KEY_RIGHT): return .right
        case Int32(KEY_HOME): return .home
        case Int32(KEY_END): return .end
        case Int32(KEY_PPAGE): return .pageUp
        case Int32(KEY_NPAGE): return .pageDown
        case Int32(KEY_BACKSPACE): return .backspace
        case Int32(KEY_DC): return .delete
        case Int32(KEY_BTAB): return .backTab
        case Int32(KEY_ENTER): return .enter
        case parley_key_f(1)...parley_key_f(12): return .function(Int(code - parley_key_f(0)))
        default: return nil
        }
    }
}
