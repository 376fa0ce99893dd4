/// How one API family frames a streamed reply; the faults are the same for both.
protocol ReplyFraming: Sendable {
    var contentType: String { get }
    /// Bytes before the first token (OpenRouter's `: OPENROUTER PROCESSING` comment).
    func opening() -> [UInt8]
    func thinking(_ token: [UInt8]) -> [UInt8]
    func token(_ token: [UInt8]) -> [UInt8]
    /// The terminal records: Ollama's `done:true` line; OpenAI's finish, usage and `[DONE]`.
    func closing(promptTokens: Int, completionTokens: Int, elapsedNanos: Int64) -> [UInt8]
    /// The error record a server sends after it has already answered 200.
    func errorRecord(_ message: String) -> [UInt8]
    /// A record cut in the middle of its JSON.
    func malformedRecord() -> [UInt8]
    /// Terminal records whose numbers are absurd (huge, negative, beyond a Double).
    func absurdClosing() -> [UInt8]
    /// The start of an event (or line) that never ends, and what it goes on with.
    func endlessOpening() -> [UInt8]
    func endlessChunk() -> [UInt8]
}
