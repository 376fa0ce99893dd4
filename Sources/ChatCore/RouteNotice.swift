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
