/// A model placed on a provider: where a request actually goes.
public struct ModelTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    public var provider: ProviderID
    public var model: String

    public init(provider: ProviderID, model: String) {
        self.provider = provider
        self.model = model
    }

    /// `provider:model`.
    public var description: String { "\(provider):\(model)" }
}
