import ChatCore
import Foundation

/// Keeps every provider's health: checks each every `*_HEALTH_CHECK_INTERVAL` seconds (when
/// enabled) and on demand, never two checks of one provider at once, a hung check cut off;
/// chat outcomes count too. Observers get each result as it lands.
public actor HealthMonitor {
    /// One provider's new status, with its state before.
    public struct Update: Sendable {
        public var provider: ProviderID
        public var status: HealthStatus
        public var previous: HealthState
    }

    private let providers: [ProviderID: any ChatProvider]
    /// Each pool's members: a pool is not checked itself, its status is theirs combined.
    private let pools: [ProviderID: [ProviderID]]
    private let checkTimeout: Duration
    private var statuses: [ProviderID: HealthStatus] = [:]
    private var modelLists: [ProviderID: [ModelInfo]] = [:]
    private var inFlight: [ProviderID: Task<HealthReport, Never>] = [:]
    private var loops: [ProviderID: Task<Void, Never>] = [:]
    private var subscribers: [UUID: AsyncStream<Update>.Continuation] = [:]
    /// The wall clock for check times and cool-downs; tests pass their own.
    private let now: @Sendable () -> Date
    /// Check intervals and the cut-off of a hung check wait on it.
    private let clock: any Clock<Duration>

    /// Without automatic checks, a provider that went down is tried again after this long.
    public static let defaultCooldownSeconds = 30.0

    public init(
        providers: [any ChatProvider], checkTimeout: Duration = .seconds(15), now: @escaping @Sendable () -> Date = Date.init,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.providers = Dictionary(providers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        pools = Dictionary(providers.compactMap { ($0 as? ProviderPool).map { ($0.id, $0.memberIDs) } }, uniquingKeysWith: { first, _ in first })
        self.checkTimeout = checkTimeout
        self.now = now
        self.clock = clock
        for provider in providers {
            statuses[provider.id] = provider.unavailability ?? .unknown
        }
    }

    public func status(of id: ProviderID) -> HealthStatus {
        statuses[id] ?? .unknown
    }

    public var allStatuses: [ProviderID: HealthStatus] { statuses }

    /// The models the latest check saw, if one has.
    public func models(of id: ProviderID) -> [ModelInfo]? {
        modelLists[id]
    }

    /// Checks, all at once, those of `ids` that have never been checked, so that their
    /// model lists are known.
    public func ensureChecked(_ ids: [ProviderID]) async {
        let unchecked = ids.filter { statuses[$0]?.state == .unknown && modelLists[$0] == nil }
        await withTaskGroup(of: Void.self) { group in
            for id in unchecked {
                group.addTask { _ = await self.check(id) }
            }
        }
    }

    /// Each status change, as it lands.
    public func updates() -> AsyncStream<Update> {
        let (stream, continuation) = AsyncStream.makeStream(of: Update.self)
        let key = UUID()
        subscribers[key] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(key) } }
        return stream
    }

    private func unsubscribe(_ key: UUID) {
        subscribers[key] = nil
    }

    /// Checks `id` now; joins a check already running instead of starting another.
    @discardableResult
    public func check(_ id: ProviderID) async -> HealthStatus {
        guard let provider = providers[id] else { return .unknown }
        if let members = pools[id] {
            await withTaskGroup(of: Void.self) { group in
                for member in members {
                    group.addTask { _ = await self.check(member) }
                }
            }
            return statuses[id] ?? .unknown
        }
        if let unavailability = provider.unavailability {
            apply(HealthReport(status: unavailability), to: id)
            return unavailability
        }
        let task: Task<HealthReport, Never>
        if let running = inFlight[id] {
            task = running
        } else {
            let timeout = checkTimeout, clock = self.clock, now = self.now
            task = Task { await Self.checkBounded(provider, timeout: timeout, clock: clock, now: now) }
            inFlight[id] = task
        }
        let report = await task.value
        if inFlight[id] == task {
            inFlight[id] = nil
            apply(report, to: id)
        }
        return statuses[id] ?? report.status
    }

    /// Checks every provider at once and returns their statuses.
    @discardableResult
    public func checkAll() async -> [ProviderID: HealthStatus] {
        await withTaskGroup(of: Void.self) { group in
            for id in providers.keys {
                group.addTask { _ = await self.check(id) }
            }
        }
        return statuses
    }

    /// Starts one loop per provider that has automatic checks on.
    public func startAutomaticChecks() {
        for (id, provider) in providers where loops[id] == nil {
            guard let interval = provider.configuration.healthCheckInterval, provider.unavailability == nil else { continue }
            let clock = self.clock
            loops[id] = Task { [weak self] in
                while !Task.isCancelled {
                    _ = await self?.check(id)
                    try? await clock.sleep(for: .seconds(interval))
                }
            }
        }
    }

    public func stopAutomaticChecks() {
        for loop in loops.values { loop.cancel() }
        loops = [:]
    }

    /// What a failed chat says about its provider: a refused connection or a refused key
    /// means down at once; time-outs and server errors mean degraded. A missing model says
    /// nothing about the provider.
    public func recordChatFailure(_ error: ProviderError, for id: ProviderID) {
        var status = statuses[id] ?? .unknown
        switch error.kind {
        case .connectionFailed, .unauthorized:
            status.state = .down
        case .timedOut, .serverError, .rateLimited, .connectionLost, .streamError, .malformedStream, .truncatedStream:
            status.state = .degraded
        default:
            return
        }
        status.reason = error.description
        status.checkedAt = now()
        apply(HealthReport(status: status), to: id)
    }

    /// A chat that answered means the provider is up.
    public func recordChatSuccess(for id: ProviderID) {
        var status = statuses[id] ?? .unknown
        guard status.state != .healthy else { return }
        status.state = .healthy
        status.reason = nil
        status.checkedAt = now()
        apply(HealthReport(status: status), to: id)
    }

    /// Why the router should leave `id` out now, or nil to try it: disabled, not configured,
    /// or down within its cool-down (the check interval, or 30 s without automatic checks)
    /// counted from the latest check or attempt that found it down: a long outage stays
    /// skipped for as long as it lasts, as the sidebar shows it down.
    public func skipReason(for id: ProviderID) -> String? {
        guard let provider = providers[id], let status = statuses[id] else { return nil }
        switch status.state {
        case .disabled, .notConfigured:
            return status.reason ?? status.state.rawValue
        case .down:
            let cooldown = provider.configuration.healthCheckInterval ?? Self.defaultCooldownSeconds
            guard let since = status.since, let latest = status.checkedAt ?? status.since,
                  now().timeIntervalSince(latest) < cooldown else { return nil }
            return "down since \(LocalClock.time(since)): \(status.reason ?? "no answer")"
        default:
            return nil
        }
    }

    private func apply(_ report: HealthReport, to id: ProviderID) {
        let previous = statuses[id] ?? .unknown
        var status = report.status
        status.since = previous.state == status.state ? (previous.since ?? status.checkedAt) : (status.checkedAt ?? now())
        if status.modelCount == nil, status.state == .healthy || status.state == .degraded { status.modelCount = previous.modelCount }
        statuses[id] = status
        if let models = report.models { modelLists[id] = models }
        let update = Update(provider: id, status: status, previous: previous.state)
        for subscriber in subscribers.values { subscriber.yield(update) }
        for (pool, members) in pools where members.contains(id) {
            combine(pool, members: members)
        }
    }

    /// A pool's status and models, anew from its members'.
    private func combine(_ pool: ProviderID, members: [ProviderID]) {
        var status = PoolHealth.combine(members.map { ($0, statuses[$0] ?? .unknown) })
        let lists = members.compactMap { modelLists[$0] }
        let models = lists.isEmpty ? nil : PoolHealth.models(lists, pool: pool)
        status.modelCount = models?.count
        if let unavailability = providers[pool]?.unavailability { status = unavailability }
        apply(HealthReport(status: status, models: models), to: pool)
    }

    /// Runs a provider's check, cut off after `timeout` as down.
    private static func checkBounded(
        _ provider: any ChatProvider, timeout: Duration, clock: any Clock<Duration>, now: @escaping @Sendable () -> Date
    ) async -> HealthReport {
        await withTaskGroup(of: HealthReport?.self) { group in
            group.addTask { await provider.checkHealth() }
            group.addTask {
                try? await clock.sleep(for: timeout)
                return Task.isCancelled ? nil : HealthReport(status: HealthStatus(
                    state: .down, checkedAt: now(), reason: "the health check got no answer within \(Int(timeout.inSeconds)) s"
                ))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? HealthReport(status: HealthStatus(state: .down, checkedAt: now(), reason: "the health check was cancelled"))
        }
    }
}
