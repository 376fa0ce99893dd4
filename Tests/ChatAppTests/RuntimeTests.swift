import ChatApp
import ChatCore
import Clocks
import Foundation
import Providers
import TerminalUI
import Testing

/// The runtime end to end on a memory terminal, with the real router and the in-process demo
/// provider: no network, no curses.
@Suite(.timeLimit(.minutes(3))) struct RuntimeTests {
    private func makeRuntime(size: Size = Size(width: 100, height: 30)) -> (Runtime, MemoryTerminal) {
        let terminal = MemoryTerminal(size: size)
        let registry = ProviderRegistry(providers: [DemoProvider(tokenInterval: .zero)], preference: .provider(.demo))
        let monitor = HealthMonitor(providers: registry.providers)
        let router = FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: true)
        let state = AppState(size: size, providers: registry.ids, defaultProvider: .demo)
        let runtime = Runtime(backend: terminal, state: state, services: ChatServices(registry: registry, monitor: monitor, router: router))
        runtime.start(handlingSignals: false)
        return (runtime, terminal)
    }

    @Test func aTypedQuestionIsAnsweredOnScreenWithFewFrames() async {
        let (runtime, terminal) = makeRuntime()
        defer { runtime.stop() }
        for character in "how does fallback work?" { terminal.type(.character(character)) }
        terminal.type(.enter)
        await runtime.run { $0.entries.last?.outcome != nil }
        await runtime.run { _ in terminal.screen.text.contains("demo:parley-demo ·") }
        let answer = runtime.state.entries.first { $0.kind == .assistant }
        #expect(answer?.outcome?.answeredBy.provider == .demo)
        #expect(terminal.screen.text.contains("Demo reply"))
        #expect(terminal.screen.text.contains("How Parley would answer"))
        let tokens = DemoTokensCount.of(answer?.text ?? "")
        #expect(tokens > 50)
        // Every token is a message, but frames are capped at ~60 a second.
        #expect(runtime.framesRendered < tokens)
        #expect(runtime.state.health[.demo]?.state == .healthy)
    }

    @Test func finishedChatsAreNotKept() async {
        let (runtime, terminal) = makeRuntime()
        defer { runtime.stop() }
        for (index, question) in ["first", "second", "third"].enumerated() {
            terminal.type(.paste(question), .enter)
            await runtime.run { state in state.entries.filter { $0.kind == .assistant && $0.outcome != nil }.count == index + 1 }
        }
        #expect(runtime.state.entries.filter { $0.kind == .assistant }.count == 3)
        // A chat's task ends just after its last event; the loop looks again at least each tick.
        await runtime.run { _ in runtime.keptChatTasks == 0 }
        #expect(runtime.keptChatTasks == 0)
    }

    @Test func resizeStormDuringAStreamKeepsTheScreenRight() async {
        let (runtime, terminal) = makeRuntime()
        defer { runtime.stop() }
        terminal.type(.paste("write some code"), .enter)
        runtime.step(waitingUpTo: .zero)
        for index in 0..<100 {
            terminal.resize(to: Size(width: 1 + (index * 37) % 200, height: 1 + (index * 13) % 60))
            runtime.step(waitingUpTo: .zero)
        }
        terminal.resize(to: Size(width: 90, height: 28))
        await runtime.run { $0.entries.last?.outcome != nil }
        // The last frame is drawn once it is due.
        await runtime.run { _ in terminal.screen == RootView.render(runtime.state).grid }
        #expect(terminal.screen.size == Size(width: 90, height: 28))
        #expect(terminal.screen == RootView.render(runtime.state).grid)
    }

    @Test func quitRestoresTheTerminal() async {
        let (runtime, terminal) = makeRuntime()
        terminal.type(.control("c"), .character("y"))
        await runtime.run { _ in runtime.isQuitting }
        runtime.stop()
        #expect(terminal.restored)
    }
}

/// A memory terminal whose input waits behind a pipe, as curses' keyboard does: the input
/// thread sees typed events only once a byte is in the pipe. Counts the runtime's reads.
private final class PipeTerminal: TerminalBackend {
    let memory: MemoryTerminal
    private let ends: (read: Int32, write: Int32)
    private(set) var reads = 0

    init(size: Size) {
        memory = MemoryTerminal(size: size)
        var fds: [Int32] = [-1, -1]
        precondition(pipe(&fds) == 0)
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        ends = (fds[0], fds[1])
    }

    deinit {
        close(ends.read)
        close(ends.write)
    }

    /// Queues the events, then tells the watcher there is input.
    func type(_ events: InputEvent...) {
        for event in events { memory.type(event) }
        var byte: UInt8 = 1
        _ = write(ends.write, &byte, 1)
    }

    var size: Size { memory.size }
    func draw(_ grid: CellGrid, diff: GridDiff, cursor: (x: Int, y: Int)?) { memory.draw(grid, diff: diff, cursor: cursor) }
    func readEvents() -> [InputEvent] {
        reads += 1
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(ends.read, &buffer, buffer.count) > 0 {}
        return memory.readEvents()
    }
    var inputDescriptor: Int32 { ends.read }
    let resizeDescriptor: Int32 = -1
    let untilGatheredInputCompletes: Duration? = nil
    func restore() { memory.restore() }
    func writeControlSequence(_ sequence: String) { memory.writeControlSequence(sequence) }
}

