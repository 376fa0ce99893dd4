import ChatCore
import Foundation

/// Turns configuration layers into typed `Settings`, collecting every bad value rather than
/// stopping at the first, and recording where each effective value came from.
public struct SettingsLoader {
    private let layers: ConfigLayers
    private var effective: [EffectiveSetting] = []
    private var errors: [ConfigurationError] = []
    private var warnings: [String] = []
    /// Every variable known so far: the fixed ones, then each `PARLEY_PROVIDERS` name's.
    private var variables = Dictionary(uniqueKeysWithValues: ConfigVariable.all.map { ($0.name, $0) })

    private init(layers: ConfigLayers) {
        self.layers = layers
    }

    public static func load(_ layers: ConfigLayers) -> ConfigurationReport {
        var loader = SettingsLoader(layers: layers)
        let settings = loader.makeSettings()
        loader.warnAboutUnknownVariables()
        // The fixed variables in their listed order, then each named provider's as read.
        var order = Dictionary(uniqueKeysWithValues: ConfigVariable.all.enumerated().map { ($1.name, $0) })
        for (index, setting) in loader.effective.enumerated() where order[setting.name] == nil {
            order[setting.name] = ConfigVariable.all.count + index
        }
        return ConfigurationReport(
            effective: loader.effective.sorted { order[$0.name, default: .max] < order[$1.name, default: .max] },
            errors: loader.errors.sorted { order[$0.variable, default: .max] < order[$1.variable, default: .max] },
            warnings: loader.warnings,
            settings: loader.errors.isEmpty ? settings : nil
        )
    }

    private mutating func makeSettings() -> Settings {
        let entries = readExtraProviderList()
        let pools = readPools(providers: [.ollama, .openrouter] + entries.map(\.id))
        let preference = readPreference(extraProviders: entries.map(\.id) + pools.map(\.id))
        let enableFallback = bool("ENABLE_FALLBACK")
        let ollama = providerSettings(.ollama, urlVariable: "OLLAMA_BASE_URL", url: ollamaBaseURL(), apiKey: nil)
        let openRouterURL = url("OPENROUTER_BASE_URL")
        let openRouter = providerSettings(.openrouter, urlVariable: "OPENROUTER_BASE_URL", url: openRouterURL, apiKey: apiKey("OPENROUTER_API_KEY"))
        let extraProviders = entries.map { entry in
            ExtraProvider(id: entry.id, kind: entry.kind, settings: namedProviderSettings(entry, family: entry.kind == .ollama ? ollama : openRouter))
        }
        let appName = text("OPENROUTER_APP_NAME")
        let siteURL = text("OPENROUTER_SITE_URL")
        let theme = text("PARLEY_THEME")
        let keymap = text("PARLEY_KEYMAP")
        let serveToken = apiKey("PARLEY_SERVE_TOKEN")
        let dataDirectory = readDataDirectory()
        return Settings(
            preferredProvider: preference, enableFallback: enableFallback, ollama: ollama, openRouter: openRouter,
            openRouterAppName: appName, openRouterSiteURL: siteURL, theme: theme, dataDirectory: dataDirectory,
            extraProviders: extraProviders, pools: pools, keymap: keymap, serveToken: serveToken
        )
    }

