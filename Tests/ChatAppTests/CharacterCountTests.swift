@testable import ChatApp
import Testing

@Suite struct CharacterCountTests {
    /// Pieces that join what came before them: combining marks, the halves of emoji sequences
    /// and flags, a carriage return before a line feed.
    private static let pieces = [
        "a", " ", "e", "\u{301}", "\u{308}", "👩", "\u{200D}", "💻", "🇺", "🇸", "🇬", "🇧", "\r", "\n", "日本",
        "ﾊ", "\u{FF9F}", "क", "\u{94D}", "ष", "👍", "\u{1F3FD}", "\u{FE0F}", "word ",
    ]

    @Test func anyTextAppendedInAnyPiecesCountsAsItsCharacters() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var count = CharacterCount()
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                let piece = (0..<Int.random(in: 1...3, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
                count.append(piece)
                text += piece
                #expect(count.characters == text.count, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test func anEntrysReasoningCountsAsItGrows() {
        var entry = ConversationEntry(kind: .assistant, text: "")
        for piece in ["Let me", " think", " about 👩", "\u{200D}💻 and e", "\u{301}"] { entry.appendReasoning(piece) }
        #expect(entry.thinking == "Let me think about 👩‍💻 and é")
        #expect(entry.thinkingCharacters == entry.thinking.count)
    }
}
