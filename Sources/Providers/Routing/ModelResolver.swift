import ChatCore

/// Places a model name on a provider (DESIGN §3): `provider:model` goes to that provider; a
/// bare name goes to the default provider if it lists the model, else to the first provider
/// in fallback order that lists it, else to the default provider (which then says the model
/// is missing, with the pull hint). Providers that are down are passed over for bare names.
public struct ModelResolver: Sendable {
    /// Providers in fallback order, the default first.
    public var order: [any ChatProvider]
    /// Cached model lists, by provider.
    public var models: [ProviderID: [ModelInfo]]
    /// Providers to pass over for bare names.
    public var down: Set<ProviderID>

    public init(order: [any ChatProvider], models: [ProviderID: [ModelInfo]], down: Set<ProviderID>) {
        self.order = order
        self.models = models
        self.down = down
    }

    public func resolve(_ text: String) throws -> ModelTarget {
        let known = Set(order.map(\.id))
        let reference = ModelRef(parsing: text, knownProviders: known)
        guard let defaultProvider = order.first else {
            throw ProviderError(.notConfigured, "no provider is configured", hint: "run 'parley config' to see the settings")
        }
        if let provider = reference.provider {
            return ModelTarget(provider: provider, model: reference.model.isEmpty ? self.defaultModel(of: provider) : reference.model)
        }
        if reference.model.isEmpty {
            return ModelTarget(provider: defaultProvider.id, model: defaultModel(of: defaultProvider.id))
        }
        let candidates = order.filter { !down.contains($0.id) }
        if let owner = candidates.first(where: { $0.offers(reference.model, in: models[$0.id] ?? []) }) {
            return ModelTarget(provider: owner.id, model: reference.model)
        }
        return ModelTarget(provider: defaultProvider.id, model: reference.model)
    }

    /// The provider's configured default model, or its first listed model when it has none.
    public func defaultModel(of id: ProviderID) -> String {
        let configured = order.first { $0.id == id }?.defaultModel ?? ""
        return configured.isEmpty ? (models[id]?.first?.name ?? "") : configured
    }

    /// The model `provider` should be asked for when falling back from `model`: the same
    /// one when it has it, else its default.
    public func fallbackModel(for provider: any ChatProvider, from model: String) -> String {
        provider.offers(model, in: models[provider.id] ?? []) ? model : defaultModel(of: provider.id)
    }
}
