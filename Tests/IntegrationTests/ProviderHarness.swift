import ChatCore
import Clocks
import CurlTransport
import Foundation
import ProviderSimulator
import Providers
import Testing

/// Three simulated providers on loopback — Ollama, OpenRouter (with a key) and a second
/// Ollama registered as `gpu` — and Parley's real registry, health monitor and router on them.
struct ProviderHarness {
    static let apiKey = "sk-or-v1-harness0123456789abcdef0123456789abcdef42"

    let ollama: ProviderSimulator
    let openRouter: ProviderSimulator
    let gpu: ProviderSimulator
    let client: CurlHTTPClient
    let settings: Settings
    let registry: ProviderRegistry
    let monitor: HealthMonitor
    let router: FallbackRouter

    static let ollamaModels = [SimulatedModel(name: "llama2:latest"), SimulatedModel(name: "mistral:latest")]
    static let openRouterModels = [SimulatedModel(name: "anthropic/claude-3.5-sonnet"), SimulatedModel(name: "openai/gpt-4o")]
    static let gpuModels = [SimulatedModel(name: "llama3.2:latest"), SimulatedModel(name: "llama2:latest")]

    /// Fast retries, so the tests do not wait on backoff; a `Retry-After` over 1 s is "long".
    static let policy = RetryPolicy(baseDelay: .milliseconds(10), maxDelay: .milliseconds(40), longestRetryAfter: .seconds(1))

    static func with<T>(
        environment extra: [String: String] = [:],
        reply: String = "answer",
        routerClock: any Clock<Duration> = ContinuousClock(),
        _ body: (ProviderHarness) async throws -> T
    ) async throws -> T {
        let behavior = ModelBehavior(reply: reply)
        let ollama = ProviderSimulator(scenario: SimulatorScenario(models: ollamaModels, defaultBehavior: behavior))
        let openRouter = ProviderSimulator(scenario: SimulatorScenario(models: openRouterModels, defaultBehavior: behavior, apiKey: apiKey))
        let gpu = ProviderSimulator(scenario: SimulatorScenario(models: gpuModels, defaultBehavior: behavior))
        let ports = (try await ollama.start(), try await openRouter.start(), try await gpu.start())
        var environment = [
            "HOME": "/nonexistent",
            "PREFERRED_PROVIDER": "ollama",
            "OLLAMA_BASE_URL": "http://127.0.0.1:\(ports.0)",
            "OLLAMA_TIMEOUT": "2",
            "OLLAMA_MAX_RETRIES": "2",
            "OPENROUTER_BASE_URL": "http://127.0.0.1:\(ports.1)/api/v1",
            "OPENROUTER_API_KEY": apiKey,
            "OPENROUTER_DEFAULT_MODEL": "openai/gpt-4o",
            "OPENROUTER_TIMEOUT": "2",
            "OPENROUTER_MAX_RETRIES": "2",
            "PARLEY_PROVIDERS": "gpu=ollama@http://127.0.0.1:\(ports.2)",
        ]
        environment.merge(extra) { $1 }
        let report = SettingsLoader.load(ConfigLayers(environment: environment))
        let settings = try #require(report.settings, "\(report.errors)")
        let client = CurlHTTPClient()
        let registry = ProviderRegistry.make(settings: settings, transport: client, demo: DemoProvider(tokenInterval: .zero))
        let monitor = HealthMonitor(providers: registry.providers, checkTimeout: .seconds(5))
        let router = FallbackRouter(registry: registry, monitor: monitor, policy: policy, fallbackEnabled: settings.enableFallback, clock: routerClock)
        let harness = ProviderHarness(
            ollama: ollama, openRouter: openRouter, gpu: gpu, client: client, settings: settings,
            registry: registry, monitor: monitor, router: router
        )
        return try await Integration.run(body, on: harness) { await $0.tearDown() }
    }

    private func tearDown() async {
        await monitor.stopAutomaticChecks()
        for simulator in [ollama, openRouter, gpu] { await simulator.stop() }
        await client.shutdown()
    }

    /// What a routed chat produced: every event, the outcome, and the error if it failed.
    struct Run {
        var events: [ChatEvent] = []
        var error: ProviderError?
        /// How many events came in a batch after its first.
        var takenInHand = 0

        var text: String { events.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined() }
        var outcome: ChatOutcome? { events.lazy.compactMap { if case .completed(let outcome) = $0 { outcome } else { nil } }.first }
        var fallbacks: [FallbackNotice] { events.compactMap { if case .fallback(let notice) = $0 { notice } else { nil } } }
        var retries: [RetryNotice] { events.compactMap { if case .retry(let notice) = $0 { notice } else { nil } } }
        var skips: [SkipNotice] { events.compactMap { if case .skipped(let notice) = $0 { notice } else { nil } } }
    }

    func ask(_ model: String, allowFallback: Bool = true, excluding: Set<ProviderID> = []) async -> Run {
        await run(router.chat(RoutedRequest(model: model, messages: [Message(role: .user, content: "hi")], allowFallback: allowFallback, excluding: excluding)))
    }

    /// Every event of `chat`; `seen` hears each as it arrives. Read in batches as the chat
    /// screen and `parley serve` read it, unless `oneByOne`.
    func run(_ chat: RoutedChat, oneByOne: Bool = false, seen: (ChatEvent) -> Void = { _ in }) async -> Run {
        var run = Run()
        var iterator = chat.makeAsyncIterator()
        do {
            while let events = oneByOne ? try await iterator.next().map({ [$0] }) : try await iterator.nextBatch() {
                run.events += events
                run.takenInHand += events.count - 1
                events.forEach(seen)
            }
        } catch let error as ProviderError {
            run.error = error
        } catch {
            Issue.record("unexpected error: \(error)")
        }
        return run
    }
}

/// A clock on which every wait ends at once, and which remembers how long each was.
final class WaitRecordingClock: Clock, Sendable {
    private let base = ImmediateClock()
    private let recorded = Locked<[Duration]>([])

    var now: ImmediateClock<Duration>.Instant { base.now }
    var minimumResolution: Duration { .zero }

    /// Every wait asked for, in order.
    var waits: [Duration] { recorded.withLock { $0 } }

    func sleep(until deadline: ImmediateClock<Duration>.Instant, tolerance: Duration?) async throws {
        recorded.withLock { $0.append(now.duration(to: deadline)) }
        try await base.sleep(until: deadline, tolerance: tolerance)
    }
}
