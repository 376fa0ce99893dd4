@testable import ChatApp
import ChatCore
import Foundation
import TerminalUI
import Testing

@Suite struct MarkdownTests {
    static let sample = """
    # Retry with backoff

    Each retry waits **twice** as long, plus *jitter*, as in `backoff(attempt:)`. See [the docs](https://example.com/retry).

    - first item, long enough to wrap onto a second line in a narrow pane
    - second with `code`
    1. numbered

    > a quote that is dimmed

    ```swift
    func backoff(attempt: Int) -> Double {
        0.5 * pow(2, Double(attempt))
    }
    ```
    Done, snake_case_stays.
    """

    private func text(_ lines: [RenderedLine]) -> [String] {
        lines.map(\.text)
    }

    /// "the model picker" fills the line to its last column: the comma after the bold words
    /// is part of their word, so the whole word goes to the next line, as unstyled text would.
    @Test(arguments: ["try the model **picker**, cancelling", "try the model picker, cancelling", "try the **model** `picker`, cancelling"])
    func aWordInSeveralStylesWrapsWhole(text: String) {
        let lines = MarkdownRenderer.render(text, width: 20, theme: .builtInDark)
        #expect(lines.map(\.text) == ["try the model", "picker, cancelling"])
    }

    /// A word in several styles longer than the line is broken where the line ends, and no
    /// line is wider than the width (the fuzzer's markdown check).
    @Test(arguments: [1, 2, 3, 5])
    func aLongWordInSeveralStylesStaysWithinTheWidth(width: Int) {
        for text in ["**abc**def`ghi`", "x **日本**語`py`", "a `pythpor`(#) **b**c"] {
            for line in MarkdownRenderer.render(text, width: width, theme: .builtInDark) {
                #expect(TextWidth.of(line.text) <= max(width, 2), "\(text) at \(width): \(line.text)")
            }
        }
    }

    @Test func rendersBlocksAndInlineStyles() {
        let theme = Theme.builtInDark
        let lines = MarkdownRenderer.render(Self.sample, width: 40, theme: theme)
        let texts = text(lines)
        #expect(texts.first == "Retry with backoff")
        #expect(lines.first?.spans.first?.style.attributes.contains(.bold) == true)
        #expect(texts.contains { $0.contains("twice") && !$0.contains("**") })
        #expect(texts.contains { $0.hasPrefix("• first item") })
        #expect(texts.contains { $0.hasPrefix("  second") == false && $0.hasPrefix("• second with code") })
        #expect(texts.contains { $0.hasPrefix("1. numbered") })
        #expect(texts.contains { $0.hasPrefix("│ a quote") })
        #expect(texts.joined(separator: " ").contains("the docs (https://example.com/retry)"))
        #expect(texts.contains { $0 == "Done, snake_case_stays." })
        let bold = lines.flatMap(\.spans).first { $0.text == "twice" }
        #expect(bold?.style.attributes.contains(.bold) == true)
        let italic = lines.flatMap(\.spans).first { $0.text == "jitter" }
        #expect(italic?.style.attributes.contains(.italic) == true)
        let inlineCode = lines.flatMap(\.spans).first { $0.text == "backoff(attempt:)" }
        #expect(inlineCode?.style == theme[.code])
    }

    @Test func codeBlocksHaveTheirOwnBackgroundAndLabel() {
        let theme = Theme.builtInDark
        let lines = MarkdownRenderer.render(Self.sample, width: 40, theme: theme)
        let label = lines.firstIndex { $0.text == " swift " }
        #expect(label != nil)
        let code = lines[(label ?? 0)...].prefix(4)
        #expect(code.allSatisfy { $0.fill == theme[.code] })
        #expect(code.last?.text == "}")
        // A long code line is cut, not wrapped.
        let narrow = MarkdownRenderer.render(Self.sample, width: 20, theme: theme)
        #expect(narrow.contains { $0.fill != nil && $0.text.hasSuffix("›") })
    }

