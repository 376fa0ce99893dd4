import TerminalUI

/// Inline markdown of one paragraph: `**bold**`, `*italic*` / `_italic_`, `` `code` `` and
/// `[text](url)` (shown as text and URL); an `_` inside a word is text (`snake_case`).
/// Markers that do not close are kept as written, so a half-streamed `**bo` shows as typed
/// until its end arrives.
enum InlineMarkdown {
    static func spans(_ text: String, base: Style, theme: Theme) -> [StyledSpan] {
        // Most text has no markers at all: one span, without walking it character by character.
        if !text.utf8.contains(where: { $0 == 0x60 || $0 == 0x2A || $0 == 0x5F || $0 == 0x5B }) {
            return text.isEmpty ? [] : [StyledSpan(text, base)]
        }
        var spans: [StyledSpan] = []
        var plain = ""
        var rest = Substring(text)
        // What came just before `rest`: an `_` right after a letter or digit is inside a word.
        var previous: Character?
        func flush() {
            if !plain.isEmpty { spans.append(StyledSpan(plain, base)) }
            plain = ""
        }
        while let first = rest.first {
            if first == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                flush()
                spans.append(StyledSpan(String(rest[rest.index(after: rest.startIndex)..<end]), theme[.code]))
                rest = rest[rest.index(after: end)...]
                previous = "`"
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**"), end.lowerBound > rest.index(rest.startIndex, offsetBy: 2) {
                flush()
                spans += Self.spans(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]), base: base.with(.bold), theme: theme)
                rest = rest[end.upperBound...]
                previous = "*"
            } else if first == "*" || (first == "_" && !Self.isInsideWord(after: previous)), let end = closing(first, in: rest) {
                flush()
                spans += Self.spans(String(rest[rest.index(after: rest.startIndex)..<end]), base: base.with(.italic), theme: theme)
                rest = rest[rest.index(after: end)...]
                previous = first
            } else if first == "[", let link = link(in: rest) {
                flush()
                spans += Self.spans(link.text, base: base.with(.underline), theme: theme)
                spans.append(StyledSpan(" (\(link.url))", theme[.dim]))
                rest = link.rest
                previous = ")"
            } else {
                plain.append(first)
                rest = rest.dropFirst()
                previous = first
            }
        }
        flush()
        return spans
    }

    /// Whether an `_` after `previous` is inside a word (`snake_case`), where it neither opens
    /// nor, as CommonMark has it, makes an emphasis.
    static func isInsideWord(after previous: Character?) -> Bool {
        previous.map { $0.isLetter || $0.isNumber } ?? false
    }

    /// The closing `*` or `_` of an emphasis that opens here: not followed by a space, and
    /// for `_` not inside a word (snake_case stays as it is).
    private static func closing(_ marker: Character, in text: Substring) -> Substring.Index? {
        let inner = text.dropFirst()
        guard let next = inner.first, next != " ", next != marker else { return nil }
        guard let end = inner.firstIndex(of: marker), end > inner.startIndex else { return nil }
        if text[text.index(before: end)] == " " { return nil }
        if marker == "_", let after = text[text.index(after: end)...].first, after.isLetter || after.isNumber { return nil }
        return end
    }

    private static func link(in text: Substring) -> (text: String, url: String, rest: Substring)? {
        guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix("("),
              let end = text[close...].firstIndex(of: ")") else { return nil }
        let label = String(text[text.index(after: text.startIndex)..<close])
        let url = String(text[text.index(close, offsetBy: 2)..<end])
        guard !label.isEmpty, !url.contains(" ") else { return nil }
        return (label, url, text[text.index(after: end)...])
    }
}
