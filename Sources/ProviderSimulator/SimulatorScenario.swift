/// Everything a simulated provider does: the models it lists, how each answers, and the key
/// it demands. Loaded from a JSON scenario file, and changeable at run time.
public struct SimulatorScenario: Codable, Sendable, Equatable {
    public var models: [SimulatedModel]
    /// Behaviour of models without an entry in `behaviors`.
    public var defaultBehavior: ModelBehavior
    /// Behaviour by model name.
    public var behaviors: [String: ModelBehavior]
    /// When set, the OpenAI-compatible routes demand `Authorization: Bearer <apiKey>`.
    public var apiKey: String?
    /// Models `/api/pull` can fetch; nil = any name.
    public var pullable: [String]?
    /// How a pull plays out.
    public var pull: SimulatedPull
    /// What `/api/version` reports.
    public var version: String
    /// The limit set on the key, in dollars, that `/key` reports with what is left of it;
    /// nil for a key without a limit.
    public var keyLimit: Double?
    /// What the key has spent, in dollars, as `/key` reports it.
    public var keyUsage: Double

    public init(
        models: [SimulatedModel] = SimulatorScenario.standardModels, defaultBehavior: ModelBehavior = ModelBehavior(),
        behaviors: [String: ModelBehavior] = [:], apiKey: String? = nil, pullable: [String]? = nil, pull: SimulatedPull = SimulatedPull(),
        version: String = "0.12.3", keyLimit: Double? = nil, keyUsage: Double = 0.25
    ) {
        self.keyLimit = keyLimit
        self.keyUsage = keyUsage
        self.models = models
        self.defaultBehavior = defaultBehavior
        self.behaviors = behaviors
        self.apiKey = apiKey
        self.pullable = pullable
        self.pull = pull
        self.version = version
    }

    private enum CodingKeys: String, CodingKey {
        case models, defaultBehavior, behaviors, apiKey, pullable, pull, version, keyLimit, keyUsage
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SimulatorScenario()
        self.init(
            models: try container.decodeIfPresent([SimulatedModel].self, forKey: .models) ?? defaults.models,
            defaultBehavior: try container.decodeIfPresent(ModelBehavior.self, forKey: .defaultBehavior) ?? defaults.defaultBehavior,
            behaviors: try container.decodeIfPresent([String: ModelBehavior].self, forKey: .behaviors) ?? [:],
            apiKey: try container.decodeIfPresent(String.self, forKey: .apiKey),
            pullable: try container.decodeIfPresent([String].self, forKey: .pullable),
            pull: try container.decodeIfPresent(SimulatedPull.self, forKey: .pull) ?? defaults.pull,
            version: try container.decodeIfPresent(String.self, forKey: .version) ?? defaults.version,
            keyLimit: try container.decodeIfPresent(Double.self, forKey: .keyLimit),
            keyUsage: try container.decodeIfPresent(Double.self, forKey: .keyUsage) ?? defaults.keyUsage
        )
    }

    public static let standardModels: [SimulatedModel] = [
        SimulatedModel(name: "llama2:latest"),
        SimulatedModel(name: "llama3.2:latest", sizeBytes: 2_019_393_189, parameterSize: "3.2B", quantization: "Q4_K_M", contextLength: 131_072),
        SimulatedModel(name: "mistral:latest", sizeBytes: 4_113_301_824, parameterSize: "7.2B", family: "mistral", quantization: "Q4_0", contextLength: 32_768),
        SimulatedModel(name: "anthropic/claude-3.5-sonnet", sizeBytes: 0, parameterSize: "", family: "claude", quantization: "", contextLength: 200_000, promptPrice: "0.000003", completionPrice: "0.000015"),
        SimulatedModel(name: "openai/gpt-4o", sizeBytes: 0, parameterSize: "", family: "gpt", quantization: "", contextLength: 128_000, promptPrice: "0.0000025", completionPrice: "0.00001"),
    ]

    /// The listed model `requested` names, if any.
    func model(named requested: String) -> SimulatedModel? {
        models.first { $0.answers(to: requested) }
    }

    /// How `model` answers: its own behaviour, else the default.
    func behavior(for model: String) -> ModelBehavior {
        behaviors.first { SimulatedModel.canonical($0.key) == SimulatedModel.canonical(model) }?.value ?? defaultBehavior
    }
}
