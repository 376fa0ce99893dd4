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
    /// Stop sequences, nucleus sampling and seed, as an API client set them.
    public var sampling: Sampling

    public init(model: String, messages: [Message], temperature: Double? = nil, maxTokens: Int? = nil, stream: Bool = true, sampling: Sampling = Sampling()) {
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stream = stream
        self.sampling = sampling
    }
}

/// Sampling settings beyond temperature and length that an API client may set; nil and empty
/// leave the provider's own.
public struct Sampling: Hashable, Sendable {
    /// Where the answer ends; at most `maxStops` of them, as OpenAI allows.
    public var stop: [String]
    /// Nucleus sampling, from 0 to 1.
    public var topP: Double?
    public var seed: Int?

    public static let maxStops = 4

    public init(stop: [String] = [], topP: Double? = nil, seed: Int? = nil) {
        self.stop = stop
        self.topP = topP
        self.seed = seed
    }
}
