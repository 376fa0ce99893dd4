/// One setting as Parley will use it, and where its value came from.
public struct EffectiveSetting: Sendable, Equatable, Codable {
    public var name: String
    /// The value as text; masked when the variable is a secret.
    public var value: String
    public var source: ConfigSource
    /// The variable actually read when it was an alias (`OLLAMA_HOST` for `OLLAMA_BASE_URL`).
    public var via: String?

    public init(name: String, value: String, source: ConfigSource, via: String? = nil) {
        self.name = name
        self.value = value
        self.source = source
        self.via = via
    }
}