    /// The `PREFIX_*` settings of `id` (`OLLAMA_*`, `GPU_*`), for the provider at `url`, which
    /// `urlVariable` sets; a user and password in the URL are taken out of it.
    private mutating func providerSettings(
        _ id: ProviderID, urlVariable: String, url withCredentials: String, credentials given: URLCredentials? = nil, apiKey: APIKey?
    ) -> ProviderSettings {
        let prefix = id.settingsPrefix
        let (url, found) = BaseURL.splittingCredentials(withCredentials)
        let credentials = given ?? found
        let allowsInsecureKey = bool("\(prefix)_ALLOW_INSECURE_KEY")
        if apiKey != nil || credentials != nil, !allowsInsecureKey {
            refuseInsecureKey(urlVariable: urlVariable, url: url, optIn: "\(prefix)_ALLOW_INSECURE_KEY")
        }
        if apiKey != nil { refuseRedirectedKey(keyVariable: "\(prefix)_API_KEY", urlVariable: urlVariable, url: url) }
        return ProviderSettings(
            enabled: bool("\(prefix)_ENABLED"),
            baseURL: url,
            defaultModel: text("\(prefix)_DEFAULT_MODEL"),
            timeoutSeconds: seconds("\(prefix)_TIMEOUT"),
            maxRetries: integer("\(prefix)_MAX_RETRIES", in: 0...10),
            temperature: number("\(prefix)_TEMPERATURE", in: 0...2),
            maxTokens: optionalInteger("\(prefix)_MAX_TOKENS", in: ChatRequest.maxTokensRange, emptyMeans: "unlimited"),
            streaming: bool("\(prefix)_STREAMING"),
            healthCheckIntervalSeconds: seconds("\(prefix)_HEALTH_CHECK_INTERVAL"),
            autoHealthCheck: bool("\(prefix)_AUTO_HEALTH_CHECK"),
            apiKey: apiKey,
            credentials: credentials,
            maxConcurrent: optionalInteger("\(prefix)_MAX_CONCURRENT", in: 1...Self.mostConcurrent, emptyMeans: "no limit")
        )
    }

    /// The most answers a `*_MAX_CONCURRENT` may let stream from one provider at once.
    static let mostConcurrent = 1000

    /// A `PARLEY_PROVIDERS` entry's settings: its own `NAME_*` variables, each unset one as its
    /// family (`family`, the typed `OLLAMA_*` or `OPENROUTER_*`) has it, shown so in `parley config`.
    private mutating func namedProviderSettings(_ entry: ExtraProviderList.Entry, family: ProviderSettings) -> ProviderSettings {
        let familyPrefix = NamedProviderSetting.family(of: entry.kind).settingsPrefix
        let inherited: [String: String] = [
            "TIMEOUT": family.timeoutSeconds.formatted, "MAX_RETRIES": String(family.maxRetries),
            "TEMPERATURE": family.temperature.formatted, "MAX_TOKENS": family.maxTokens.map(String.init) ?? "",
            "STREAMING": String(family.streaming), "HEALTH_CHECK_INTERVAL": family.healthCheckIntervalSeconds.formatted,
            "AUTO_HEALTH_CHECK": String(family.autoHealthCheck),
        ]
        for setting in NamedProviderSetting.all {
            let name = setting.variable(for: entry.id)
            let defaultValue = setting.inheritsFamily ? inherited[setting.suffix] ?? "" : setting.defaultValue
            variables[name] = ConfigVariable(name, defaultValue, setting.comment, isSecret: setting.isSecret)
        }
        let start = effective.count
        let key = apiKey("\(entry.id.settingsPrefix)_API_KEY")
        let settings = providerSettings(entry.id, urlVariable: "PARLEY_PROVIDERS", url: entry.baseURL, credentials: entry.credentials, apiKey: key)
        let suffixes = NamedProviderSetting.all.map(\.suffix)
        func suffix(_ setting: EffectiveSetting) -> String { String(setting.name.dropFirst(entry.id.settingsPrefix.count + 1)) }
        // What was not set is the family's: say whose, and where that came from.
        for index in start..<effective.count where effective[index].source == .defaultValue {
            let suffix = suffix(effective[index])
            guard inherited[suffix] != nil, let source = effective.first(where: { $0.name == "\(familyPrefix)_\(suffix)" }) else { continue }
            effective[index].source = source.source
            effective[index].via = source.name
        }
        effective[start...].sort { suffixes.firstIndex(of: suffix($0)) ?? 0 < suffixes.firstIndex(of: suffix($1)) ?? 0 }
        return settings
    }

    // MARK: - Where secrets may go

    /// A key or a URL's password goes over plain `http://` only to this machine, unless the
    /// user opted in for that provider.
    private mutating func refuseInsecureKey(urlVariable: String, url: String, optIn: String) {
        guard BaseURL.isPlainHTTP(url), !BaseURL.isLoopback(url) else { return }
        fail(urlVariable, url, "a key or password would go over plain http:// to \(BaseURL.host(of: url) ?? url), where anyone on the way can read it; use https://, or set \(optIn)=true if you trust every network in between")
    }