@Suite(.timeLimit(.minutes(3))) struct RuntimeInputTests {
    @Test func theTerminalIsReadOnlyWhenInputWaits() async {
        let terminal = PipeTerminal(size: Size(width: 100, height: 30))
        let registry = ProviderRegistry(providers: [DemoProvider(tokenInterval: .zero)], preference: .provider(.demo))
        let monitor = HealthMonitor(providers: registry.providers)
        let state = AppState(size: terminal.size, providers: registry.ids, defaultProvider: .demo)
        let runtime = Runtime(backend: terminal, state: state, services: ChatServices(registry: registry, monitor: monitor, router: FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: true)))
        runtime.start(handlingSignals: false)
        defer { runtime.stop() }
        terminal.type(.paste("how does fallback work?"), .enter)
        await runtime.run { $0.entries.last?.outcome != nil }
        await runtime.run { _ in terminal.memory.screen.text.contains("demo:parley-demo ·") }
        // The whole answer streamed and was drawn, pass after pass; the terminal was read once,
        // for the question.
        #expect(runtime.framesRendered > 1)
        #expect(terminal.reads == 1)
    }
}

/// A memory terminal that has read the start of a bracketed paste whose end marker never
/// comes, as over a link that drops it: the paste completes by itself `completingAfter` on
/// `clock`, and is an event for the first read at or after that. Notes when that read came.
private final class GatheringTerminal: TerminalBackend {
    let memory: MemoryTerminal
    private let clock: ImmediateClock<Duration>
    private let text: String
    private var completesAt: ImmediateClock<Duration>.Instant?
    private(set) var deliveredAt: ImmediateClock<Duration>.Instant?

    init(size: Size, clock: ImmediateClock<Duration>, paste text: String, completingAfter delay: Duration) {
        memory = MemoryTerminal(size: size)
        self.clock = clock
        self.text = text
        completesAt = clock.now.advanced(by: delay)
    }

    var untilGatheredInputCompletes: Duration? {
        completesAt.map { max(.zero, clock.now.duration(to: $0)) }
    }

    func readEvents() -> [InputEvent] {
        guard let completesAt, clock.now >= completesAt else { return memory.readEvents() }
        self.completesAt = nil
        deliveredAt = clock.now
        return [.paste(text)] + memory.readEvents()
    }

    var size: Size { memory.size }
    func draw(_ grid: CellGrid, diff: GridDiff, cursor: (x: Int, y: Int)?) { memory.draw(grid, diff: diff, cursor: cursor) }
    let inputDescriptor: Int32 = -1
    let resizeDescriptor: Int32 = -1
    func restore() { memory.restore() }
    func writeControlSequence(_ sequence: String) { memory.writeControlSequence(sequence) }
}

@Suite(.timeLimit(.minutes(1))) struct GatheredInputTests {
    @Test func aPasteWhoseEndNeverComesIsReadTheMomentItsSilenceIsUp() async {
        // Sleeps on this clock return at once with its time moved on: the loop's waits are
        // exactly what it asked for, and nothing else moves the time.
        let clock = ImmediateClock()
        let pasteEnds = clock.now.advanced(by: .milliseconds(1234))
        let terminal = GatheringTerminal(size: Size(width: 100, height: 30), clock: clock, paste: "no end marker", completingAfter: .milliseconds(1234))
        let registry = ProviderRegistry(providers: [DemoProvider(tokenInterval: .zero)], preference: .provider(.demo))
        let monitor = HealthMonitor(providers: registry.providers)
        let state = AppState(size: terminal.size, providers: registry.ids, defaultProvider: .demo)
        let runtime = Runtime(
            backend: terminal, state: state,
            services: ChatServices(registry: registry, monitor: monitor, router: FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: true)),
            clock: clock
        )
        runtime.start(handlingSignals: false)
        defer { runtime.stop() }
        await runtime.run { $0.input.text == "no end marker" }
        // Woken for the paste itself, not at the next frame or tick that happened to follow.
        #expect(terminal.deliveredAt == pasteEnds)
    }
}

/// Counts word-sized tokens the way the demo cuts them.
enum DemoTokensCount {
    static func of(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
    }
}

/// Refuses every request: the provider it serves is not configured, so none may be made.
private struct NoRequests: HTTPStreaming {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        Issue.record("a provider that is not configured sent \(request.url)")
        throw ProviderError(.notConfigured, "no requests here")
    }
}

@Suite(.timeLimit(.minutes(3))) struct RuntimeStartTests {
    @Test func providersThatCannotBeUsedShowWhyWithoutACheck() async {
        var settings = ProviderSettings(enabled: true, baseURL: "https://openrouter.ai/api/v1", defaultModel: "m", timeoutSeconds: 5, maxRetries: 0, temperature: 0.7, maxTokens: nil, streaming: true, healthCheckIntervalSeconds: 60, autoHealthCheck: false)
        settings.apiKey = nil
        let openRouter = OpenAICompatibleProvider(id: .openrouter, settings: settings, preset: .openRouter(settings: settings, appName: "", siteURL: ""), transport: NoRequests())
        let registry = ProviderRegistry(providers: [openRouter, DemoProvider(tokenInterval: .zero)], preference: .provider(.demo))
        let monitor = HealthMonitor(providers: registry.providers)
        let terminal = MemoryTerminal(size: Size(width: 100, height: 30))
        let state = AppState(size: terminal.size, providers: registry.ids, defaultProvider: .demo)
        let runtime = Runtime(backend: terminal, state: state, services: ChatServices(registry: registry, monitor: monitor, router: FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: true)))
        runtime.start(handlingSignals: false)
        defer { runtime.stop() }
        await runtime.run { $0.health[.openrouter] != nil }
        #expect(runtime.state.health[.openrouter]?.state == .notConfigured)
        #expect(runtime.state.health[.openrouter]?.reason?.contains("OPENROUTER_API_KEY") == true)
    }
}
