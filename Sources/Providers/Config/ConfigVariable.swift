/// One configuration variable: its name, its default as written in `.env`, and what it does.
/// `ConfigVariable.all` is the single list that `parley config`, validation and
/// `.env.example` follow.
public struct ConfigVariable: Sendable, Hashable {
    public var name: String
    /// The default as text, exactly as it would be written in `.env` (empty = unset).
    public var defaultValue: String
    public var comment: String
    /// Printed masked everywhere.
    public var isSecret: Bool

    public init(_ name: String, _ defaultValue: String, _ comment: String, isSecret: Bool = false) {
        self.name = name
        self.defaultValue = defaultValue
        self.comment = comment
        self.isSecret = isSecret
    }

    /// The name Ollama and most of its clients use for the server address; read as an alias
    /// of `OLLAMA_BASE_URL`, which wins when both are set in the same place.
    public static let ollamaHostAlias = "OLLAMA_HOST"

    /// Stands for `$XDG_DATA_HOME/parley`, computed from the environment when loading.
    public static let dataDirectoryDefault = "$XDG_DATA_HOME/parley"

    public static let all: [ConfigVariable] = [
        ConfigVariable("PREFERRED_PROVIDER", "openrouter", "Provider tried first for a bare model name: openrouter, ollama, demo, auto, or a PARLEY_PROVIDERS name"),
        ConfigVariable("ENABLE_FALLBACK", "true", "When the preferred provider fails before the first token, try the next healthy one"),

        ConfigVariable("OLLAMA_ENABLED", "true", "Use a local Ollama server"),
        ConfigVariable("OLLAMA_BASE_URL", "http://localhost:11434", "Ollama server URL (OLLAMA_HOST, e.g. 127.0.0.1:11434, is accepted too)"),
        ConfigVariable("OLLAMA_DEFAULT_MODEL", "llama2", "Model used when none is named"),
        ConfigVariable("OLLAMA_TIMEOUT", "30", "Seconds allowed to connect and between streamed bytes (not a limit on a whole reply); the first byte may take 10x as long while a model loads"),
        ConfigVariable("OLLAMA_MAX_RETRIES", "3", "Retries before the first token, with exponential backoff"),
        ConfigVariable("OLLAMA_TEMPERATURE", "0.7", "Sampling temperature, 0 to 2"),
        ConfigVariable("OLLAMA_MAX_TOKENS", "", "Longest reply in tokens; empty = unlimited"),
        ConfigVariable("OLLAMA_STREAMING", "true", "Stream replies token by token"),
        ConfigVariable("OLLAMA_HEALTH_CHECK_INTERVAL", "60", "Seconds between health checks"),
        ConfigVariable("OLLAMA_AUTO_HEALTH_CHECK", "true", "Check health in the background every interval"),
        ConfigVariable("OLLAMA_MAX_CONCURRENT", "", "Most answers streaming from it at once; more wait their turn, the wait shown; empty = no limit"),
        ConfigVariable("OLLAMA_ALLOW_INSECURE_KEY", "false", "Allow a user and password in OLLAMA_BASE_URL over plain http:// to another machine (anyone on the way can read them)"),

        ConfigVariable("OPENROUTER_ENABLED", "true", "Use OpenRouter (needs OPENROUTER_API_KEY; without one it is 'not configured')"),
        ConfigVariable("OPENROUTER_API_KEY", "", "Your OpenRouter key (sk-or-v1-...); never shown, logged or saved", isSecret: true),
        ConfigVariable("OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1", "OpenRouter API URL"),
        ConfigVariable("OPENROUTER_DEFAULT_MODEL", "anthropic/claude-3.5-sonnet", "Model used when none is named"),
        ConfigVariable("OPENROUTER_TIMEOUT", "60", "Seconds allowed to connect and between streamed bytes (not a limit on a whole reply); the first byte may take 2x as long"),
        ConfigVariable("OPENROUTER_MAX_RETRIES", "3", "Retries before the first token on 408/429/502/503, honouring a short Retry-After"),
        ConfigVariable("OPENROUTER_TEMPERATURE", "0.7", "Sampling temperature, 0 to 2"),
        ConfigVariable("OPENROUTER_MAX_TOKENS", "4096", "Longest reply in tokens; empty = the model's maximum (OpenRouter may then refuse with 402)"),
        ConfigVariable("OPENROUTER_STREAMING", "true", "Stream replies token by token"),
        ConfigVariable("OPENROUTER_HEALTH_CHECK_INTERVAL", "60", "Seconds between health checks"),
        ConfigVariable("OPENROUTER_AUTO_HEALTH_CHECK", "true", "Check health in the background every interval"),
        ConfigVariable("OPENROUTER_MAX_CONCURRENT", "", "Most answers streaming from it at once; more wait their turn, the wait shown; empty = no limit"),
        ConfigVariable("OPENROUTER_ALLOW_INSECURE_KEY", "false", "Allow the key over plain http:// to another machine (anyone on the way can read it)"),
        ConfigVariable("OPENROUTER_APP_NAME", "Parley", "Sent as X-Title, shown on your OpenRouter activity page"),
        ConfigVariable("OPENROUTER_SITE_URL", "", "Sent as HTTP-Referer when set"),

        ConfigVariable("PARLEY_THEME", "dark", "Colour theme: dark, light, high-contrast, or a path to a theme file"),
        ConfigVariable("PARLEY_KEYMAP", "", "A file that rebinds the chat screen's keys: one 'action = key, key' per line (README, Keys)"),
        ConfigVariable("PARLEY_DATA_DIR", dataDirectoryDefault, "Where conversations and the log are kept (~/.local/share/parley when XDG_DATA_HOME is unset)"),
        ConfigVariable("PARLEY_PROVIDERS", "", "Extra providers: NAME=ollama@URL or NAME=openai@URL, comma-separated; each has its own NAME_* settings"),
        ConfigVariable("PARLEY_POOLS", "", "Pools of providers, each one name: NAME=MEMBER,MEMBER (loaded first, then least busy) or NAME=MEMBER>MEMBER (in priority order); ';' between pools"),
        ConfigVariable("PARLEY_SERVE_TOKEN", "", "The token parley serve asks of clients (Authorization: Bearer); needed to serve beyond this machine", isSecret: true),
    ]

    public static func named(_ name: String) -> ConfigVariable? {
        all.first { $0.name == name }
    }

    /// Whether `name` holds a secret: a fixed secret variable, or any provider's `*_API_KEY`.
    public static func isSecret(_ name: String) -> Bool {
        named(name)?.isSecret ?? name.hasSuffix("_API_KEY")
    }
}
