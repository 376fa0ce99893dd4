/// How a simulated model answers: what it says, how fast, and how it fails.
public struct ModelBehavior: Codable, Sendable, Equatable {
    /// The reply text, cut into word tokens. When nil, `tokens` generated words are sent.
    public var reply: String?
    /// How many tokens to generate when `reply` is nil.
    public var tokens: Int
    /// Pace of the stream; nil or 0 sends as fast as the socket takes it.
    public var tokensPerSecond: Double?
    /// Seconds before the response headers, as when Ollama loads a model.
    public var headerDelay: Double
    /// Reasoning sent before the answer (`message.thinking` / `delta.reasoning`).
    public var thinking: String?
    public var fault: SimulatedFault?
    /// The fault hits only this many requests, then the model is healthy; nil = every request.
    public var faultCount: Int?
    /// Tokens sent before a mid-stream fault; nil = half the reply.
    public var faultAfterTokens: Int?
    /// `Retry-After` seconds sent with 429 and 503.
    public var retryAfter: Double
    /// How long the stall faults last. Stalls end early when the simulator stops.
    public var stallSeconds: Double
    /// The gap between bytes of the slow-drip fault.
    public var dripMilliseconds: Double

    public init(
        reply: String? = nil, tokens: Int = 24, tokensPerSecond: Double? = nil, headerDelay: Double = 0,
        thinking: String? = nil, fault: SimulatedFault? = nil, faultCount: Int? = nil, faultAfterTokens: Int? = nil,
        retryAfter: Double = 1, stallSeconds: Double = 3600, dripMilliseconds: Double = 100
    ) {
        self.reply = reply
        self.tokens = tokens
        self.tokensPerSecond = tokensPerSecond
        self.headerDelay = headerDelay
        self.thinking = thinking
        self.fault = fault
        self.faultCount = faultCount
        self.faultAfterTokens = faultAfterTokens
        self.retryAfter = retryAfter
        self.stallSeconds = stallSeconds
        self.dripMilliseconds = dripMilliseconds
    }

    private enum CodingKeys: String, CodingKey {
        case reply, tokens, tokensPerSecond, headerDelay, thinking, fault, faultCount, faultAfterTokens, retryAfter, stallSeconds, dripMilliseconds
    }

    /// Every field is optional in scenario files and control requests.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ModelBehavior()
        self.init(
            reply: try container.decodeIfPresent(String.self, forKey: .reply),
            tokens: try container.decodeIfPresent(Int.self, forKey: .tokens) ?? defaults.tokens,
            tokensPerSecond: try container.decodeIfPresent(Double.self, forKey: .tokensPerSecond),
            headerDelay: try container.decodeIfPresent(Double.self, forKey: .headerDelay) ?? defaults.headerDelay,
            thinking: try container.decodeIfPresent(String.self, forKey: .thinking),
            fault: try container.decodeIfPresent(SimulatedFault.self, forKey: .fault),
            faultCount: try container.decodeIfPresent(Int.self, forKey: .faultCount),
            faultAfterTokens: try container.decodeIfPresent(Int.self, forKey: .faultAfterTokens),
            retryAfter: try container.decodeIfPresent(Double.self, forKey: .retryAfter) ?? defaults.retryAfter,
            stallSeconds: try container.decodeIfPresent(Double.self, forKey: .stallSeconds) ?? defaults.stallSeconds,
            dripMilliseconds: try container.decodeIfPresent(Double.self, forKey: .dripMilliseconds) ?? defaults.dripMilliseconds
        )
    }
}
