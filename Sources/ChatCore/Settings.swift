/// Which provider a bare model name goes to first.
public enum ProviderPreference: Hashable, Sendable, CustomStringConvertible {
    /// Pick the first healthy provider.
    case auto
    case provider(ProviderID)

    public var description: String {
        switch self {
        case .auto: "auto"
        case .provider(let id): id.rawValue
        }
    }
}

/// Settings shared by every provider of one family (`OLLAMA_*`, `OPENROUTER_*`).
public struct ProviderSettings: Hashable, Sendable {
    public var enabled: Bool
    public var baseURL: String
    public var defaultModel: String
    /// Bounds connecting and each wait for the next byte, never a whole generation.
    public var timeoutSeconds: Double
    public var maxRetries: Int
    public var temperature: Double
    /// Nil means unlimited.
    public var maxTokens: Int?
    public var streaming: Bool
    public var healthCheckIntervalSeconds: Double
    public var autoHealthCheck: Bool
    /// Nil when the provider needs no key or none is set.
    public var apiKey: APIKey?
    /// The user and password the base URL held; `baseURL` is without them.
    public var credentials: URLCredentials?
    /// The most answers streaming from it at once; more wait their turn. Nil: no limit.
    public var maxConcurrent: Int?

    public init(
        enabled: Bool, baseURL: String, defaultModel: String, timeoutSeconds: Double, maxRetries: Int,
        temperature: Double, maxTokens: Int?, streaming: Bool, healthCheckIntervalSeconds: Double,
        autoHealthCheck: Bool, apiKey: APIKey? = nil, credentials: URLCredentials? = nil, maxConcurrent: Int? = nil
    ) {
        self.enabled = enabled
        self.baseURL = baseURL
        self.defaultModel = defaultModel
        self.timeoutSeconds = timeoutSeconds
        self.maxRetries = maxRetries
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.streaming = streaming
        self.healthCheckIntervalSeconds = healthCheckIntervalSeconds
        self.autoHealthCheck = autoHealthCheck
        self.apiKey = apiKey
        self.credentials = credentials
        self.maxConcurrent = maxConcurrent
    }
}

/// An extra named provider from `PARLEY_PROVIDERS` (`gpu=ollama@http://gpu-box:11434`), with
/// the settings its own `NAME_*` variables give it.
public struct ExtraProvider: Hashable, Sendable {
    public var id: ProviderID
    public var kind: ProviderKind
    /// Its URL (without the user and password it may have held: those are in
    /// `settings.credentials`), key, timeouts and limits.
    public var settings: ProviderSettings

    public init(id: ProviderID, kind: ProviderKind, settings: ProviderSettings) {
        self.id = id
        self.kind = kind
        self.settings = settings
    }

    public var baseURL: String { settings.baseURL }
}

/// A pool from `PARLEY_POOLS` (`gpus=box1,box2,box3`): one provider name whose models are its
/// members' together, each request going to one member.
public struct ProviderPoolSettings: Hashable, Sendable {
    /// How a member is chosen.
    public enum Order: String, Hashable, Sendable {
        /// `box1,box2`: one that has the model loaded, then the least busy.
        case balanced
        /// `box1>box2`: the first that can take it, in the order written.
        case priority
    }

    public var id: ProviderID
    public var members: [ProviderID]
    public var order: Order

    public init(id: ProviderID, members: [ProviderID], order: Order) {
        self.id = id
        self.members = members
        self.order = order
    }
}

/// Every setting of Parley, typed and validated (DESIGN §4).
public struct Settings: Hashable, Sendable {
    public var preferredProvider: ProviderPreference
    public var enableFallback: Bool
    public var ollama: ProviderSettings
    public var openRouter: ProviderSettings
    /// Sent as `X-Title`.
    public var openRouterAppName: String
    /// Sent as `HTTP-Referer`.
    public var openRouterSiteURL: String
    /// A theme name or a path to a theme file.
    public var theme: String
    /// A keymap file that rebinds keys; empty for the defaults.
    public var keymap: String
    /// The token `parley serve` asks of clients; nil for none.
    public var serveToken: APIKey?
    public var dataDirectory: String
    public var extraProviders: [ExtraProvider]
    public var pools: [ProviderPoolSettings]

    public init(
        preferredProvider: ProviderPreference, enableFallback: Bool, ollama: ProviderSettings,
        openRouter: ProviderSettings, openRouterAppName: String, openRouterSiteURL: String,
        theme: String, dataDirectory: String, extraProviders: [ExtraProvider], pools: [ProviderPoolSettings] = [],
        keymap: String = "", serveToken: APIKey? = nil
    ) {
        self.pools = pools
        self.serveToken = serveToken
        self.preferredProvider = preferredProvider
        self.enableFallback = enableFallback
        self.ollama = ollama
        self.openRouter = openRouter
        self.openRouterAppName = openRouterAppName
        self.openRouterSiteURL = openRouterSiteURL
        self.theme = theme
        self.keymap = keymap
        self.dataDirectory = dataDirectory
        self.extraProviders = extraProviders
    }

    /// OpenRouter is usable only when enabled and given a key; without one it is "not configured".
    public var isOpenRouterConfigured: Bool { openRouter.enabled && openRouter.apiKey != nil }
}
