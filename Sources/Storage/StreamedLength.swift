/// How much of a streaming answer is on disk: UTF-8 bytes of its text and thinking, and the
/// parts appended after its row.
struct StreamedLength: Sendable {
    var text: Int
    var thinking: Int
    var parts = 0

    init(_ message: StoredMessage) {
        text = message.text.utf8.count
        thinking = message.thinking.utf8.count
    }

    init(_ length: StreamedLength, parts: Int) {
        self = length
        self.parts = parts
    }

    /// What `message` holds beyond what is saved, or nil when it does not only extend it
    /// (then it is written whole).
    func added(upTo message: StoredMessage) -> (text: String, thinking: String)? {
        let text = message.text.utf8, thinking = message.thinking.utf8
        guard text.count >= self.text, thinking.count >= self.thinking else { return nil }
        let textStart = text.index(text.startIndex, offsetBy: self.text)
        let thinkingStart = thinking.index(thinking.startIndex, offsetBy: self.thinking)
        // A cut inside a character would not be an extension of the saved text.
        guard let textCut = textStart.samePosition(in: message.text),
              let thinkingCut = thinkingStart.samePosition(in: message.thinking)
        else { return nil }
        return (String(message.text[textCut...]), String(message.thinking[thinkingCut...]))
    }
}
