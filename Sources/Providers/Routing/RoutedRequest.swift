import ChatCore

/// A chat as the user asks it: a model name (prefixed or bare), the conversation, and whether
/// another provider may answer when this one fails.
public struct RoutedRequest: Sendable {
    public var model: String
    public var messages: [Message]
    /// Nil uses the answering provider's configured temperature.
    public var temperature: Double?
    /// Nil uses the answering provider's configured limit.
    public var maxTokens: Int?
    public var allowFallback: Bool
    /// Providers not to ask, e.g. the one whose answer broke off, when retrying elsewhere.
    public var excluding: Set<ProviderID>
    public var sampling: Sampling

    public init(
        model: String, messages: [Message], temperature: Double? = nil, maxTokens: Int? = nil, allowFallback: Bool = true,
        excluding: Set<ProviderID> = [], sampling: Sampling = Sampling()
    ) {
        self.sampling = sampling
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.allowFallback = allowFallback
        self.excluding = excluding
    }
}
