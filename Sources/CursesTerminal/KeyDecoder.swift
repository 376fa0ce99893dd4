import TerminalUI

/// Turns what `wget_wch` returns into input events: Ctrl and Alt chords (Alt arrives as ESC
/// then the key), and the start of a bracketed paste (`ESC [200~`), which `BracketedPaste`
/// then gathers.
struct KeyDecoder {
    enum Decoded: Equatable {
        case event(InputEvent)
        case pasteStart
    }

    /// A key as curses reported it.
    enum Raw: Equatable {
        case character(UInt32)
        case function(Int32)
    }

    private static let escape: UInt32 = 0x1B
    private static let pasteStart: [UInt32] = Array("[200~".unicodeScalars.map(\.value))

    /// Decodes the keys read in one go; `more` reads another key when a sequence needs one
    /// (nil when none is waiting).
    static func decode(_ first: Raw, more: () -> Raw?) -> Decoded? {
        switch first {
        case .function(let code):
            return FunctionKeys.event(for: code).map(Decoded.event)
        case .character(let value):
            guard value == escape else { return character(value).map(Decoded.event) }
            guard let next = more() else { return .event(.escape) }
            guard case .character(let following) = next else { return FunctionKeys.event(for: functionCode(next)).map(Decoded.event) }
            if following == 0x5B /* [ */ {
                return escapeSequence(more: more)
            }
            if following == 0x0D || following == 0x0A { return .event(.altEnter) }
            if following == escape { return .event(.escape) }
            guard let scalar = Unicode.Scalar(following) else { return .event(.escape) }
            return .event(.alt(Character(scalar)))
        }
    }

    private static func functionCode(_ raw: Raw) -> Int32 {
        if case .function(let code) = raw { return code }
        return 0
    }

    /// After `ESC [`: the start of a bracketed paste, or a sequence curses did not know, which
    /// is dropped.
    private static func escapeSequence(more: () -> Raw?) -> Decoded? {
        var sequence: [UInt32] = [0x5B]
        while sequence.count < 16, let next = more(), case .character(let value) = next {
            sequence.append(value)
            if (0x40...0x7E).contains(value) { break }
        }
        return sequence == pasteStart ? .pasteStart : nil
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
