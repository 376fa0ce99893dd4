/// A model as the user names it: `ollama:llama2`, `openrouter:anthropic/claude-3.5-sonnet`,
/// or bare (`llama3:8b`), which the resolver places on a provider later.
///
/// Only a *known* provider name before the first colon is a prefix, so the Ollama tag in
/// `llama3:8b` is never mistaken for a provider.
public struct ModelRef: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The provider named by the prefix, or nil for a bare name.
    public let provider: ProviderID?
    /// The model name as the provider knows it (`llama3:8b`, `anthropic/claude-3.5-sonnet`).
    public let model: String

    public init(provider: ProviderID?, model: String) {
        self.provider = provider
        self.model = model
    }

    /// Parses `text`, treating the part before the first colon as a provider only when it is
    /// one of `knownProviders`.
    public init(parsing text: String, knownProviders: Set<ProviderID>) {
        let trimmed = text.trimmingSpaces
        if let colon = trimmed.firstIndex(of: ":") {
            let prefix = ProviderID(String(trimmed[..<colon]))
            if knownProviders.contains(prefix) {
                self.init(provider: prefix, model: String(trimmed[trimmed.index(after: colon)...]))
                return
            }
        }
        self.init(provider: nil, model: trimmed)
    }

    public var isBare: Bool { provider == nil }

    public var description: String {
        guard let provider else { return model }
        return "\(provider):\(model)"
    }

    /// Ollama's canonical form of a model name: a name without a tag means `:latest`,
    /// so `llama2` and `llama2:latest` are the same model. The tag is a colon after the
    /// last `/` (a registry host may carry a port: `host:5000/ns/model`).
    public static func canonicalOllamaName(_ name: String) -> String {
        let lastComponent = name.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(name)
        return lastComponent.contains(":") ? name : name + ":latest"
    }

    /// Whether two Ollama model names name the same model.
    public static func sameOllamaModel(_ lhs: String, _ rhs: String) -> Bool {
        canonicalOllamaName(lhs) == canonicalOllamaName(rhs)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
