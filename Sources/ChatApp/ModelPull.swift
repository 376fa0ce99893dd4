import ChatCore

/// A model being pulled into a provider: the key of a running pull, so that asking again for
/// the same one joins it instead of starting a second.
public struct ModelPull: Hashable, Sendable {
    public var provider: ProviderID
    public var model: String

    public init(provider: ProviderID, model: String) {
        self.provider = provider
        self.model = model
    }
}
