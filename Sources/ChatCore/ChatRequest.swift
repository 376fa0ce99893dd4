/// What one chat turn asks of a provider: the model, the conversation so far and sampling settings.
public struct ChatRequest: Hashable, Sendable {
    public var model: String
    public var messages: [Message]
    /// Nil leaves the provider's own default in place.
    public var temperature: Double?
    /// Nil means no limit.
    public var maxTokens: Int?
    /// The most tokens an answer may be asked for, wherever the limit is set.
    public static let maxTokensRange = 1...10_000_000
    public var stream: Bool

    public init(model: String, messages: [Message], temperature: Double? = nil, maxTokens: Int? = nil, stream: Bool = true) {
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stream = stream
    }
}
