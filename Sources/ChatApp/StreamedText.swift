import ChatCore

/// Text (or reasoning) of one answer that arrived between two frames, joined: a burst of
/// tokens costs one update and one layout append, not one per token. `pieces` keeps how many
/// tokens it was, for the speed the status line shows.
public struct StreamedText: Equatable, Sendable {
    public var text: String
    public var isThinking: Bool
    public var pieces: Int

    public init(_ text: String, isThinking: Bool = false, pieces: Int = 1) {
        self.text = text
        self.isThinking = isThinking
        self.pieces = pieces
    }

    /// `messages` with each run of text (or of reasoning) of one chat joined into one
    /// `.streamed` message; the order of everything else is kept.
    public static func coalescing(_ messages: [Msg]) -> [Msg] {
        var result: [Msg] = []
        result.reserveCapacity(messages.count)
        /// The run being joined, kept apart so its string grows without being copied.
        var run: (requestID: Int, text: StreamedText)?
        func endRun() {
            if let (requestID, text) = run { result.append(.streamed(requestID: requestID, text)) }
            run = nil
        }
        for message in messages {
            let piece: (requestID: Int, text: StreamedText)? = switch message {
            case .chat(let requestID, .text(let text)): (requestID, StreamedText(text))
            case .chat(let requestID, .thinking(let text)): (requestID, StreamedText(text, isThinking: true))
            default: nil
            }
            guard let piece else {
                endRun()
                result.append(message)
                continue
            }
            if run?.requestID == piece.requestID, run?.text.isThinking == piece.text.isThinking {
                run?.text.text += piece.text.text
                run?.text.pieces += 1
            } else {
                endRun()
                run = piece
            }
        }
        endRun()
        return result
    }
}
