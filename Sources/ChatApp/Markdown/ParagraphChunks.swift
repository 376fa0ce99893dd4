/// Where a very long paragraph is cut into pieces that render on their own: at the first
/// space (or line break) after `length` characters where no inline markup (code, bold,
/// emphasis, a link) may be open. Rendering the whole answer and rendering it as it streams
/// both cut here, so they agree, and a streaming paragraph of any length costs only its last
/// piece per frame.
enum ParagraphChunks {
    /// A couple of lines: the piece still streaming is laid out again on every frame.
    static let length = 200

    /// The first cut in `text`, if it has one: the index of the space to cut at.
    static func firstCut(in text: Substring) -> Substring.Index? {
        if let cut = firstCutInASCII(text) { return cut }
        return firstCutByCharacter(in: text)
    }

    /// The same cut, found byte by byte, while the text is plain ASCII without carriage
    /// returns (where a byte is a character): `.some(nil)` when there is no cut; nil when the
    /// text is not such, to be cut character by character instead.
    private static func firstCutInASCII(_ text: Substring) -> Substring.Index?? {
        let bytes = text.utf8
        guard bytes.count > length,
              let lastWord = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x0A })
        else { return .some(nil) }
        var scan = CutScan()
        var index = bytes.startIndex
        while index <= lastWord {
            let byte = bytes[index]
            guard byte < 0x80 && byte != 0x0D else { return nil }
            if scan.isCut(byte) { return index }
            bytes.formIndex(after: &index)
        }
        return .some(nil)
    }

    private static func firstCutByCharacter(in text: Substring) -> Substring.Index? {
        // Bounded: counting the characters of a long paragraph at each cut would make cutting
        // it in pieces cost its length squared.
        guard text.index(text.startIndex, offsetBy: length + 1, limitedBy: text.endIndex) != nil,
              // A cut needs words after it: a piece of only spaces or line breaks renders as
              // an empty line in one way of rendering and as nothing in the other.
              let lastWord = text.lastIndex(where: { $0 != " " && $0 != "\n" })
        else { return nil }
        var scan = CutScan()
        var index = text.startIndex
        while index <= lastWord {
            // Every marker is ASCII; any other character is only counted.
            if scan.isCut(text[index].asciiValue ?? 0x80) { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// The walk to a cut, one character at a time, whichever way the characters are read.
    private struct CutScan {
        var backticks = 0
        var doubleStars = 0
        var stars = 0
        /// An `_` that may open an emphasis has come, and no `_` since: the renderer closes an
        /// emphasis at the first `_` after its opener, or not at all.
        var underscoreOpen = false
        /// The character before: an `_` right after an ASCII letter or digit is inside a
        /// word and opens nothing (any other character before it is taken to let it open).
        var previousIsWordCharacter = false
        var openBrackets = 0
        var openParentheses = 0
        var count = 0
        var previousWasStar = false
        var atLineStart = true

        /// Whether no inline markup can be open here. Counted more strictly than the markup
        /// is read (an unmatched parenthesis, or an `_` that could open but is never closed,
        /// holds the cut back until another comes): a cut held back costs a longer piece, a cut
        /// inside an emphasis or a link would show its markers as text.
        private var nothingOpen: Bool {
            backticks % 2 == 0 && doubleStars % 2 == 0 && stars % 2 == 0 && !underscoreOpen
                && openBrackets == 0 && openParentheses == 0
        }

        /// Takes the next character (its ASCII value, or 0x80 for any other); true when the
        /// paragraph is cut at it.
        mutating func isCut(_ byte: UInt8) -> Bool {
            let space = byte == 0x20, lineBreak = byte == 0x0A
            // A line's leading spaces do not show (the renderer trims them), so they neither
            // count nor cut: streamed text still has them, the whole paragraph has not.
            if atLineStart && space { return false }
            atLineStart = lineBreak
            switch byte {
            case 0x60: backticks += 1
            case 0x5F: underscoreOpen = !previousIsWordCharacter
            case 0x5B: openBrackets += 1
            case 0x5D: openBrackets = max(0, openBrackets - 1)
            case 0x28: openParentheses += 1
            case 0x29: openParentheses = max(0, openParentheses - 1)
            default: break
            }
            previousIsWordCharacter = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if byte == 0x2A {
                stars += 1
                if previousWasStar { doubleStars += 1 }
                previousWasStar.toggle()
            } else {
                previousWasStar = false
            }
            // A line break inside a paragraph renders as a space, so it is a place to cut too.
            if count >= length, space || lineBreak, nothingOpen { return true }
            count += 1
            return false
        }
    }

    /// `text` cut at every cut point, the spaces at the cuts dropped.
    static func pieces(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var rest = Substring(text)
        while let cut = firstCut(in: rest) {
            pieces.append(rest[..<cut])
            rest = afterCut(rest, cut)
        }
        pieces.append(rest)
        return pieces
    }

    /// What follows a cut: the spaces and line breaks at the cut are dropped, so the next
    /// piece starts with a word whichever way the text arrived.
    static func afterCut(_ text: Substring, _ cut: Substring.Index) -> Substring {
        text[text.index(after: cut)...].drop { $0 == " " || $0 == "\n" }
    }
}
