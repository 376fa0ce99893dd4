/// A key, a paste, a resize or a mouse wheel turn, as the backend reads it.
public enum InputEvent: Hashable, Sendable {
    case character(Character)
    case enter
    /// Alt-Enter (and the like): insert a newline.
    case altEnter
    case backspace
    case delete
    case tab
    case backTab
    case escape
    case up, down, left, right
    case home, end, pageUp, pageDown
    /// F1–F12.
    case function(Int)
    /// Ctrl with a letter: `.control("a")` for Ctrl-A.
    case control(Character)
    /// Alt with a character.
    case alt(Character)
    /// A bracketed paste, whole, however many lines it has.
    case paste(String)
    /// A bracketed paste too large for the message box, refused whole: its size in bytes.
    case refusedPaste(bytes: Int)
    case resize(Size)
    case wheelUp
    case wheelDown
}