    /// A `.env` comes with any project a user clones: it may not send a key set elsewhere (the
    /// environment, a flag) to a host of its choosing. Its own key, the provider's own host
    /// and this machine are fine.
    private mutating func refuseRedirectedKey(keyVariable: String, urlVariable: String, url: String) {
        guard let keySource = layers.lookup(keyVariable)?.source, keySource != .dotEnv,
              layers.lookup(urlVariable)?.source == .dotEnv,
              let host = BaseURL.host(of: url), !BaseURL.isLoopback(url),
              host != variables[urlVariable].flatMap({ BaseURL.host(of: $0.defaultValue) })
        else { return }
        fail(urlVariable, url, "the .env in this folder would send \(keyVariable), which comes from the \(keySource.rawValue), to \(host); Parley does not let a .env redirect a key set elsewhere. Set \(urlVariable) in the \(keySource.rawValue) too if you mean it, or put the key in this .env")
    }

    // MARK: - Reading one variable

    /// The effective raw value of `name` (trimmed), recorded for `parley config`. An empty
    /// value means the default, but the layer that set it is still the one reported.
    /// Values are recorded as `shown` makes them, and never with the user and password of a URL.
    private mutating func raw(_ name: String, aliases: [String] = [], shown: (String) -> String = BaseURL.maskingCredentials(in:)) -> (value: String, source: ConfigSource) {
        let defaultValue = variables[name]?.defaultValue ?? ""
        guard let found = layers.lookup(name, aliases: aliases) else {
            effective.append(EffectiveSetting(name: name, value: shown(defaultValue), source: .defaultValue))
            return (defaultValue, .defaultValue)
        }
        let trimmed = found.value.trimmingCharacters(in: .whitespaces)
        let value = trimmed.isEmpty ? defaultValue : trimmed
        let via = found.via == name ? nil : found.via
        effective.append(EffectiveSetting(name: name, value: shown(value), source: found.source, via: via))
        return (value, found.source)
    }

    /// The one place a bad value is reported: a URL's user and password never show in it.
    private mutating func fail(_ name: String, _ value: String, _ expected: String) {
        errors.append(ConfigurationError(
            variable: name, value: BaseURL.maskingCredentials(in: value), expected: BaseURL.maskingCredentials(in: expected)
        ))
    }

    /// Parses the effective value of `name`; a value that does not parse is reported and the
    /// default is used so that loading can go on and find the other errors too.
    private mutating func typed<T>(_ name: String, expected: String, _ parse: (String) -> T?) -> T {
        let (value, _) = raw(name)
        if let parsed = parse(value) { return parsed }
        fail(name, value, expected)
        return parse(variables[name]?.defaultValue ?? "")!
    }

    private mutating func text(_ name: String) -> String {
        raw(name).value
    }

    private mutating func bool(_ name: String) -> Bool {
        typed(name, expected: "expected true or false") { value in
            switch value.lowercased() {
            case "true", "1", "yes", "on": true
            case "false", "0", "no", "off": false
            default: nil
            }
        }
    }

    /// The longest timeout or interval a setting may ask for: a day. Longer ones are typos,
    /// and would overflow the arithmetic of durations.
    static let longestSeconds = 86_400.0

    private mutating func seconds(_ name: String) -> Double {
        typed(name, expected: "expected a number of seconds > 0 and at most \(Self.longestSeconds.formatted)") { value in
            guard let number = Double(value), number.isFinite, number > 0, number <= Self.longestSeconds else { return nil }
            return number
        }
    }

    private mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int {
        typed(name, expected: "expected a whole number from \(range.lowerBound) to \(range.upperBound)") { value in
            guard let number = Int(value), range.contains(number) else { return nil }
            return number
        }
    }

    private mutating func number(_ name: String, in range: ClosedRange<Double>) -> Double {
        let bounds = "\(range.lowerBound.formatted) to \(range.upperBound.formatted)"
        return typed(name, expected: "expected a number from \(bounds)") { value in
            guard let number = Double(value), range.contains(number) else { return nil }
            return number
        }
    }

