import ChatCore
import Providers

/// One provider as `parley health` and `parley providers` report it.
struct ProviderStatusRow: Encodable {
    var provider: String
    var kind: String
    var url: String
    var isDefault: Bool
    var status: HealthStatus

    /// Every provider of the setup with its latest status; the caller checks first.
    static func all(_ setup: ProviderSetup) async -> [ProviderStatusRow] {
        let statuses = await setup.monitor.allStatuses
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
