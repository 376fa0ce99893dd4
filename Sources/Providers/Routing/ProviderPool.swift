import ChatCore

/// A pool from `PARLEY_POOLS`: one provider name in front of several providers (its members),
/// its models theirs together. The router sends each of its requests to one member, chosen by
/// `PoolChoice`, and hands a request a member failed before its first token to the next member;
/// its health is its members' (`PoolHealth`), kept by the health monitor.
public struct ProviderPool: ChatProvider {
    public let id: ProviderID
    public let kind = ProviderKind.pool
    public let members: [any ChatProvider]
    public let order: ProviderPoolSettings.Order

    public init(id: ProviderID, members: [any ChatProvider], order: ProviderPoolSettings.Order) {
        self.id = id
        self.members = members
        self.order = order
    }

    public var memberIDs: [ProviderID] { members.map(\.id) }

    /// Its members, for people: `box1, box2` or `box1 > box2`.
    public var baseURL: String {
        memberIDs.map(\.rawValue).joined(separator: order == .priority ? " > " : ", ")
    }

    /// A pool has no model of its own to fall back on: its first listed one serves.
    public var defaultModel: String { "" }

    /// Retries and checks are its members'; a failed member hands over to the next instead.
    public var configuration: ProviderConfiguration { ProviderConfiguration(retryLimit: 0, healthCheckInterval: nil) }

    /// Unusable only when every member is.
    public var unavailability: HealthStatus? {
        let reasons = members.compactMap { member in member.unavailability.map { (member.id, $0) } }
        guard reasons.count == members.count, let first = reasons.first?.1 else { return nil }
        var status = first
        status.reason = reasons.map { "\($0.0): \($0.1.reason ?? $0.1.state.rawValue)" }.joined(separator: "; ")
        return status
    }

    public func listModels() async throws -> [ModelInfo] {
        var lists: [[ModelInfo]] = []
        var failure: (any Error)?
        for member in members {
            do { lists.append(try await member.listModels()) } catch { failure = failure ?? error }
        }
        if lists.isEmpty, let failure { throw failure }
        return PoolHealth.models(lists, pool: id)
    }

    public func offers(_ name: String, in models: [ModelInfo]) -> Bool {
        members.contains { $0.offers(name, in: models) }
    }

    /// Checks every member; the health monitor does this itself, member by member, and
    /// combines them the same way.
    public func checkHealth() async -> HealthReport {
        var reports: [(ProviderID, HealthReport)] = []
        for member in members { reports.append((member.id, await member.checkHealth())) }
        var status = PoolHealth.combine(reports.map { ($0.0, $0.1.status) })
        let models = PoolHealth.models(reports.compactMap(\.1.models), pool: id)
        status.modelCount = models.count
        return HealthReport(status: status, models: models)
    }

    /// Straight to its first usable member when asked without the router (which chooses by
    /// the model, health, load and what is loaded).
    public func streamChat(_ request: ChatRequest) async throws -> ChatStream {
        guard let member = members.first(where: { $0.unavailability == nil }) else {
            throw ProviderError(.unavailable, "no member of the pool \(id) can be used", hint: unavailability?.reason)
        }
        return try await member.streamChat(request)
    }
}
