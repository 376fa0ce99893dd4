/// A model a provider offers, with what the provider tells about it. Fields a provider does
/// not report are nil.
public struct ModelInfo: Hashable, Sendable, Codable {
    public var provider: ProviderID
    public var name: String
    public var sizeBytes: Int64?
    /// `7.6B` as Ollama writes it.
    public var parameterSize: String?
    public var quantization: String?
    public var family: String?
    public var contextLength: Int?
    /// USD per token (OpenRouter's pricing).
    public var promptPrice: Double?
    public var completionPrice: Double?
    /// What the model can do, as Ollama's `/api/show` says: `completion`, `tools`, `vision`,
    /// `thinking`, `embedding`.
    public var capabilities: [String]?
    /// What the model takes in, as OpenRouter's `architecture.input_modalities` says: `text`,
    /// `image`, `file`, `audio`.
    public var inputModalities: [String]?

    public init(
        provider: ProviderID, name: String, sizeBytes: Int64? = nil, parameterSize: String? = nil,
        quantization: String? = nil, family: String? = nil, contextLength: Int? = nil,
        promptPrice: Double? = nil, completionPrice: Double? = nil, capabilities: [String]? = nil,
        inputModalities: [String]? = nil
    ) {
        self.provider = provider
        self.name = name
        self.sizeBytes = sizeBytes
        self.parameterSize = parameterSize
        self.quantization = quantization
        self.family = family
        self.contextLength = contextLength
        self.promptPrice = promptPrice
        self.completionPrice = completionPrice
        self.capabilities = capabilities
        self.inputModalities = inputModalities
    }

    /// A model that only embeds text: it cannot answer a chat.
    public var embedsOnly: Bool {
        guard let capabilities else { return false }
        return capabilities.contains("embedding") && !capabilities.contains("completion")
    }

    /// A model whose provider lists it at no cost in and out (OpenRouter's `:free` models).
    /// A provider that says nothing of prices (Ollama, llama.cpp) does not make a model free.
    public var isFree: Bool {
        promptPrice == 0 && completionPrice == 0
    }

    /// `provider:name`, the form that always resolves to this model.
    public var reference: ModelRef { ModelRef(provider: provider, model: name) }
}
