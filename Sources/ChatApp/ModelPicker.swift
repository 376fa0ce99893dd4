import ChatCore

/// The model picker's own state: the filter typed so far and the highlighted row.
public struct ModelPicker: Hashable, Sendable {
    public var filter = ""
    public var selection = 0

    public init() {}

    /// The rows to show: every model of every provider matching the filter, grouped by
    /// provider in fallback order.
    public func rows(order: [ProviderID], models: [ProviderID: [ModelInfo]]) -> [ModelInfo] {
        let needle = filter.lowercased()
        return order.flatMap { provider in
            (models[provider] ?? []).filter { needle.isEmpty || "\(provider):\($0.name)".lowercased().contains(needle) }
        }
    }
}
