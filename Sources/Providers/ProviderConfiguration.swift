import ChatCore

/// What the router and the health monitor need of a provider's settings, whatever kind of
/// provider it is: how often to retry, how often to check, and what a request leaves unset.
public struct ProviderConfiguration: Sendable {
    /// Retries before the first token (`*_MAX_RETRIES`).
    public var retryLimit: Int
    /// Seconds between background health checks; nil when they are off.
    public var healthCheckInterval: Double?
    /// For a request that sets none.
    public var temperature: Double?
    /// For a request that sets none; nil leaves the server's limit.
    public var maxTokens: Int?
    /// Whether answers are asked for as a stream (`*_STREAMING`).
    public var streams: Bool
    /// The most answers streaming from it at once (`*_MAX_CONCURRENT`); nil for no limit.
    public var maxConcurrent: Int?

    public init(
        retryLimit: Int = 0, healthCheckInterval: Double? = nil, temperature: Double? = nil, maxTokens: Int? = nil, streams: Bool = true,
        maxConcurrent: Int? = nil
    ) {
        self.maxConcurrent = maxConcurrent
        self.retryLimit = retryLimit
        self.healthCheckInterval = healthCheckInterval
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.streams = streams
    }

    /// As a provider's `*_` settings say.
    public init(_ settings: ProviderSettings) {
        self.init(
            retryLimit: settings.maxRetries,
            healthCheckInterval: settings.autoHealthCheck ? settings.healthCheckIntervalSeconds : nil,
            temperature: settings.temperature, maxTokens: settings.maxTokens, streams: settings.streaming,
            maxConcurrent: settings.maxConcurrent
        )
    }
}
