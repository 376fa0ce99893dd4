@testable import TerminalUI
import Testing

@Suite struct WordWrapASCIITests {
    @Test func anASCIIParagraphWrapsByBytesAsItWrapsByGraphemes() {
        let pieces = ["a", "word", " ", "  ", "     ", "averyveryverylongwordthatgoesonandon", "x", "-", "42", "(ok)"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let paragraph = Substring(text)
            let width = Int.random(in: 1...30, using: &generator)
            var bytewise: [String] = [], bytewiseStarts: [String.Index] = []
            var general: [String] = [], generalStarts: [String.Index] = []
            WordWrap.wrap(asciiParagraph: paragraph, width: width, into: &bytewise, startingAt: &bytewiseStarts)
            WordWrap.wrap(anyParagraph: paragraph, width: width, into: &general, startingAt: &generalStarts)
            #expect(bytewise == general, "width \(width): \(text.debugDescription)")
            #expect(bytewiseStarts == generalStarts, "width \(width): \(text.debugDescription)")
            if bytewise != general || bytewiseStarts != generalStarts { return }
        }
    }
}
