import ChatCore
import Providers

/// One provider as `parley health` and `parley providers` report it, checked now.
struct ProviderStatusRow: Encodable {
    var provider: String
    var kind: String
    var url: String
    var isDefault: Bool
    var status: HealthStatus

    /// Every provider of the setup, each checked now (all at once).
    static func checkAll(_ setup: ProviderSetup) async -> [ProviderStatusRow] {
        let statuses = await setup.monitor.checkAll()
        let defaultID = setup.registry.defaultProvider
        return setup.registry.providers.map { provider in
            ProviderStatusRow(
                provider: provider.id.rawValue, kind: provider.kind.rawValue,
                url: provider.baseURL.isEmpty ? "(built in)" : provider.baseURL,
                isDefault: provider.id == defaultID, status: statuses[provider.id] ?? .unknown
            )
        }
    }
}