    @Test func anUnclosedFenceWhileStreamingRendersAsCode() {
        let theme = Theme.builtInDark
        let lines = MarkdownRenderer.render("Here:\n\n```python\nprint('hi')\nx = 1", width: 40, theme: theme)
        #expect(text(lines).suffix(3) == [" python ", "print('hi')", "x = 1"])
        #expect(lines.suffix(3).allSatisfy { $0.fill == theme[.code] })
    }

    @Test func incrementalLayoutMatchesRenderingTheWholeAtEveryCut() {
        let theme = Theme.builtInDark
        let characters = Array(Self.sample)
        for step in [1, 3, 7, 16] {
            var layout = MarkdownLayout("", width: 30, theme: theme)
            var whole = ""
            var index = 0
            while index < characters.count {
                let piece = String(characters[index..<min(index + step, characters.count)])
                layout.append(piece)
                whole += piece
                index += step
                #expect(layout.lines == MarkdownRenderer.render(whole, width: 30, theme: theme), "step \(step) at \(index)")
            }
        }
    }

    @Test func renderedAnswerOnScreenShowsTheCodeBackground() {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("show me code")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: 1, .text("Sure:\n\n```swift\nlet x = 1\n```\n")))
        let grid = RootView.render(state).grid
        let row = (0..<grid.size.height).first { grid.row($0).contains("let x = 1") }
        #expect(row != nil)
        if let row {
            let start = grid.row(row).distance(from: grid.row(row).startIndex, to: grid.row(row).range(of: "let")!.lowerBound)
            #expect(grid[start, row].style.background == Theme.builtInDark[.code].background)
            #expect(grid[start + 20, row].style.background == Theme.builtInDark[.code].background)
        }
    }
}

@Suite struct LongParagraphTests {
    @Test func aVeryLongStreamingParagraphMatchesTheWholeRenderAndStaysCheap() {
        let theme = Theme.builtInDark
        var layout = MarkdownLayout("", width: 50, theme: theme)
        var whole = "Intro with **bold** and `code`.\n\n"
        layout.append(whole)
        for index in 0..<1200 {
            let token = index % 97 == 0 ? " **strong \(index)**" : index % 89 == 0 ? " `x\(index)`" : " word\(index)"
            layout.append(token)
            whole += token
            if index % 150 == 0 || index == 1199 {
                #expect(layout.lines == MarkdownRenderer.render(whole, width: 50, theme: theme), "after token \(index)")
            }
        }
    }
}

@Suite struct LongParagraphWrapTests {
    /// A paragraph is cut in pieces for speed, but each piece goes on filling the line the
    /// last one ended on: it wraps as one paragraph, with no line ending early at a cut.
    @Test func aLongParagraphWrapsAsOneStreamedOrWhole() {
        let theme = Theme.builtInDark
        let text = (0..<700).map { "w" + String(repeating: "x", count: $0 * 7 % 9) }.joined(separator: " ")
        let expected = WordWrap.lines(text, width: 57)
        #expect(MarkdownRenderer.render(text, width: 57, theme: theme).map(\.text) == expected)
        var layout = MarkdownLayout("", width: 57, theme: theme)
        var rest = Substring(text)
        while !rest.isEmpty {
            layout.append(String(rest.prefix(5)))
            rest = rest.dropFirst(5)
        }
        #expect(layout.lines.map(\.text) == expected)
        #expect(MarkdownLayout(complete: text, width: 57, theme: theme).lines.map(\.text) == expected)
    }
}

@Suite struct ParagraphCutTests {
    /// Emphasis and links that run across where a long paragraph would be cut: the cut waits
    /// for them to close, so they render styled, streamed or whole.
    @Test(arguments: ["*an italic phrase of words*", "_an italic phrase of words_", "[a link of words](https://example.com/a_b)", "**bold *and italic* words**"])
    func markupAcrossACutRendersStyled(markup: String) {
        let theme = Theme.builtInDark
        let before = String(repeating: "word ", count: ParagraphChunks.length / 5 - 2)
        let text = before + markup + " " + String(repeating: "tail ", count: 80)
        let whole = MarkdownRenderer.render(text, width: 50, theme: theme)
        let shown = whole.map(\.text).joined(separator: " ")
        #expect(!shown.contains("*an") && !shown.contains("_an") && !shown.contains("[a link") && !shown.contains("**bold"))
        var layout = MarkdownLayout("", width: 50, theme: theme)
        var rest = Substring(text)
        while !rest.isEmpty {
            layout.append(String(rest.prefix(3)))
            rest = rest.dropFirst(3)
        }
        #expect(layout.lines == whole)
    }
}

