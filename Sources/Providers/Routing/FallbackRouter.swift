import ChatCore

/// Sends a chat to the right provider and keeps it going: a place on it within its concurrency
/// limit (waiting in line when it has none), a pool's member chosen and the next member on a
/// failure, retries with backoff before the first token, then fallback along the chain
/// (preferred first, then the others), each step an event the user sees. After the first token nothing is restarted: a failure ends the
/// answer as interrupted, with the partial text kept.
public struct FallbackRouter: Sendable {
    public let registry: ProviderRegistry
    public let monitor: HealthMonitor
    public let policy: RetryPolicy
    /// `ENABLE_FALLBACK`; a request can still opt out on its own.
    public let fallbackEnabled: Bool
    /// Backoff waits and answer timings are read from it.
    public let clock: any Clock<Duration>
    /// The answers in flight on each provider, against its `*_MAX_CONCURRENT`.
    public let load: ProviderLoad

    public init(
        registry: ProviderRegistry, monitor: HealthMonitor, policy: RetryPolicy = RetryPolicy(), fallbackEnabled: Bool,
        clock: any Clock<Duration> = ContinuousClock(), load: ProviderLoad = ProviderLoad()
    ) {
        self.load = load
        self.registry = registry
        self.monitor = monitor
        self.policy = policy
        self.fallbackEnabled = fallbackEnabled
        self.clock = clock
    }

    /// The events of `request`, ending with `.completed`; throws when no provider could
    /// start an answer.
    public func chat(_ request: RoutedRequest) -> RoutedChat {
        RoutedChat(router: self, request: request)
    }

    /// The same request again on the next healthy provider, leaving out `provider` (the one
    /// whose answer broke off).
    public func retryElsewhere(_ request: RoutedRequest, excluding provider: ProviderID) -> RoutedChat {
        var next = request
        next.excluding.insert(provider)
        // A prefix naming the excluded provider would pin the request to it: keep the model only.
        let reference = ModelRef(parsing: request.model, knownProviders: Set(registry.ids))
        if let provider = reference.provider, next.excluding.contains(provider) { next.model = reference.model }
        return RoutedChat(router: self, request: next)
    }
}

/// One routed chat, driven by its consumer: nothing runs ahead of what is read, so
/// cancelling the reading task cancels the transfer.
public struct RoutedChat: AsyncSequence {
    public typealias Element = ChatEvent

    let router: FallbackRouter
    let request: RoutedRequest

    public func makeAsyncIterator() -> RoutedChatIterator {
        RoutedChatIterator(router: router, request: request)
    }
}
