import ChatCore
import Foundation

/// The model picker's own state: the filter typed so far and the highlighted row.
public struct ModelPicker: Hashable, Sendable {
    public var filter = ""
    public var selection = 0
    /// Models marked with Space to be compared (`provider:model`), in the order marked.
    public var marked: [String] = []

    public init() {}

    /// What the filter would pull, into each provider in `targets` that does not list it: a
    /// name no provider has is offered as a pull. `ollama:NAME` offers only that provider.
    public func pullOffers(targets: [ProviderID], models: [ProviderID: [ModelInfo]]) -> [ModelTarget] {
        let typed = filter.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty, !typed.contains(" ") else { return [] }
        var into = targets
        var name = typed
        // `ollama:llama3.2` names the provider; `llama3.2:1b` is a name with its tag.
        if let colon = typed.firstIndex(of: ":") {
            let prefix = ProviderID(String(typed[..<colon]))
            if targets.contains(prefix) {
                into = [prefix]
                name = String(typed[typed.index(after: colon)...])
            } else if models[prefix] != nil {
                return []
            }
        }
        guard !name.isEmpty else { return [] }
        return into.filter { target in !(models[target] ?? []).contains { ModelRef.sameOllamaModel($0.name, name) } }
            .map { ModelTarget(provider: $0, model: name) }
    }

    /// The rows to pick from: every model of every provider matching the filter, grouped by
    /// provider in fallback order; models that only embed are not among them.
    public func rows(order: [ProviderID], models: [ProviderID: [ModelInfo]]) -> [ModelInfo] {
        matching(order: order, models: models).filter { !$0.embedsOnly }
    }

    /// The models matching the filter that only embed text: shown apart, not to be picked.
    public func embeddingModels(order: [ProviderID], models: [ProviderID: [ModelInfo]]) -> [ModelInfo] {
        matching(order: order, models: models).filter(\.embedsOnly)
    }

    private func matching(order: [ProviderID], models: [ProviderID: [ModelInfo]]) -> [ModelInfo] {
        let needle = filter.lowercased()
        return order.flatMap { provider in
            (models[provider] ?? []).filter { needle.isEmpty || "\(provider):\($0.name)".lowercased().contains(needle) }
        }
    }
}