@Suite struct UnderscoreTests {
    private static let theme = Theme.builtInDark

    private static func styles(_ text: String) -> [(String, Bool)] {
        MarkdownRenderer.render(text, width: 200, theme: theme).flatMap(\.spans).map { ($0.text, $0.style.attributes.contains(.italic)) }
    }

    @Test func anUnderscoreInsideAWordOpensNoEmphasis() {
        #expect(Self.styles("foo_bar baz_ qux").allSatisfy { !$0.1 }, "as CommonMark: foo_bar baz_ is text")
        #expect(Self.styles("set max_tokens and top_p").allSatisfy { !$0.1 })
        #expect(Self.styles("é_bar baz_").allSatisfy { !$0.1 })
        #expect(Self.styles("an _italic_ word").contains { $0.0 == "italic" && $0.1 })
        #expect(Self.styles("(_italic_)").contains { $0.0 == "italic" && $0.1 })
    }

    @Test func aLongParagraphWithOneSnakeCaseWordIsStillCut() {
        let text = "Set the value of max_tokens " + String(repeating: "and keep going with more words ", count: 40)
        #expect(ParagraphChunks.pieces(text).count > 3)
    }

    /// Paragraphs of words, underscores in and out of words and code, long enough to be cut:
    /// no cut falls inside an emphasis, so the paragraph shows as its inline markdown read
    /// whole, and streamed it shows as it does whole.
    @Test(arguments: 0..<40)
    func aParagraphWithUnderscoresIsNeverCutInsideAnEmphasis(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let words = ["word", "word", "word", "snake_case", "_open", "close_", "_both_", "a_b_c", "é_x", "2_", "`c_d`", "x", "(_y_)", "tail."]
        let text = (0..<300).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
        #expect(ParagraphChunks.pieces(text).count > 1, "seed \(seed): long enough to be cut")
        /// Each word as shown, marked when italic.
        func shown(_ spans: [StyledSpan]) -> [String] {
            spans.flatMap { span in
                span.text.split(separator: " ").map { $0 + (span.style.attributes.contains(.italic) ? "/i" : "") }
            }
        }
        let whole = MarkdownRenderer.render(text, width: 2000, theme: Self.theme)
        #expect(shown(whole.flatMap(\.spans)) == shown(InlineMarkdown.spans(text, base: Self.theme[.text], theme: Self.theme)), "seed \(seed)")
        var layout = MarkdownLayout("", width: 40, theme: Self.theme)
        var rest = Substring(text)
        while !rest.isEmpty {
            let size = 1 + Int(generator.next() % 9)
            layout.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        #expect(layout.lines == MarkdownRenderer.render(text, width: 40, theme: Self.theme), "seed \(seed)")
    }
}

@Suite struct LongMultiLineParagraphTests {
    @Test func aLongParagraphOfShortLinesIsCutTheSameWayStreamedOrWhole() {
        let theme = Theme.builtInDark
        var layout = MarkdownLayout("", width: 40, theme: theme)
        var whole = ""
        for index in 0..<900 {
            let token = index % 23 == 22 ? ".\n" : " word\(index)"
            layout.append(token)
            whole += token
            if index % 100 == 0 || index == 899 {
                #expect(layout.lines == MarkdownRenderer.render(whole, width: 40, theme: theme), "after token \(index)")
            }
        }
    }
}

/// Inputs the fuzzer found (fuzz/findings/markdown), pinned.
@Suite struct MarkdownFuzzFindingTests {
    private func text(_ lines: [RenderedLine]) -> [String] {
        lines.map(\.text)
    }

