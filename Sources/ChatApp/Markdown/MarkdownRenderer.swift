import TerminalUI

/// Markdown as the conversation pane shows it: headings, paragraphs with inline styles,
/// lists, block quotes, and fenced code blocks on their own background with their language
/// label. A fence still open (while the answer streams) renders as code.
enum MarkdownRenderer {
    /// `continuingParagraph`: the text's first line is the rest of a paragraph line cut in
    /// the middle (a streamed long paragraph), so it is paragraph text whatever it starts with.
    ///
    /// `openLine`: the last line of the paragraph piece before the text (a streamed long
    /// paragraph). If the text goes on with that paragraph, its words fill that line first;
    /// either way the line comes first in the result.
    static func render(_ text: String, width: Int, theme: Theme, continuingParagraph: Bool = false, openLine: RenderedLine? = nil) -> [RenderedLine] {
        var lines: [RenderedLine] = []
        var paragraph: [String] = []
        var code: (language: String, lines: [String])?
        var open = openLine
        /// A list item or quote line still open: a plain line after it (a lazy continuation
        /// line, as Markdown calls it) belongs to it and wraps under its text.
        var item: (marker: String, text: String)?
        var quote: String?

        func flushParagraph() {
            if let open = item {
                let marker = StyledSpan(open.marker, theme[.assistant])
                let indent = String(repeating: " ", count: TextWidth.of(open.marker))
                lines += SpanWrap.lines(InlineMarkdown.spans(open.text, base: theme[.text], theme: theme), width: width, firstPrefix: marker, indent: indent).map { RenderedLine($0) }
                item = nil
            }
            if let text = quote {
                lines += SpanWrap.lines(InlineMarkdown.spans(text, base: theme[.dim].with(.italic), theme: theme), width: width, firstPrefix: StyledSpan("│ ", theme[.border]), indent: "│ ").map { RenderedLine($0) }
                quote = nil
            }
            guard !paragraph.isEmpty else { return }
            lines += paragraphLines(paragraph.joined(separator: " "), width: width, theme: theme, continuing: open)
            open = nil
            paragraph = []
        }
        /// Any block but the paragraph the open line belongs to closes that line as it is.
        func closeOpenLine() {
            if let line = open { lines.append(line) }
            open = nil
        }

        var forcedParagraphLine = continuingParagraph
        for line in unixLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            if forcedParagraphLine {
                forcedParagraphLine = false
                if !trimmed.isEmpty {
                    paragraph.append(String(trimmed))
                    continue
                }
            }
            if var block = code {
                if trimmed.hasPrefix("```") {
                    lines += codeLines(block.language, block.lines, width: width, theme: theme)
                    code = nil
                } else {
                    block.lines.append(line)
                    code = block
                }
                continue
            }
            if trimmed.hasPrefix("```") {
                flushParagraph()
                closeOpenLine()
                code = (String(trimmed.dropFirst(3)).trimmingTrailingSpacesCopy(), [])
            } else if trimmed.isEmpty {
                flushParagraph()
                closeOpenLine()
                if lines.last.map({ !$0.spans.isEmpty }) ?? false { lines.append(RenderedLine([])) }
            } else if let heading = heading(trimmed) {
                flushParagraph()
                closeOpenLine()
                lines += SpanWrap.lines(InlineMarkdown.spans(heading, base: theme[.title].with(.bold), theme: theme), width: width).filter { !$0.isEmpty }.map { RenderedLine($0) }
            } else if let listed = listItem(line) {
                flushParagraph()
                closeOpenLine()
                item = listed
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                closeOpenLine()
                quote = String(trimmed.dropFirst().drop { $0 == " " })
            } else if let open = item {
                item = (open.marker, open.text + " " + trimmed)
            } else if let open = quote {
                quote = open + " " + trimmed
            } else {
                // Leading spaces of a paragraph line do not show, however the text was cut.
                paragraph.append(String(trimmed))
            }
        }
        flushParagraph()
        closeOpenLine()
        if let block = code { lines += codeLines(block.language, block.lines, width: width, theme: theme) }
        return lines
    }

    /// Whether a line of text would render as a plain paragraph (not a heading, list item,
    /// quote or fence), so that it may be cut in pieces.
    static func isPlainParagraph(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        return !trimmed.isEmpty && !trimmed.hasPrefix("```") && heading(trimmed) == nil && listItem(line) == nil && !trimmed.hasPrefix(">")
    }

    /// A paragraph or heading of nothing but spaces (`` ` ` ``) renders as no line at all: an
    /// empty line there would read as the blank line between blocks, which a streamed answer
    /// settles differently.
    ///
    /// A long paragraph's pieces (see `ParagraphChunks`) each go on filling the last line of
    /// the piece before, so the cuts do not show.
    private static func paragraphLines(_ text: String, width: Int, theme: Theme, continuing open: RenderedLine? = nil) -> [RenderedLine] {
        var lines: [RenderedLine] = open.map { [$0] } ?? []
        for piece in ParagraphChunks.pieces(text) {
            let spans = InlineMarkdown.spans(String(piece), base: theme[.text], theme: theme)
            if let last = lines.last, !last.spans.isEmpty {
                lines.removeLast()
                lines += SpanWrap.lines([StyledSpan(" ", theme[.text])] + spans, width: width, continuing: last.spans).map { RenderedLine($0) }
            } else {
                lines += SpanWrap.lines(spans, width: width).filter { !$0.isEmpty }.map { RenderedLine($0) }
            }
        }
        return lines
    }

    private static func heading(_ line: Substring) -> String? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return String(line.dropFirst(hashes + 1))
    }

    /// `- item`, `* item`, `+ item` or `1. item`, keeping the indentation of nested items.
    private static func listItem(_ line: String) -> (marker: String, text: String)? {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            return (String(indent) + "• ", String(rest.dropFirst(2)))
        }
        let digits = rest.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count < 4, rest.dropFirst(digits.count).hasPrefix(". ") {
            return (String(indent) + digits + ". ", String(rest.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Some models end lines with CRLF. Swift reads "\r\n" as one Character that no "\n" test
    /// matches, so it would stay inside a line; every run of "\r" before a "\n" goes (dropping
    /// only one "\r" of "\r\r\n" would leave a new "\r\n").
    static func unixLineEnds(_ text: String) -> String {
        guard text.unicodeScalars.contains("\r") else { return text }
        var result = String.UnicodeScalarView()
        var pendingCRs = 0
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                pendingCRs += 1
                continue
            }
            if scalar != "\n" {
                result.append(contentsOf: repeatElement("\r", count: pendingCRs))
            }
            pendingCRs = 0
            result.append(scalar)
        }
        result.append(contentsOf: repeatElement("\r", count: pendingCRs))
        return String(result)
    }

    /// The language label, then each line of code on the code background, cut (not wrapped)
    /// at the pane's edge with a mark, as code should not be reflowed.
    private static func codeLines(_ language: String, _ code: [String], width: Int, theme: Theme) -> [RenderedLine] {
        let style = theme[.code]
        let label = columnsPrefix(" \(language.isEmpty ? "code" : language) ", width).text
        var lines = [RenderedLine([StyledSpan(label, style.with(.bold))], fill: style, opensCodeBlock: true)]
        for line in code {
            let (shown, cut) = columnsPrefix(line, width - 1)
            var spans = [StyledSpan(shown, style)]
            if cut { spans.append(StyledSpan("›", theme[.dim].on(style.background))) }
            lines.append(RenderedLine(spans, fill: style))
        }
        return lines
    }

    /// The sanitized text's longest start that fits in `columns`, and whether anything was cut.
    private static func columnsPrefix(_ text: String, _ columns: Int) -> (text: String, cut: Bool) {
        var shown = ""
        var used = 0
        for character in TerminalText.sanitized(text) {
            let width = TextWidth.of(character)
            if used + width > columns { return (shown, true) }
            shown.append(character)
            used += width
        }
        return (shown, false)
    }
}