    /// A whole number in `range`, or empty for none: `emptyMeans` says what none is.
    private mutating func optionalInteger(_ name: String, in range: ClosedRange<Int>, emptyMeans: String) -> Int? {
        typed(name, expected: "expected a whole number from \(range.lowerBound) to \(range.upperBound), or empty for \(emptyMeans)") { value -> Int?? in
            if value.isEmpty { return .some(nil) }
            guard let number = Int(value), range.contains(number) else { return nil }
            return .some(number)
        }
    }

    private mutating func url(_ name: String) -> String {
        typed(name, expected: "expected an http:// or https:// URL", BaseURL.normalized)
    }

    private mutating func ollamaBaseURL() -> String {
        let name = "OLLAMA_BASE_URL"
        let (value, _) = raw(name, aliases: [ConfigVariable.ollamaHostAlias])
        let readsAlias = effective.last?.via == ConfigVariable.ollamaHostAlias
        let parsed = readsAlias ? OllamaHost.baseURL(from: value) : BaseURL.normalized(value)
        if let parsed {
            effective[effective.count - 1].value = BaseURL.maskingCredentials(in: parsed)
            return parsed
        }
        if readsAlias {
            fail(ConfigVariable.ollamaHostAlias, value, "expected host, host:port or an http:// URL")
        } else {
            fail(name, value, "expected an http:// or https:// URL")
        }
        return ConfigVariable.named(name)!.defaultValue
    }

    private mutating func apiKey(_ name: String) -> APIKey? {
        let (value, _) = raw(name) { $0.isEmpty ? "" : APIKey.mask($0) }
        guard !value.isEmpty else { return nil }
        guard value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            fail(name, APIKey.mask(value), "expected a key without spaces or control characters")
            return nil
        }
        return APIKey(value)
    }

    private mutating func readExtraProviderList() -> [ExtraProviderList.Entry] {
        let name = "PARLEY_PROVIDERS"
        let (value, _) = raw(name)
        let (providers, problems) = ExtraProviderList.parse(value)
        for problem in problems { fail(name, value, problem) }
        return providers
    }

    private mutating func readPools(providers: [ProviderID]) -> [ProviderPoolSettings] {
        let name = "PARLEY_POOLS"
        let (value, _) = raw(name)
        let (pools, problems) = ProviderPoolList.parse(value, providers: providers)
        for problem in problems { fail(name, value, problem) }
        return pools
    }

    private mutating func readPreference(extraProviders: [ProviderID]) -> ProviderPreference {
        let name = "PREFERRED_PROVIDER"
        let (value, _) = raw(name)
        let known = ["openrouter", "ollama", "demo", "auto"] + extraProviders.map(\.rawValue)
        let lowered = value.lowercased()
        if lowered == "auto" { return .auto }
        if let match = known.first(where: { $0.lowercased() == lowered }) { return .provider(ProviderID(match)) }
        fail(name, value, "unknown provider; known providers: \(known.joined(separator: ", "))")
        return .provider(.openrouter)
    }

    private mutating func readDataDirectory() -> String {
        let (value, _) = raw("PARLEY_DATA_DIR")
        let environment = layers.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        if value == ConfigVariable.dataDirectoryDefault {
            let resolved = dataHome(environment: environment, home: home) + "/parley"
            effective[effective.count - 1].value = resolved
            return resolved
        }
        if value == "~" { return home }
        if value.hasPrefix("~/") { return home + value.dropFirst() }
        return value
    }

    /// `$XDG_DATA_HOME`, which the spec requires to be absolute, else `~/.local/share`.
    private func dataHome(environment: [String: String], home: String) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg }
        return home + "/.local/share"
    }

    private mutating func warnAboutUnknownVariables() {
        let known = Set(variables.keys)
        for (source, values) in layers.ordered {
            for name in values.keys.sorted() where name.hasPrefix("PARLEY_") && !known.contains(name) {
                warnings.append("\(name) (\(source.rawValue)) is not a Parley setting; known: \(known.filter { $0.hasPrefix("PARLEY_") }.sorted().joined(separator: ", "))")
            }
        }
    }
}

extension Double {
    /// `2` rather than `2.0` in messages.
    fileprivate var formatted: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