    @Test func aFenceLabelWiderThanThePaneIsCut() {
        let lines = MarkdownRenderer.render("```pythonfernt(\"unclosint(\"unclose$ fence", width: 21, theme: .builtInDark)
        #expect(lines.first.map { TextWidth.of($0.text) } == 21)
        #expect(lines.allSatisfy { TextWidth.of($0.text) <= 21 })
    }

    @Test func crlfLineEndsSplitLinesInCodeAndText() {
        let text = "Before\r\n\r\n```sh\r\necho one\r\r\r\necho two\r\n```\r\nAfter\r"
        let lines = MarkdownRenderer.render(text, width: 40, theme: .builtInDark)
        #expect(self.text(lines) == ["Before", "", " sh ", "echo one", "echo two", "After␍"])
        #expect(lines.allSatisfy { !$0.text.unicodeScalars.contains("\n") })
    }

    @Test func crlfSplitAcrossTokensRendersAsTheWholeDoes() {
        let pieces = ["one\r", "\ntwo\r\r", "\n\r", "\n```\r", "\ncode\r\n"]
        var layout = MarkdownLayout("", width: 30, theme: .builtInDark)
        for piece in pieces { layout.append(piece) }
        #expect(layout.lines == MarkdownLayout(pieces.joined(), width: 30, theme: .builtInDark).lines)
        #expect(text(layout.lines) == ["one two", "", " code ", "code", ""])
    }

    @Test func aWideCharacterInsideAWordStandsAloneWhereItCannotFit() {
        let lines = MarkdownRenderer.render("ab㈐cd", width: 1, theme: .builtInDark)
        #expect(text(lines) == ["a", "b", "㈐", "c", "d"])
    }

    /// `text` fed to a layout `step` characters at a time, as tokens arrive.
    private func streamed(_ text: String, width: Int, step: Int) -> MarkdownLayout {
        var layout = MarkdownLayout("", width: width, theme: .builtInDark)
        var rest = Substring(text)
        while !rest.isEmpty {
            layout.append(String(rest.prefix(step)))
            rest = rest.dropFirst(step)
        }
        return layout
    }

    @Test(arguments: [
        String(repeating: "word ", count: 130) + "\n",
        String(repeating: "word ", count: 130) + "   ",
        String(repeating: "word ", count: 125) + "end \nmore words after a line break " + String(repeating: "x ", count: 10),
        String(repeating: "word ", count: 125) + "end\n  1. a list item after the paragraph",
        // The cut lands at the space after "wordy": what follows must stay paragraph text.
        String(repeating: "word ", count: 120) + "wordy # not a heading " + String(repeating: "x ", count: 10),
        String(repeating: "word ", count: 120) + "wordy - not a list item " + String(repeating: "x ", count: 10),
        String(repeating: "word ", count: 60) + "\n      indented line " + String(repeating: "word ", count: 70),
    ])
    func aLongParagraphStreamedRendersAsTheWholeAtItsEnds(text: String) {
        let whole = MarkdownRenderer.render(text, width: 61, theme: .builtInDark)
        #expect(streamed(text, width: 61, step: 5).lines == whole)
        #expect(MarkdownLayout(text, width: 61, theme: .builtInDark).lines == whole)
        #expect(!whole.contains { $0.text.hasPrefix(" ") && !$0.text.hasPrefix("  1.") })
    }

    @Test func aParagraphOfOnlySpacesRendersAsNothingStreamedOrWhole() {
        let input = "```\n```.\n\n`\n`\n\n).\n\n"
        let whole = MarkdownRenderer.render(input, width: 41, theme: .builtInDark)
        #expect(streamed(input, width: 41, step: 6).lines == whole)
        #expect(text(whole) == [" code ", "", ").", ""])
    }

