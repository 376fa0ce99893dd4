/// What became of one request, recorded on the finished message: which model was asked
/// for, which provider and model answered, after how many attempts, how fast, and whether
/// the answer was cut short.
public struct ChatOutcome: Hashable, Sendable, Codable {
    /// The model as the user named it.
    public var requested: ModelRef
    /// The provider and model that produced the answer.
    public var answeredBy: ModelTarget
    /// Requests sent, retries and fallbacks included.
    public var attempts: Int
    public var timeToFirstTokenSeconds: Double?
    public var tokensPerSecond: Double?
    public var stats: CompletionStats?
    /// Set when the answer broke off after it had started; the partial text is kept.
    public var interruption: ProviderError?
    /// The fallback hops on the way, in order.
    public var hops: [FallbackNotice]

    public init(
        requested: ModelRef, answeredBy: ModelTarget, attempts: Int, timeToFirstTokenSeconds: Double?,
        tokensPerSecond: Double?, stats: CompletionStats?, interruption: ProviderError?, hops: [FallbackNotice] = []
    ) {
        self.requested = requested
        self.answeredBy = answeredBy
        self.attempts = attempts
        self.timeToFirstTokenSeconds = timeToFirstTokenSeconds
        self.tokensPerSecond = tokensPerSecond
        self.stats = stats
        self.interruption = interruption
        self.hops = hops
    }

    /// Whether another provider than the first one tried answered.
    public var fellBack: Bool { !hops.isEmpty }
}
