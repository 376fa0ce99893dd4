import ChatCore
import Providers

/// One provider as `parley health` and `parley providers` report it.
struct ProviderStatusRow: Encodable {
    var provider: String
    var kind: String
    var url: String
    var isDefault: Bool
    /// A pool's members, in the order written.
    var members: [String]?
    var status: HealthStatus

    /// Every provider of the setup with its latest status; the caller checks first.
    static func all(_ setup: ProviderSetup) async -> [ProviderStatusRow] {
        let statuses = await setup.monitor.allStatuses
        let defaultID = setup.registry.defaultProvider
        return setup.registry.providers.map { provider in
            let pool = provider as? ProviderPool
            return ProviderStatusRow(
                provider: provider.id.rawValue, kind: provider.kind.rawValue,
                url: pool.map { "members \($0.baseURL)" } ?? (provider.baseURL.isEmpty ? "(built in)" : provider.baseURL),
                isDefault: provider.id == defaultID, members: pool?.memberIDs.map(\.rawValue), status: statuses[provider.id] ?? .unknown
            )
        }
    }
}
