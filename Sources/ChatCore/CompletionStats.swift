/// What a provider reports when a reply is complete. Every field is optional because
/// providers omit what they do not measure (Ollama omits zero metrics, OpenAI-style
/// servers send usage only when asked).
public struct CompletionStats: Hashable, Sendable, Codable {
    /// Why generation stopped: `stop`, `length`, `tool_calls`, `load`, ...
    public var finishReason: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Whole request, in nanoseconds (Ollama `total_duration`).
    public var totalDurationNanos: Int64?
    /// Time spent loading the model, in nanoseconds.
    public var loadDurationNanos: Int64?
    /// Time spent on the prompt, in nanoseconds.
    public var promptDurationNanos: Int64?
    /// Time spent generating, in nanoseconds.
    public var generationDurationNanos: Int64?
    /// Cost in USD when the provider reports it (OpenRouter `usage.cost`).
    public var costUSD: Double?

    public init(
        finishReason: String? = nil,
        promptTokens: Int? = nil,
        completionTokens: Int? = nil,
        totalDurationNanos: Int64? = nil,
        loadDurationNanos: Int64? = nil,
        promptDurationNanos: Int64? = nil,
        generationDurationNanos: Int64? = nil,
        costUSD: Double? = nil
    ) {
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalDurationNanos = totalDurationNanos
        self.loadDurationNanos = loadDurationNanos
        self.promptDurationNanos = promptDurationNanos
        self.generationDurationNanos = generationDurationNanos
        self.costUSD = costUSD
    }

    /// No model generates faster; a speed above it comes from numbers a server made up.
    public static let fastestTokensPerSecond = 10_000_000.0

    /// Generation speed as the provider measured it (`eval_count / eval_duration`), when it did
    /// and the result is believable.
    public var tokensPerSecond: Double? {
        guard let tokens = completionTokens, let nanos = generationDurationNanos, nanos > 0 else { return nil }
        let speed = Double(tokens) / Double(nanos) * 1e9
        return speed.isFinite && speed >= 0 && speed <= Self.fastestTokensPerSecond ? speed : nil
    }
}
