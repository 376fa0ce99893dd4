import ChatCore
import Providers
import Testing

@Suite struct SettingsLoaderTests {
    private func load(dotEnv: [String: String] = [:], environment: [String: String] = ["HOME": "/home/u"], flags: [String: String] = [:]) -> ConfigurationReport {
        SettingsLoader.load(ConfigLayers(dotEnv: dotEnv, environment: environment, flags: flags))
    }

    private func source(_ report: ConfigurationReport, _ name: String) -> EffectiveSetting? {
        report.effective.first { $0.name == name }
    }

    @Test func defaultsAreTheSeeds() throws {
        let report = load()
        #expect(report.errors.isEmpty)
        let settings = try #require(report.settings)
        #expect(settings.preferredProvider == .provider(.openrouter))
        #expect(settings.enableFallback)
        #expect(settings.ollama == ProviderSettings(
            enabled: true, baseURL: "http://localhost:11434", defaultModel: "llama2", timeoutSeconds: 30, maxRetries: 3,
            temperature: 0.7, maxTokens: nil, streaming: true, healthCheckIntervalSeconds: 60, autoHealthCheck: true
        ))
        #expect(settings.openRouter.baseURL == "https://openrouter.ai/api/v1")
        #expect(settings.openRouter.defaultModel == "anthropic/claude-3.5-sonnet")
        #expect(settings.dataDirectory == "/home/u/.local/share/parley")
        #expect(report.effective.map(\.name) == ConfigVariable.all.map(\.name))
        #expect(report.effective.allSatisfy { $0.source == .defaultValue })
    }

    @Test func flagBeatsEnvironmentBeatsDotEnvBeatsDefault() throws {
        let report = load(
            dotEnv: ["OLLAMA_TIMEOUT": "10", "OLLAMA_MAX_RETRIES": "1", "OLLAMA_DEFAULT_MODEL": "mistral"],
            environment: ["OLLAMA_TIMEOUT": "20", "OLLAMA_MAX_RETRIES": "2"],
            flags: ["OLLAMA_TIMEOUT": "40"]
        )
        let settings = try #require(report.settings)
        #expect(settings.ollama.timeoutSeconds == 40)
        #expect(settings.ollama.maxRetries == 2)
        #expect(settings.ollama.defaultModel == "mistral")
        #expect(settings.ollama.temperature == 0.7)
        #expect(source(report, "OLLAMA_TIMEOUT")?.source == .flag)
        #expect(source(report, "OLLAMA_MAX_RETRIES")?.source == .environment)
        #expect(source(report, "OLLAMA_DEFAULT_MODEL")?.source == .dotEnv)
        #expect(source(report, "OLLAMA_TEMPERATURE")?.source == .defaultValue)
    }

    @Test(arguments: [
        ("gpu-box", "http://gpu-box:11434"),
        ("gpu-box:9999", "http://gpu-box:9999"),
        (":5555", "http://127.0.0.1:5555"),
        ("0.0.0.0", "http://127.0.0.1:11434"),
        ("0.0.0.0:8080", "http://127.0.0.1:8080"),
        ("http://10.0.0.2:11434/", "http://10.0.0.2:11434"),
        ("https://ollama.example.com", "https://ollama.example.com"),
    ])
    func ollamaHostIsAnAliasOfBaseURL(host: String, expected: String) throws {
        let report = load(environment: ["OLLAMA_HOST": host])
        #expect(try #require(report.settings).ollama.baseURL == expected)
        #expect(source(report, "OLLAMA_BASE_URL")?.via == "OLLAMA_HOST")
    }

    @Test func baseURLWinsOverOllamaHostInTheSameLayerButAHigherLayerWins() throws {
        let sameLayer = load(environment: ["OLLAMA_HOST": "a:1", "OLLAMA_BASE_URL": "http://b:2"])
        #expect(try #require(sameLayer.settings).ollama.baseURL == "http://b:2")
        let higherLayer = load(dotEnv: ["OLLAMA_BASE_URL": "http://b:2"], environment: ["OLLAMA_HOST": "a:1"])
        #expect(try #require(higherLayer.settings).ollama.baseURL == "http://a:1")
    }

    @Test func everyBadValueIsReportedAtOnce() {
        let report = load(dotEnv: [
            "PREFERRED_PROVIDER": "olama",
            "ENABLE_FALLBACK": "sometimes",
            "OLLAMA_ENABLED": "2",
            "OLLAMA_BASE_URL": "localhost:11434",
            "OLLAMA_TIMEOUT": "abc",
            "OLLAMA_MAX_RETRIES": "-1",
            "OLLAMA_TEMPERATURE": "3",
            "OLLAMA_MAX_TOKENS": "0",
            "OLLAMA_STREAMING": "y",
            "OLLAMA_HEALTH_CHECK_INTERVAL": "0",
            "OLLAMA_AUTO_HEALTH_CHECK": "nah",
            "OPENROUTER_BASE_URL": "ftp://x",
            "OPENROUTER_TIMEOUT": "-5",
            "OPENROUTER_MAX_RETRIES": "eleven",
            "OPENROUTER_TEMPERATURE": "hot",
            "OPENROUTER_MAX_TOKENS": "1.5",
            "OPENROUTER_API_KEY": "sk-or-v1-with space-0123456789",
            "PARLEY_PROVIDERS": "gpu=ollama",
        ])
        #expect(report.settings == nil)
        let messages = report.errors.map(\.description)
        #expect(messages == [
            "PREFERRED_PROVIDER=olama: unknown provider; known providers: openrouter, ollama, demo, auto",
            "ENABLE_FALLBACK=sometimes: expected true or false",
            "OLLAMA_ENABLED=2: expected true or false",
            "OLLAMA_BASE_URL=localhost:11434: expected an http:// or https:// URL",
            "OLLAMA_TIMEOUT=abc: expected a number of seconds > 0 and at most 86400",
            "OLLAMA_MAX_RETRIES=-1: expected a whole number from 0 to 10",
            "OLLAMA_TEMPERATURE=3: expected a number from 0 to 2",
            "OLLAMA_MAX_TOKENS=0: expected a whole number from 1 to 10000000, or empty for unlimited",
            "OLLAMA_STREAMING=y: expected true or false",
            "OLLAMA_HEALTH_CHECK_INTERVAL=0: expected a number of seconds > 0 and at most 86400",
            "OLLAMA_AUTO_HEALTH_CHECK=nah: expected true or false",
            "OPENROUTER_API_KEY=sk-or-v1-…6789: expected a key without spaces or control characters",
            "OPENROUTER_BASE_URL=ftp://x: expected an http:// or https:// URL",
            "OPENROUTER_TIMEOUT=-5: expected a number of seconds > 0 and at most 86400",
            "OPENROUTER_MAX_RETRIES=eleven: expected a whole number from 0 to 10",
            "OPENROUTER_TEMPERATURE=hot: expected a number from 0 to 2",
            "OPENROUTER_MAX_TOKENS=1.5: expected a whole number from 1 to 10000000, or empty for unlimited",
            "PARLEY_PROVIDERS=gpu=ollama: entry 'gpu=ollama' is not NAME=ollama@URL or NAME=openai@URL",
        ])
    }

    @Test func numbersTooLargeForAnySensibleSettingAreRefusedWithTheirRange() {
        let report = load(dotEnv: [
            "OLLAMA_TIMEOUT": "1e300", "OPENROUTER_HEALTH_CHECK_INTERVAL": "inf", "OLLAMA_MAX_TOKENS": "99999999999",
        ])
        #expect(report.settings == nil)
        #expect(report.errors.map(\.description) == [
            "OLLAMA_TIMEOUT=1e300: expected a number of seconds > 0 and at most 86400",
            "OLLAMA_MAX_TOKENS=99999999999: expected a whole number from 1 to 10000000, or empty for unlimited",
            "OPENROUTER_HEALTH_CHECK_INTERVAL=inf: expected a number of seconds > 0 and at most 86400",
        ])
    }

    @Test func badOllamaHostNamesTheAlias() {
        let report = load(environment: ["OLLAMA_HOST": "http://"])
        #expect(report.errors.map(\.description) == ["OLLAMA_HOST=http://: expected host, host:port or an http:// URL"])
    }

    @Test func missingAPIKeyMeansNotConfiguredNotAnError() throws {
        let settings = try #require(load(environment: ["OPENROUTER_API_KEY": ""]).settings)
        #expect(settings.openRouter.apiKey == nil)
        #expect(!settings.isOpenRouterConfigured)
    }

    @Test func apiKeyIsMaskedInTheEffectiveSettings() throws {
        let secret = "sk-or-v1-0123456789abcdef0123456789abcdef9f3a"
        let report = load(environment: ["OPENROUTER_API_KEY": secret])
        #expect(try #require(report.settings).openRouter.apiKey?.revealedForRequest == secret)
        #expect(source(report, "OPENROUTER_API_KEY")?.value == "sk-or-v1-…9f3a")
        #expect(try #require(report.settings).isOpenRouterConfigured)
    }

    @Test func extraProvidersAreParsedAndBecomeKnownPreferences() throws {
        let report = load(environment: [
            "PARLEY_PROVIDERS": "gpu=ollama@http://gpu-box:11434, lms=openai@http://127.0.0.1:1234/v1/",
            "PREFERRED_PROVIDER": "lms",
        ])
        let settings = try #require(report.settings)
        #expect(settings.extraProviders.map(\.id) == ["gpu", "lms"])
        #expect(settings.extraProviders.map(\.kind) == [.ollama, .openAICompatible])
        #expect(settings.extraProviders.map(\.baseURL) == ["http://gpu-box:11434", "http://127.0.0.1:1234/v1"])
        #expect(settings.preferredProvider == .provider("lms"))
    }

    @Test func extraProviderNamesMustBeFreeAndUnique() {
        let report = load(environment: ["PARLEY_PROVIDERS": "ollama=ollama@http://a,x=ollama@http://b,x=openai@http://c,9z=ollama@http://d"])
        #expect(report.errors.count == 3)
    }

    @Test func twoNamesThatWouldShareTheirSettingsAreRefused() {
        let report = load(environment: ["PARLEY_PROVIDERS": "gpu-box=ollama@http://a,gpu_box=ollama@http://b"])
        #expect(report.errors.map(\.description).joined().contains("would share the settings GPU_BOX_*"))
    }

    @Test func aNamedProviderHasItsOwnSettings() throws {
        let key = "gsk_live_0123456789abcdef"
        let report = load(dotEnv: [
            "PARLEY_PROVIDERS": "gpu-box=ollama@http://127.0.0.1:11435,groq=openai@https://api.groq.com/openai/v1",
            "GPU_BOX_TIMEOUT": "90", "GPU_BOX_MAX_CONCURRENT": "4", "GPU_BOX_DEFAULT_MODEL": "llama3",
            "GROQ_API_KEY": key, "GROQ_TEMPERATURE": "0.2", "GROQ_MAX_TOKENS": "512", "GROQ_ENABLED": "false",
        ])
        let settings = try #require(report.settings, "\(report.errors)")
        let box = settings.extraProviders[0].settings, groq = settings.extraProviders[1].settings
        #expect(box.timeoutSeconds == 90)
        #expect(box.maxConcurrent == 4)
        #expect(box.defaultModel == "llama3")
        #expect(box.apiKey == nil)
        #expect(groq.apiKey?.revealedForRequest == key)
        #expect(groq.temperature == 0.2)
        #expect(groq.maxTokens == 512)
        #expect(!groq.enabled)
        #expect(groq.maxConcurrent == nil)
        #expect(source(report, "GROQ_API_KEY")?.value == APIKey.mask(key))
        #expect(source(report, "GPU_BOX_MAX_CONCURRENT")?.source == .dotEnv)
    }

    @Test func anUnsetNamedSettingIsItsFamilysAndSaysSo() throws {
        let report = load(dotEnv: ["PARLEY_PROVIDERS": "gpu=ollama@http://127.0.0.1:11435,lms=openai@http://127.0.0.1:1234/v1"], environment: ["OLLAMA_TIMEOUT": "45"])
        let settings = try #require(report.settings)
        #expect(settings.extraProviders[0].settings.timeoutSeconds == 45)
        #expect(settings.extraProviders[1].settings.maxTokens == 4096)
        #expect(source(report, "GPU_TIMEOUT")?.source == .environment)
        #expect(source(report, "GPU_TIMEOUT")?.via == "OLLAMA_TIMEOUT")
        #expect(source(report, "GPU_TIMEOUT")?.value == "45")
        #expect(source(report, "LMS_MAX_TOKENS")?.via == "OPENROUTER_MAX_TOKENS")
        // A default model and a key are never borrowed.
        #expect(settings.extraProviders[0].settings.defaultModel == "")
        #expect(source(report, "GPU_DEFAULT_MODEL")?.via == nil)
        // Every named setting has its row, after the fixed ones.
        let names = report.effective.map(\.name)
        for setting in NamedProviderSetting.all { #expect(names.contains(setting.variable(for: "gpu"))) }
        #expect(names.firstIndex(of: "GPU_ENABLED")! > names.firstIndex(of: "PARLEY_SERVE_TOKEN")!)
    }

    @Test func aBadNamedSettingIsReportedByItsName() {
        let report = load(dotEnv: [
            "PARLEY_PROVIDERS": "gpu=ollama@http://127.0.0.1:11435", "GPU_TIMEOUT": "abc", "GPU_MAX_CONCURRENT": "0", "GPU_TEMPERATURE": "9",
        ])
        let errors = report.errors.map(\.description)
        #expect(errors.count == 3)
        #expect(errors.contains { $0.hasPrefix("GPU_TIMEOUT=abc: expected a number of seconds") })
        #expect(errors.contains { $0.hasPrefix("GPU_MAX_CONCURRENT=0: expected a whole number from 1 to 1000") })
        #expect(errors.contains { $0.hasPrefix("GPU_TEMPERATURE=9: expected a number from 0 to 2") })
    }

    @Test func aBadFamilySettingIsReportedOnceNotAgainForEachNamedProvider() {
        let report = load(dotEnv: ["PARLEY_PROVIDERS": "gpu=ollama@http://127.0.0.1:11435", "OLLAMA_TIMEOUT": "abc"])
        #expect(report.errors.map(\.variable) == ["OLLAMA_TIMEOUT"])
    }

    @Test func aNamedSettingIsNotReportedAsUnknown() {
        let report = load(dotEnv: ["PARLEY_PROVIDERS": "parley_box=ollama@http://127.0.0.1:11435", "PARLEY_BOX_TIMEOUT": "5"])
        #expect(report.warnings.isEmpty, "\(report.warnings)")
    }

    @Test func preferenceIsCaseInsensitiveAndAcceptsAuto() throws {
        #expect(try #require(load(environment: ["PREFERRED_PROVIDER": "Ollama"]).settings).preferredProvider == .provider(.ollama))
        #expect(try #require(load(environment: ["PREFERRED_PROVIDER": "auto"]).settings).preferredProvider == .auto)
    }

    @Test func emptyValueMeansDefault() throws {
        let settings = try #require(load(dotEnv: ["OLLAMA_TIMEOUT": "", "OLLAMA_MAX_TOKENS": ""]).settings)
        #expect(settings.ollama.timeoutSeconds == 30)
        #expect(settings.ollama.maxTokens == nil)
    }

    @Test func dataDirectoryFollowsXDGAndExpandsTilde() throws {
        #expect(try #require(load(environment: ["HOME": "/h", "XDG_DATA_HOME": "/xdg"]).settings).dataDirectory == "/xdg/parley")
        #expect(try #require(load(environment: ["HOME": "/h", "XDG_DATA_HOME": "relative"]).settings).dataDirectory == "/h/.local/share/parley")
        #expect(try #require(load(environment: ["HOME": "/h", "PARLEY_DATA_DIR": "~/chats"]).settings).dataDirectory == "/h/chats")
    }

    @Test func unknownParleyVariableIsAWarning() {
        let report = load(dotEnv: ["PARLEY_THEM": "light"])
        #expect(report.errors.isEmpty)
        #expect(report.warnings.count == 1)
        #expect(report.warnings[0].hasPrefix("PARLEY_THEM (.env) is not a Parley setting"))
    }
}

