/// A model the simulator lists, with the metadata Ollama and OpenRouter report for it.
public struct SimulatedModel: Codable, Sendable, Equatable {
    /// `llama2:latest` for Ollama-style names, `anthropic/claude-3.5-sonnet` for OpenRouter-style.
    public var name: String
    public var sizeBytes: Int64
    public var parameterSize: String
    public var family: String
    public var quantization: String
    public var contextLength: Int
    /// USD per token, as OpenRouter's decimal strings.
    public var promptPrice: String
    public var completionPrice: String
    /// What `/api/show` says the model can do (`completion`, `tools`, `vision`, `thinking`,
    /// `embedding`).
    public var capabilities: [String]
    /// What OpenRouter's `architecture.input_modalities` says the model takes in.
    public var inputModalities: [String]

    public init(
        name: String, sizeBytes: Int64 = 3_826_793_677, parameterSize: String = "7B", family: String = "llama",
        quantization: String = "Q4_0", contextLength: Int = 4096, promptPrice: String = "0", completionPrice: String = "0",
        capabilities: [String] = ["completion"], inputModalities: [String] = ["text"]
    ) {
        self.name = name
        self.sizeBytes = sizeBytes
        self.parameterSize = parameterSize
        self.family = family
        self.quantization = quantization
        self.contextLength = contextLength
        self.promptPrice = promptPrice
        self.completionPrice = completionPrice
        self.capabilities = capabilities
        self.inputModalities = inputModalities
    }

    private enum CodingKeys: String, CodingKey {
        case name, sizeBytes, parameterSize, family, quantization, contextLength, promptPrice, completionPrice, capabilities, inputModalities
    }

    /// Only `name` is required in scenario files.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SimulatedModel(name: "")
        self.init(
            name: try container.decode(String.self, forKey: .name),
            sizeBytes: try container.decodeIfPresent(Int64.self, forKey: .sizeBytes) ?? defaults.sizeBytes,
            parameterSize: try container.decodeIfPresent(String.self, forKey: .parameterSize) ?? defaults.parameterSize,
            family: try container.decodeIfPresent(String.self, forKey: .family) ?? defaults.family,
            quantization: try container.decodeIfPresent(String.self, forKey: .quantization) ?? defaults.quantization,
            contextLength: try container.decodeIfPresent(Int.self, forKey: .contextLength) ?? defaults.contextLength,
            promptPrice: try container.decodeIfPresent(String.self, forKey: .promptPrice) ?? defaults.promptPrice,
            completionPrice: try container.decodeIfPresent(String.self, forKey: .completionPrice) ?? defaults.completionPrice,
            capabilities: try container.decodeIfPresent([String].self, forKey: .capabilities) ?? defaults.capabilities,
            inputModalities: try container.decodeIfPresent([String].self, forKey: .inputModalities) ?? defaults.inputModalities
        )
    }

    /// Whether `requested` names this model; an Ollama name without a tag means `:latest`.
    func answers(to requested: String) -> Bool {
        Self.canonical(requested) == Self.canonical(name)
    }

    static func canonical(_ name: String) -> String {
        let last = name.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(name)
        return last.contains(":") || name.contains("/") ? name : name + ":latest"
    }
}
