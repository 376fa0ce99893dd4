/// Which wire protocol a provider speaks.
public enum ProviderKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Ollama's native API (`/api/chat`, NDJSON).
    case ollama
    /// The OpenAI chat-completions API (`/chat/completions`, SSE): OpenRouter, llama.cpp, vLLM, LM Studio.
    case openAICompatible = "openai"
    /// The built-in demo provider, no network.
    case demo
    /// A pool of providers (`PARLEY_POOLS`): each request goes to one of its members.
    case pool
}
