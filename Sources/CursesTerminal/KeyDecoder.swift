import TerminalUI

/// Turns what `wget_wch` returns into input events: Ctrl and Alt chords (Alt arrives as ESC
/// then the key), and bracketed pastes (`ESC [200~ … ESC [201~`) gathered into one event.
struct KeyDecoder {
    /// A key as curses reported it.
    enum Raw: Equatable {
        case character(UInt32)
        case function(Int32)
    }

    private static let escape: UInt32 = 0x1B
    private static let pasteStart: [UInt32] = Array("[200~".unicodeScalars.map(\.value))
    private static let pasteEnd: [UInt32] = Array("\u{1B}[201~".unicodeScalars.map(\.value))

    /// Decodes the keys read in one go; `more` reads another key when a sequence needs one
    /// (nil when none is waiting).
    static func decode(_ first: Raw, more: () -> Raw?) -> InputEvent? {
        switch first {
        case .function(let code):
            return FunctionKeys.event(for: code)
        case .character(let value):
            guard value == escape else { return character(value) }
            guard let next = more() else { return .escape }
            guard case .character(let following) = next else { return FunctionKeys.event(for: functionCode(next)) }
            if following == 0x5B /* [ */ {
                return escapeSequence(more: more)
            }
            if following == 0x0D || following == 0x0A { return .altEnter }
            if following == escape { return .escape }
            guard let scalar = Unicode.Scalar(following) else { return .escape }
            return .alt(Character(scalar))
        }
    }

    private static func functionCode(_ raw: Raw) -> Int32 {
        if case .function(let code) = raw { return code }
        return 0
    }

    /// After `ESC [`: a bracketed paste, or a sequence curses did not know, which is dropped.
    private static func escapeSequence(more: () -> Raw?) -> InputEvent? {
        var sequence: [UInt32] = [0x5B]
        while sequence.count < 16, let next = more(), case .character(let value) = next {
            sequence.append(value)
            if (0x40...0x7E).contains(value) { break }
        }
        guard sequence == pasteStart else { return nil }
        var content: [UInt32] = []
        var idle = 0
        // The paste may arrive in pieces; give up only after a run of empty reads.
        while idle < 2000 {
            guard let next = more() else {
                idle += 1
                continue
            }
            idle = 0
            if case .character(let value) = next { content.append(value) }
            if content.count >= pasteEnd.count, Array(content.suffix(pasteEnd.count)) == pasteEnd {
                content.removeLast(pasteEnd.count)
                break
            }
            if content.count > 4 * 1024 * 1024 { break }
        }
        var text = String.UnicodeScalarView()
        for value in content {
            guard let scalar = Unicode.Scalar(value) else { continue }
            text.append(scalar == "\r" ? "\n" : scalar)
        }
        return .paste(String(text))
    }

    private static func character(_ value: UInt32) -> InputEvent? {
        switch value {
        case 0x0D: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A:
            return .control(Character(Unicode.Scalar(value + 0x60)!))
        case 0x00...0x1F:
            return nil
        default:
            return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }
}
