import ChatApp
import ChatCore
import Clocks
import Foundation
import Providers
import Synchronization
import TerminalUI
import Testing

/// A provider whose reply the test writes event by event.
private final class ScriptedProvider: ChatProvider {
    let id: ProviderID = "scripted"
    let kind = ProviderKind.ollama
    let baseURL = "scripted://"
    let defaultModel = "script"
    let configuration = ProviderConfiguration()
    let unavailability: HealthStatus? = nil
    let events: AsyncThrowingStream<ChatEvent, any Error>
    let continuation: AsyncThrowingStream<ChatEvent, any Error>.Continuation
    /// When its health checks say they were made.
    let checkedAt: Date?

    init(checkedAt: Date? = nil) {
        (events, continuation) = AsyncThrowingStream.makeStream(of: ChatEvent.self)
        self.checkedAt = checkedAt
    }

    func listModels() async throws -> [ModelInfo] { [ModelInfo(provider: id, name: defaultModel)] }
    func checkHealth() async -> HealthReport {
        HealthReport(status: HealthStatus(state: .healthy, checkedAt: checkedAt, modelCount: 1), models: try? await listModels())
    }
    func streamChat(_ request: ChatRequest) async throws -> ChatStream {
        ChatStream(events.makeAsyncIterator())
    }
}

/// A clock the test moves by hand.
private final class ManualClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

@Suite(.timeLimit(.minutes(1))) struct ScriptedRuntimeTests {
    /// A started runtime on a memory terminal whose only provider is `provider`, reading the
    /// time from `wallClock` and pacing frames and ticks by `loop`.
    private static func start(_ provider: ScriptedProvider, wallClock clock: ManualClock, loop: TestClock<Duration>) -> (Runtime, MemoryTerminal) {
        let terminal = MemoryTerminal(size: Size(width: 100, height: 30))
        let registry = ProviderRegistry(providers: [provider], preference: .provider("scripted"))
        let monitor = HealthMonitor(providers: registry.providers)
        let router = FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: false)
        let state = AppState(size: terminal.size, providers: registry.ids, defaultProvider: "scripted", now: clock.now)
        let runtime = Runtime(
            backend: terminal, state: state, services: ChatServices(registry: registry, monitor: monitor, router: router),
            now: { clock.now }, clock: loop
        )
        runtime.start(handlingSignals: false)
        return (runtime, terminal)
    }

    @Test func waitingBecomesLoadingThenStreamingOnTheManualClock() async throws {
        let provider = ScriptedProvider()
        let clock = ManualClock()
        // Frames and ticks fall due only when the test moves this clock.
        let loop = TestClock()
        let (runtime, terminal) = Self.start(provider, wallClock: clock, loop: loop)
        defer { runtime.stop() }

        /// Moves the loop's clock a tick on, so that a tick and a frame are due, and lets it draw.
        func nextSecond() async {
            await loop.advance(by: .seconds(1))
            runtime.step(waitingUpTo: .zero)
        }

        terminal.type(.paste("hello"), .enter)
        await runtime.run { $0.active != nil }
        await nextSecond()
        #expect(terminal.screen.text.contains("waiting for the first token"))
        #expect(terminal.screen.text.contains("waiting…"))
        clock.advance(7)
        await nextSecond()
        #expect(terminal.screen.text.contains("loading the model…"))
        #expect(terminal.screen.text.contains("loading model…"))

        provider.continuation.yield(.text("Hello"))
        provider.continuation.yield(.text(" there"))
        await runtime.run { $0.entries.last?.text == "Hello there" }
        await nextSecond()
        #expect(terminal.screen.text.contains("Hello there▍"))
        #expect(terminal.screen.text.contains("streaming"))

        provider.continuation.yield(.done(CompletionStats(completionTokens: 2)))
        provider.continuation.finish()
        await runtime.run { $0.active == nil }
        await nextSecond()
        #expect(terminal.screen.text.contains("── scripted:script"))
        #expect(!terminal.screen.text.contains("▍"))
        #expect(terminal.screen.text.contains(" idle "))
    }

    @Test func atRestTheScreenIsDrawnOnlyWhenSomethingOnItChanges() async throws {
        let clock = ManualClock()
        let provider = ScriptedProvider(checkedAt: clock.now)
        let loop = TestClock()
        let (runtime, terminal) = Self.start(provider, wallClock: clock, loop: loop)
        defer { runtime.stop() }

        /// Moves both clocks on by `seconds` and lets the loop do what falls due.
        func wait(_ seconds: Int) async {
            clock.advance(TimeInterval(seconds))
            await loop.advance(by: .seconds(seconds))
            runtime.step(waitingUpTo: .zero)
        }

        await runtime.run { $0.health["scripted"]?.checkedAt != nil }
        await wait(1)
        #expect(terminal.screen.text.contains("just now"))
        let frames = runtime.framesRendered
        // Eight more quiet seconds: the sidebar still says "just now", and nothing is drawn.
        for _ in 0..<8 { await wait(1) }
        #expect(runtime.framesRendered == frames)
        await wait(1)
        #expect(terminal.screen.text.contains("10 s ago"))
        #expect(runtime.framesRendered == frames + 1)
    }
}