@Suite struct PoolSettingsTests {
    private func load(_ pools: String, providers: String = "box1=ollama@http://127.0.0.1:1,box2=ollama@http://127.0.0.1:2,box3=ollama@http://127.0.0.1:3") -> ConfigurationReport {
        SettingsLoader.load(ConfigLayers(environment: ["HOME": "/h", "PARLEY_PROVIDERS": providers, "PARLEY_POOLS": pools]))
    }

    @Test func poolsAreReadWithTheirOrder() throws {
        let settings = try #require(load("gpus=box1,box2,box3;big=box3>box1, cpu=ollama, box2").settings)
        #expect(settings.pools == [
            ProviderPoolSettings(id: "gpus", members: ["box1", "box2", "box3"], order: .balanced),
            ProviderPoolSettings(id: "big", members: ["box3", "box1"], order: .priority),
            ProviderPoolSettings(id: "cpu", members: ["ollama", "box2"], order: .balanced),
        ])
    }

    @Test func aPoolCanBeThePreferredProvider() throws {
        let report = SettingsLoader.load(ConfigLayers(environment: [
            "HOME": "/h", "PARLEY_PROVIDERS": "box1=ollama@http://127.0.0.1:1", "PARLEY_POOLS": "gpus=box1", "PREFERRED_PROVIDER": "gpus",
        ]))
        #expect(try #require(report.settings).preferredProvider == .provider("gpus"))
    }

    @Test(arguments: [
        ("gpus=box1,box9", "'box9' is not a provider (members may be: ollama, openrouter, box1, box2, box3)"),
        ("gpus=box1,demo", "'demo' is not a provider"),
        ("box1=box2,box3", "name 'box1' is already a provider's"),
        ("gpus=box1,box1", "'box1' is listed twice"),
        ("gpus=box1>box2,box3", "not both"),
        ("gpus=", "a member's name is missing"),
        ("box1,box2", "is not NAME=MEMBER,MEMBER"),
        ("gpus=box1;gpus=box2", "name 'gpus' is used twice"),
        ("9g=box1", "must start with a letter"),
    ])
    func aWrongPoolIsReportedWithWhy(pools: String, message: String) {
        let report = load(pools)
        #expect(report.settings == nil)
        #expect(report.errors.map(\.description).joined().contains(message), "\(report.errors)")
    }
}
