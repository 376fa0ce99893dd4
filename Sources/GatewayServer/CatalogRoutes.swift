import ChatCore
import Foundation
import Hummingbird
import Providers

/// What the gateway knows of its providers: `GET /v1/models`, `GET /v1/providers/{provider}/models`,
/// `GET /v1/providers`, `POST /v1/providers/health-check` and `GET /health`.
struct CatalogRoutes: Sendable {
    let registry: ProviderRegistry
    let monitor: HealthMonitor
    /// The answers in flight on each provider.
    let load: ProviderLoad

    /// A provider's status as the gateway reports it.
    struct ProviderEntry: Encodable, Sendable {
        var id: String
        var object = "provider"
        var kind: String
        /// Without credentials: they were taken out of the URL when it was read. None for a pool.
        var base_url: String?
        /// A pool's members, and how one is chosen (`balanced` or `priority`).
        var members: [String]?
        var order: String?
        /// Answers streaming from it through this server now, and its limit.
        var in_flight: Int
        var max_concurrent: Int?
        var status: String
        var reason: String?
        var latency_ms: Int?
        var model_count: Int?
        var loaded_models: [String]
        /// What its key may still spend, in dollars (OpenRouter's `/key`), where it says.
        var credit: Credit?

        struct Credit: Encodable, Sendable {
            var limit_usd: Double?
            var remaining_usd: Double?
            var used_usd: Double?
        }
        var checked_at: Int?
        var `default`: Bool
    }

    /// A model as OpenAI lists it, its id `provider:model`, with Parley's facts beside.
    struct ModelEntry: Encodable, Sendable {
        struct Facts: Encodable, Sendable {
            var provider: String
            var name: String
            var context_length: Int?
            var health: String
            var parameter_size: String?
            var quantization: String?
        }

        var id: String
        var object = "model"
        var created = 0
        var owned_by: String
        var parley: Facts
    }

    struct List<Item: Encodable & Sendable>: Encodable, Sendable {
        var object = "list"
        var data: [Item]
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v1/models") { _, _ in
            await monitor.ensureChecked(registry.ids)
            var entries: [ModelEntry] = []
            for provider in registry.providers {
                entries += await models(of: provider.id, listing: await monitor.models(of: provider.id) ?? [])
            }
            return GatewayResponse.json(encoding: List(data: entries))
        }
        router.get("/v1/providers/:provider/models") { _, context in
            let id = ProviderID(context.parameters.get("provider") ?? "")
            guard let provider = registry.provider(id) else {
                return GatewayResponse.error(.notFound("no provider is named '\(id)'; providers: \(registry.ids.map(\.rawValue).joined(separator: ", "))"))
            }
            if let unavailable = provider.unavailability {
                return GatewayResponse.error(GatewayError(ProviderError(.notConfigured, "\(id) is \(unavailable.state.rawValue)", hint: unavailable.reason)))
            }
            do {
                let listed = await provider.details(of: try await provider.listModels())
                return GatewayResponse.json(encoding: List(data: await models(of: id, listing: listed)))
            } catch let error as ProviderError {
                return GatewayResponse.error(GatewayError(error))
            }
        }
        router.get("/v1/providers") { _, _ in
            await monitor.ensureChecked(registry.ids)
            return GatewayResponse.json(encoding: List(data: await providerEntries()))
        }
        router.post("/v1/providers/health-check") { _, _ in
            await monitor.checkAll()
            return GatewayResponse.json(encoding: List(data: await providerEntries()))
        }
        router.get("/health") { _, _ in
            let statuses = await monitor.allStatuses
            let healthy = statuses.values.filter { $0.state == .healthy || $0.state == .degraded }.count
            return GatewayResponse.json(encoding: ["status": healthy > 0 ? "ok" : "no provider is healthy", "healthy_providers": String(healthy)])
        }
    }

    private func models(of id: ProviderID, listing: [ModelInfo]) async -> [ModelEntry] {
        let health = await monitor.status(of: id).state.rawValue
        return listing.map { model in
            ModelEntry(
                id: "\(id):\(model.name)", owned_by: id.rawValue,
                parley: .init(
                    provider: id.rawValue, name: model.name, context_length: model.contextLength, health: health,
                    parameter_size: model.parameterSize, quantization: model.quantization
                )
            )
        }
    }

    private func providerEntries() async -> [ProviderEntry] {
        let statuses = await monitor.allStatuses
        let defaultID = registry.defaultProvider
        return registry.providers.map { provider in
            let status = statuses[provider.id] ?? .unknown
            let pool = provider as? ProviderPool
            let inFlight = pool?.memberIDs.reduce(0) { $0 + load.inFlight($1) } ?? load.inFlight(provider.id)
            return ProviderEntry(
                id: provider.id.rawValue, kind: provider.kind.rawValue, base_url: pool == nil ? provider.baseURL : nil,
                members: pool?.memberIDs.map(\.rawValue), order: pool?.order.rawValue, in_flight: inFlight,
                max_concurrent: provider.configuration.maxConcurrent, status: status.state.rawValue, reason: status.reason,
                latency_ms: status.latencySeconds.flatMap { $0.isFinite && $0 >= 0 && $0 < 1e9 ? Int($0 * 1000) : nil },
                model_count: status.modelCount, loaded_models: status.loadedModels.map(\.name), credit: status.credit.map { .init(limit_usd: $0.limitUSD, remaining_usd: $0.remainingUSD, used_usd: $0.usedUSD) },
                checked_at: status.checkedAt.map { Int($0.timeIntervalSince1970) }, default: provider.id == defaultID
            )
        }
    }
}
