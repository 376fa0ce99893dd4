import ChatCore

/// When and how long to wait before asking the same provider again.
public struct RetryPolicy: Sendable {
    /// The wait before the first retry; each next one doubles it.
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A `Retry-After` up to this long is honoured; a longer one moves on to the next
    /// provider instead of stalling the chain.
    public var longestRetryAfter: Duration

    public init(baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8), longestRetryAfter: Duration = .seconds(10)) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.longestRetryAfter = longestRetryAfter
    }

    /// Whether a failure before the first token is worth another try at the same provider.
    /// Refused connections, time-outs, refused keys and missing models are not: the next
    /// provider is the better bet.
    public static func isRetryable(_ error: ProviderError) -> Bool {
        switch error.kind {
        case .serverError, .rateLimited, .connectionLost, .streamError, .truncatedStream, .malformedStream: true
        default: false
        }
    }

    /// Whether a failure before the first token lets the request move to another provider.
    public static func allowsFallback(_ error: ProviderError) -> Bool {
        switch error.kind {
        case .cancelled, .badRequest: false
        default: true
        }
    }

    /// The wait before retry number `retry` (1-based): exponential with jitter, or the
    /// server's `Retry-After` when it is short; nil when the server asks for longer than
    /// `longestRetryAfter`.
    public func delay(beforeRetry retry: Int, retryAfterSeconds: Double?) -> Duration? {
        if let retryAfterSeconds {
            // Compared as a Double first: a huge or infinite value would trap as a Duration.
            guard retryAfterSeconds.isFinite, retryAfterSeconds >= 0,
                  retryAfterSeconds <= Double(longestRetryAfter.components.seconds) else { return nil }
            return .seconds(retryAfterSeconds)
        }
        let exponential = baseDelay * Double(1 << min(retry - 1, 16))
        return min(exponential, maxDelay) * Double.random(in: 0.5...1.5)
    }
}
