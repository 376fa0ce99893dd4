import ChatCore
import Providers
import Testing

/// Where keys and URL credentials may go: out of every URL that is shown, over plain http only
/// to this machine or by opt-in, and never where a `.env` alone redirects them.
@Suite struct SecretSettingsTests {
    static let key = "sk-or-v1-0123456789abcdef0123456789abcdef9f3a"

    private func load(dotEnv: [String: String] = [:], environment: [String: String] = [:]) -> ConfigurationReport {
        SettingsLoader.load(ConfigLayers(dotEnv: dotEnv, environment: ["HOME": "/home/u"].merging(environment) { $1 }))
    }

    private func everythingShown(_ report: ConfigurationReport) -> String {
        (report.effective.map { "\($0.name)=\($0.value)" } + report.errors.map(\.description) + report.warnings).joined(separator: "\n")
    }

    @Test func aUserAndPasswordInABaseURLAreTakenOutOfItAndNeverShown() throws {
        let report = load(dotEnv: [
            "OLLAMA_BASE_URL": "http://alice:s3cr%40tpass@127.0.0.1:11434",
            "PARLEY_PROVIDERS": "gpu=openai@https://bob:hunter2hunter2@gpu.example:8000/v1",
        ])
        let settings = try #require(report.settings, "\(report.errors)")
        #expect(settings.ollama.baseURL == "http://127.0.0.1:11434")
        #expect(settings.ollama.credentials?.revealedForRequest.user == "alice")
        #expect(settings.ollama.credentials?.revealedForRequest.password == "s3cr@tpass")
        #expect(settings.extraProviders.first?.baseURL == "https://gpu.example:8000/v1")
        #expect(settings.extraProviders.first?.settings.credentials?.revealedForRequest.password == "hunter2hunter2")
        let shown = everythingShown(report) + "\(settings)"
        for secret in ["s3cr", "alice", "hunter2", "bob:"] { #expect(!shown.contains(secret), "\(secret) shown") }
        #expect(shown.contains("OLLAMA_BASE_URL=http://…@127.0.0.1:11434"))
    }

    @Test func aBadURLWithCredentialsIsReportedWithoutThem() {
        let report = load(dotEnv: ["OPENROUTER_BASE_URL": "ftp://carol:topsecret99@x", "PARLEY_PROVIDERS": "gpu=nope@http://dave:pw12345678@h"])
        let shown = everythingShown(report)
        #expect(!report.errors.isEmpty)
        #expect(!shown.contains("topsecret99"))
        #expect(!shown.contains("pw12345678"))
    }

    @Test func aKeyGoesOverPlainHTTPOnlyToThisMachineOrByOptIn() throws {
        let remote = load(environment: ["OPENROUTER_API_KEY": Self.key, "OPENROUTER_BASE_URL": "http://proxy.example.com/api/v1"])
        #expect(remote.settings == nil)
        let message = remote.errors.map(\.description).joined()
        #expect(message.contains("OPENROUTER_BASE_URL=http://proxy.example.com/api/v1"))
        #expect(message.contains("OPENROUTER_ALLOW_INSECURE_KEY=true"))
        let optedIn = load(environment: [
            "OPENROUTER_API_KEY": Self.key, "OPENROUTER_BASE_URL": "http://proxy.example.com/api/v1", "OPENROUTER_ALLOW_INSECURE_KEY": "true",
        ])
        #expect(optedIn.errors.isEmpty)
        #expect(load(environment: ["OPENROUTER_API_KEY": Self.key, "OPENROUTER_BASE_URL": "http://127.0.0.1:8080/api/v1"]).errors.isEmpty)
        #expect(load(environment: ["OPENROUTER_API_KEY": Self.key, "OPENROUTER_BASE_URL": "https://proxy.example.com/api/v1"]).errors.isEmpty)
        // A URL's password follows the same rule.
        let password = load(dotEnv: ["PARLEY_PROVIDERS": "gpu-box=ollama@http://u:longpassword@gpu.lan:11434"])
        #expect(password.errors.map(\.description).joined().contains("GPU_BOX_ALLOW_INSECURE_KEY=true"))
        #expect(load(dotEnv: ["PARLEY_PROVIDERS": "gpu-box=ollama@http://u:longpassword@gpu.lan:11434", "GPU_BOX_ALLOW_INSECURE_KEY": "true"]).errors.isEmpty)
    }

    @Test func aNamedProvidersKeyFollowsTheSameRules() {
        let remote = load(environment: ["PARLEY_PROVIDERS": "vllm=openai@http://gpu.lan:8000/v1", "VLLM_API_KEY": Self.key])
        #expect(remote.errors.map(\.description).joined().contains("VLLM_ALLOW_INSECURE_KEY=true"))
        #expect(!everythingShown(remote).contains(Self.key))
        #expect(load(environment: ["PARLEY_PROVIDERS": "vllm=openai@https://gpu.lan/v1", "VLLM_API_KEY": Self.key]).errors.isEmpty)
        // A .env that names the provider may not send a key from the environment to its host.
        let redirected = load(dotEnv: ["PARLEY_PROVIDERS": "vllm=openai@https://evil.example/v1"], environment: ["VLLM_API_KEY": Self.key])
        #expect(redirected.errors.map(\.description).joined().contains("would send VLLM_API_KEY"))
    }

    @Test func aNamedProviderNeverBorrowsAnotherProvidersKey() throws {
        let report = load(environment: [
            "OPENROUTER_API_KEY": Self.key,
            "PARLEY_PROVIDERS": "lms=openai@http://127.0.0.1:1234/v1,groq=openai@https://api.groq.com/openai/v1,box=ollama@http://127.0.0.1:11435",
            "GROQ_API_KEY": "gsk_groq0123456789",
        ])
        let settings = try #require(report.settings, "\(report.errors)")
        let registry = ProviderRegistry.make(settings: settings, transport: Unreachable())
        #expect((registry.provider("lms") as? OpenAICompatibleProvider)?.preset.apiKey == nil)
        #expect((registry.provider("groq") as? OpenAICompatibleProvider)?.preset.apiKey?.revealedForRequest == "gsk_groq0123456789")
        #expect((registry.provider("box") as? OllamaProvider)?.settings.apiKey == nil)
    }

    @Test func aDotEnvCannotRedirectAKeySetElsewhere() {
        let redirected = load(dotEnv: ["OPENROUTER_BASE_URL": "https://collector.example/api/v1"], environment: ["OPENROUTER_API_KEY": Self.key])
        #expect(redirected.settings == nil)
        let message = redirected.errors.map(\.description).joined()
        #expect(message.contains("OPENROUTER_BASE_URL=https://collector.example/api/v1"))
        #expect(message.contains("the .env in this folder would send OPENROUTER_API_KEY, which comes from the environment, to collector.example"))
        #expect(!message.contains("0123456789abcdef"))
        // Its own key, the provider's own host, this machine, or the URL set beside the key: fine.
        #expect(load(dotEnv: ["OPENROUTER_BASE_URL": "https://collector.example/api/v1", "OPENROUTER_API_KEY": Self.key]).errors.isEmpty)
        #expect(load(dotEnv: ["OPENROUTER_BASE_URL": "https://openrouter.ai/api/v2"], environment: ["OPENROUTER_API_KEY": Self.key]).errors.isEmpty)
        #expect(load(dotEnv: ["OPENROUTER_BASE_URL": "http://localhost:8080/api/v1"], environment: ["OPENROUTER_API_KEY": Self.key]).errors.isEmpty)
        #expect(load(environment: ["OPENROUTER_BASE_URL": "https://collector.example/api/v1", "OPENROUTER_API_KEY": Self.key]).errors.isEmpty)
    }
}

/// A transport for providers that are built but never asked.
private struct Unreachable: HTTPStreaming {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw ProviderError(.connectionFailed, "no network in this test")
    }
}
