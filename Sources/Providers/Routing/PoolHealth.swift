import ChatCore
import Foundation

/// A pool's health, from its members': as good as its best member, its models theirs
/// together, its loaded models theirs, and why each member that is not well is not.
public enum PoolHealth {
    /// Best first: the pool is in the state of its best member.
    private static let rank: [HealthState] = [.healthy, .degraded, .unknown, .down, .notConfigured, .disabled]

    public static func combine(_ members: [(id: ProviderID, status: HealthStatus)]) -> HealthStatus {
        let best = members.min { (rank.firstIndex(of: $0.status.state) ?? 0) < (rank.firstIndex(of: $1.status.state) ?? 0) }
        var status = HealthStatus(state: best?.status.state ?? .unknown)
        let up = members.filter { $0.status.state == .healthy || $0.status.state == .degraded }
        status.checkedAt = members.compactMap(\.status.checkedAt).max()
        status.latencySeconds = up.compactMap(\.status.latencySeconds).min()
        status.loadedModels = members.flatMap(\.status.loadedModels)
        let troubled = members.filter { $0.status.state != .healthy && $0.status.state != .unknown }
        if !troubled.isEmpty {
            status.reason = troubled.map { "\($0.id): \($0.status.reason ?? $0.status.state.rawValue)" }.joined(separator: "; ")
        }
        return status
    }

    /// The models of every member, each name once, in the members' order.
    public static func models(_ lists: [[ModelInfo]], pool: ProviderID) -> [ModelInfo] {
        var seen: Set<String> = []
        var union: [ModelInfo] = []
        for model in lists.joined() where seen.insert(model.name).inserted {
            var pooled = model
            pooled.provider = pool
            union.append(pooled)
        }
        return union
    }
}
