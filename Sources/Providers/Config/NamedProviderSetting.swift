import ChatCore

/// A setting every `PARLEY_PROVIDERS` name has under its own prefix (`GPU_BOX_TIMEOUT` for
/// `gpu-box`). Until set, most are what the provider's family says (`OLLAMA_TIMEOUT` for an
/// Ollama, `OPENROUTER_TIMEOUT` for an OpenAI-compatible server); a key never comes from
/// anywhere but its own variable.
public struct NamedProviderSetting: Sendable, Hashable {
    public var suffix: String
    public var comment: String
    /// Whether an unset value is the family's; else it is `defaultValue`.
    public var inheritsFamily: Bool
    public var defaultValue: String
    public var isSecret: Bool

    private init(_ suffix: String, _ defaultValue: String?, _ comment: String, isSecret: Bool = false) {
        self.suffix = suffix
        self.comment = comment
        inheritsFamily = defaultValue == nil
        self.defaultValue = defaultValue ?? ""
        self.isSecret = isSecret
    }

    public static let all: [NamedProviderSetting] = [
        NamedProviderSetting("ENABLED", "true", "Use this provider"),
        NamedProviderSetting("API_KEY", "", "Its key, sent as 'Authorization: Bearer' to this provider only (OpenAI, Groq, Together, a LiteLLM or vLLM proxy); never shown, logged or saved", isSecret: true),
        NamedProviderSetting("DEFAULT_MODEL", "", "Model used when none is named; empty = its first listed model"),
        NamedProviderSetting("TIMEOUT", nil, "Seconds allowed to connect and between streamed bytes"),
        NamedProviderSetting("MAX_RETRIES", nil, "Retries before the first token, with exponential backoff"),
        NamedProviderSetting("TEMPERATURE", nil, "Sampling temperature, 0 to 2"),
        NamedProviderSetting("MAX_TOKENS", nil, "Longest reply in tokens; empty = unlimited"),
        NamedProviderSetting("STREAMING", nil, "Stream replies token by token"),
        NamedProviderSetting("HEALTH_CHECK_INTERVAL", nil, "Seconds between health checks"),
        NamedProviderSetting("AUTO_HEALTH_CHECK", nil, "Check health in the background every interval"),
        NamedProviderSetting("MAX_CONCURRENT", "", "Most answers streaming from it at once; more wait their turn, the wait shown; empty = no limit"),
        NamedProviderSetting("ALLOW_INSECURE_KEY", "false", "Allow its key or URL password over plain http:// to another machine"),
    ]

    /// This setting's variable for `id`: `GPU_TIMEOUT`.
    public func variable(for id: ProviderID) -> String {
        "\(id.settingsPrefix)_\(suffix)"
    }

    /// Whose settings a provider of `kind` starts from: `OLLAMA` or `OPENROUTER`.
    public static func family(of kind: ProviderKind) -> ProviderID {
        kind == .ollama ? .ollama : .openrouter
    }
}
