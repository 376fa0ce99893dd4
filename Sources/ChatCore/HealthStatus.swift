import Foundation

/// What is known of a provider's health.
public enum HealthState: String, Hashable, Sendable, Codable {
    /// Not checked yet.
    case unknown
    case healthy
    /// Answering, but with errors or too slowly.
    case degraded
    /// Not answering, or refusing the key.
    case down
    /// Turned off in the settings.
    case disabled
    /// Missing what it needs, such as an API key.
    case notConfigured = "not configured"

    /// The mark the sidebar and `parley health` / `parley providers` put before a provider.
    public var symbol: String {
        switch self {
        case .healthy: "●"
        case .degraded: "◐"
        case .down: "○"
        case .unknown: "…"
        case .disabled, .notConfigured: "-"
        }
    }
}

/// The result of a provider's latest health check or chat, as the sidebar and `parley health` show it.
public struct HealthStatus: Hashable, Sendable, Codable {
    public var state: HealthState
    /// When this was learned.
    public var checkedAt: Date?
    /// Round trip of the check's first request.
    public var latencySeconds: Double?
    public var modelCount: Int?
    /// Models loaded in memory right now (Ollama `/api/ps`), with their size, GPU share and
    /// when each unloads.
    public var loadedModels: [LoadedModel]
    /// Why it is down, degraded, disabled or not configured.
    public var reason: String?
    /// Since when it has been in this state.
    public var since: Date?
    /// What its key may still spend (OpenRouter's `/key`), when it says.
    public var credit: KeyCredit?

    public init(
        state: HealthState, checkedAt: Date? = nil, latencySeconds: Double? = nil, modelCount: Int? = nil,
        loadedModels: [LoadedModel] = [], reason: String? = nil, since: Date? = nil
    ) {
        self.state = state
        self.checkedAt = checkedAt
        self.latencySeconds = latencySeconds
        self.modelCount = modelCount
        self.loadedModels = loadedModels
        self.reason = reason
        self.since = since
    }

    public static let unknown = HealthStatus(state: .unknown)

}

/// A key's money as its provider reports it (OpenRouter's `/key`): the limit set on it, what
/// is left of that limit, and what it has spent, in US dollars; nil where not reported (no
/// limit set, for one).
public struct KeyCredit: Hashable, Sendable, Codable {
    public var limitUSD: Double?
    public var remainingUSD: Double?
    public var usedUSD: Double?

    public init(limitUSD: Double?, remainingUSD: Double?, usedUSD: Double?) {
        self.limitUSD = limitUSD
        self.remainingUSD = remainingUSD
        self.usedUSD = usedUSD
    }
}
