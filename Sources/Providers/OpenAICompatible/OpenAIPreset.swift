import ChatCore

/// What differs between OpenRouter and a generic OpenAI-compatible server (llama.cpp, vLLM,
/// LM Studio, Ollama's `/v1`): the key, the extra headers, the authenticated health check,
/// and the hints.
public struct OpenAIPreset: Sendable {
    /// Name used in messages: "OpenRouter", "the server".
    public var displayName: String
    public var apiKey: APIKey?
    /// The variable that holds the key, named in hints.
    public var keyVariable: String?
    public var extraHeaders: [HTTPHeader]
    /// Whether `/key` is the health check (OpenRouter); others use `/models`.
    public var checksKey: Bool
    /// Whether OpenRouter is missing what it needs (the key); nil when usable.
    public var unavailability: HealthStatus?

    /// OpenRouter: Bearer key, `X-Title` / `HTTP-Referer`, `/key` as the health check.
    public static func openRouter(settings: ProviderSettings, appName: String, siteURL: String) -> OpenAIPreset {
        var headers: [HTTPHeader] = []
        if !appName.isEmpty { headers.append(HTTPHeader("X-Title", appName)) }
        if !siteURL.isEmpty { headers.append(HTTPHeader("HTTP-Referer", siteURL)) }
        let unavailability: HealthStatus? = if !settings.enabled {
            HealthStatus(state: .disabled, reason: "OPENROUTER_ENABLED=false")
        } else if settings.apiKey == nil {
            HealthStatus(state: .notConfigured, reason: "no OPENROUTER_API_KEY; set it in .env to use OpenRouter")
        } else {
            nil
        }
        return OpenAIPreset(
            displayName: "OpenRouter", apiKey: settings.apiKey, keyVariable: "OPENROUTER_API_KEY",
            extraHeaders: headers, checksKey: true, unavailability: unavailability
        )
    }

    /// Any other OpenAI-compatible server, without a key.
    public static let generic = OpenAIPreset(
        displayName: "the server", apiKey: nil, keyVariable: nil, extraHeaders: [], checksKey: false, unavailability: nil
    )

    /// A `PARLEY_PROVIDERS` server (OpenAI itself, Groq, vLLM, a LiteLLM proxy): its own key
    /// from `NAME_API_KEY`, if it has one.
    public static func named(_ id: ProviderID, settings: ProviderSettings) -> OpenAIPreset {
        OpenAIPreset(
            displayName: "the server", apiKey: settings.apiKey, keyVariable: "\(id.settingsPrefix)_API_KEY", extraHeaders: [],
            checksKey: false,
            unavailability: settings.enabled ? nil : HealthStatus(state: .disabled, reason: "\(id.settingsPrefix)_ENABLED=false")
        )
    }
}
