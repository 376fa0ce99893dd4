/// A retry of the same provider, announced before the wait.
public struct RetryNotice: Hashable, Sendable {
    public var target: ModelTarget
    /// 1 for the first retry.
    public var attempt: Int
    public var limit: Int
    public var delaySeconds: Double
    public var reason: String

    public init(target: ModelTarget, attempt: Int, limit: Int, delaySeconds: Double, reason: String) {
        self.target = target
        self.attempt = attempt
        self.limit = limit
        self.delaySeconds = delaySeconds
        self.reason = reason
    }
}

/// A hop from a failed provider to the next one.
public struct FallbackNotice: Hashable, Sendable, Codable {
    public var from: ModelTarget
    public var to: ModelTarget
    public var reason: String

    public init(from: ModelTarget, to: ModelTarget, reason: String) {
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// A provider left out of the chain because it is down.
public struct SkipNotice: Hashable, Sendable {
    public var provider: ProviderID
    public var reason: String

    public init(provider: ProviderID, reason: String) {
        self.provider = provider
        self.reason = reason
    }
}

/// A request waiting for a free place: every provider that could answer it is at its
/// `*_MAX_CONCURRENT`.
public struct QueueNotice: Hashable, Sendable {
    /// What was asked for (`gpus:llama3`, or `box1:llama3` for a provider alone).
    public var target: ModelTarget
    /// Each provider waited on, with its answers in flight and its limit.
    public var busy: [BusyProvider]

    public init(target: ModelTarget, busy: [BusyProvider]) {
        self.target = target
        self.busy = busy
    }

    /// One provider at its limit.
    public struct BusyProvider: Hashable, Sendable {
        public var provider: ProviderID
        public var inFlight: Int
        public var limit: Int

        public init(provider: ProviderID, inFlight: Int, limit: Int) {
            self.provider = provider
            self.inFlight = inFlight
            self.limit = limit
        }
    }

    /// `box1 4/4, box2 4/4`.
    public var busyText: String {
        busy.map { "\($0.provider) \($0.inFlight)/\($0.limit)" }.joined(separator: ", ")
    }
}
