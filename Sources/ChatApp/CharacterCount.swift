/// A growing text's length in characters, kept as pieces are appended instead of counted whole
/// each time it is shown. A piece is counted together with the character before it, the only
/// one it can change (a combining mark or the rest of an emoji sequence joins it); the
/// characters before that one stay as they were.
struct CharacterCount: Hashable, Sendable {
    private(set) var characters = 0
    private var last: Character?

    mutating func append(_ piece: String) {
        guard let last else {
            characters += piece.count
            self.last = piece.last
            return
        }
        let joined = String(last) + piece
        characters += joined.count - 1
        self.last = joined.last
    }
}
