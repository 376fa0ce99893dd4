import TerminalUI
import Testing

@Suite struct BracketedPasteTests {
    private static let end = Array("\u{1B}[201~".unicodeScalars.map(\.value))
    private let start = Duration.seconds(100)

    private func feed(_ paste: inout BracketedPaste, _ text: String, at offset: Duration) -> InputEvent? {
        var result: InputEvent?
        for scalar in text.unicodeScalars {
            if let event = paste.take(scalar.value, at: start + offset) { result = event }
        }
        return result
    }

    @Test func aPasteInPiecesWithPausesIsOneEventWithItsLineBreaks() {
        var paste = BracketedPaste(startedAt: start)
        #expect(feed(&paste, "first line\r", at: .zero) == nil)
        // A pause shorter than the silence that ends a paste, as over ssh.
        #expect(paste.expire(at: start + .milliseconds(1500)) == nil)
        #expect(feed(&paste, "second line\nthird \u{1B}[20", at: .milliseconds(1500)) == nil)
        #expect(paste.expire(at: start + .milliseconds(3000)) == nil)
        let event = feed(&paste, "1~", at: .milliseconds(3000))
        #expect(event == .paste("first line\nsecond line\nthird "))
    }

    @Test func textThatOnlyLooksLikeTheEndMarkerStaysText() {
        var paste = BracketedPaste(startedAt: start)
        let event = feed(&paste, "a \u{1B}[20x b\u{1B}[201~", at: .zero)
        #expect(event == .paste("a \u{1B}[20x b"))
    }

    @Test func aPasteLargerThanTheMessageBoxTakesIsRefusedWholeWithItsSize() {
        var paste = BracketedPaste(startedAt: start)
        // Just over the limit (the 10 MB case runs through tmux in scripts/e2e-tmux.sh).
        let line = String(repeating: "x", count: 1023) + "\n"
        var event: InputEvent?
        for _ in 0..<(4 * 1024 + 1) { event = feed(&paste, line, at: .zero) ?? event }
        #expect(event == nil)
        event = feed(&paste, "\u{1B}[201~", at: .zero)
        #expect(event == .refusedPaste(bytes: (4 * 1024 + 1) * 1024))
    }

    @Test func aPasteWhoseEndNeverComesIsStillOnePasteAfterASilence() {
        var paste = BracketedPaste(startedAt: start)
        _ = feed(&paste, "lost end\u{1B}[2", at: .zero)
        #expect(paste.expire(at: start + .seconds(1)) == nil)
        #expect(paste.expire(at: start + BracketedPaste.silenceEndsPaste) == .paste("lost end\u{1B}[2"))
    }
}