    @Test func aListMarkerWiderThanThePaneIsDropped() {
        let lines = MarkdownRenderer.render("- one\n> quoted", width: 1, theme: .builtInDark)
        #expect(lines.allSatisfy { TextWidth.of($0.text) <= 1 })
        #expect(text(lines).joined() == "onequoted")
    }

    static let lazyLines = """
    How fallback works:

    1. Parley asks the provider you picked.
    2. If it fails before the first token, Parley falls
       back to the next
    healthy provider and says so.
    - a bullet whose text goes on
    on the next line too

    > a quote that goes on
    on a lazy line
    """

    @Test func aListItemOrQuoteKeepsItsLazyContinuationLinesUnderItsTextWholeOrStreamed() {
        let whole = MarkdownRenderer.render(Self.lazyLines, width: 48, theme: .builtInDark)
        #expect(text(whole) == [
            "How fallback works:",
            "",
            "1. Parley asks the provider you picked.",
            "2. If it fails before the first token, Parley",
            "   falls back to the next healthy provider and",
            "   says so.",
            "• a bullet whose text goes on on the next line",
            "  too",
            "",
            "│ a quote that goes on on a lazy line",
        ])
        for step in [1, 4, 11] {
            #expect(streamed(Self.lazyLines, width: 48, step: step).lines == whole, "step \(step)")
        }
        // And at every point of the stream, as the whole text so far renders.
        var layout = MarkdownLayout("", width: 48, theme: .builtInDark)
        var sofar = ""
        for character in Self.lazyLines {
            layout.append(String(character))
            sofar.append(character)
            #expect(layout.lines == MarkdownRenderer.render(sofar, width: 48, theme: .builtInDark), "after \(sofar.count) characters")
        }
    }
}

/// The byte-by-byte ways of cutting plain ASCII agree with the character-by-character ways
/// they stand in for: text that starts with one non-ASCII character is cut character by
/// character, the same text with an ASCII letter there byte by byte.
@Suite struct ASCIIFastPathTests {
    /// A long paragraph with inline code, bold and line breaks, some spaces doubled.
    static func paragraph(seed: Int) -> String {
        var generator = SplitMix(seed: UInt64(seed))
        let words = ["alpha", "`code`", "**bold**", "beta  gamma", "delta\nepsilon", "`a b`", "*", "zeta", "  eta"]
        return (0..<400).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
    }

    @Test(arguments: 0..<20)
    func aParagraphIsCutWhereCharactersWouldCutIt(seed: Int) {
        let text = Self.paragraph(seed: seed)
        let fast = Substring("e" + text), slow = Substring("é" + text)
        let fastCut = ParagraphChunks.firstCut(in: fast).map { fast.distance(from: fast.startIndex, to: $0) }
        let slowCut = ParagraphChunks.firstCut(in: slow).map { slow.distance(from: slow.startIndex, to: $0) }
        #expect(fastCut == slowCut)
        #expect(ParagraphChunks.pieces("e" + text).map { String($0.dropFirst()) } == ParagraphChunks.pieces("é" + text).map { String($0.dropFirst()) })
    }

    @Test(arguments: 0..<20)
    func aParagraphWrapsAsCharactersWouldWrapIt(seed: Int) {
        let text = Self.paragraph(seed: seed).replacingOccurrences(of: "\n", with: " ")
        for width in [7, 40, 80] {
            let fast = SpanWrap.lines([StyledSpan("e" + text, Style())], width: width).map { $0.map(\.text).joined() }
            let slow = SpanWrap.lines([StyledSpan("é" + text, Style())], width: width).map { $0.map(\.text).joined() }
            #expect(fast.map { String($0.dropFirst()) } == slow.map { String($0.dropFirst()) })
        }
    }

    @Test func printableASCIIIsOneColumnAByteAndAnythingElseIsMeasured() {
        #expect(TextWidth.of("plain text, 42!") == 15)
        #expect(TextWidth.of("tab\there") == 7)
        #expect(TextWidth.of("日本") == 4)
        #expect(TextWidth.of("e\u{301}") == 1)
    }
}

/// A small seeded generator, so that every run cuts the same texts.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
