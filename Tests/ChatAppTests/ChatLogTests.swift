import ChatApp
import ChatCore
import Foundation
import Logging
import Providers
import TerminalUI
import Testing

/// A provider that refuses every chat, as a server that is not running.
private struct RefusingProvider: ChatProvider {
    let id: ProviderID = "refusing"
    let kind = ProviderKind.ollama
    let baseURL = "http://127.0.0.1:9"
    let defaultModel = "model"
    let configuration = ProviderConfiguration()
    let unavailability: HealthStatus? = nil

    func listModels() async throws -> [ModelInfo] { [ModelInfo(provider: id, name: defaultModel)] }
    func checkHealth() async -> HealthReport {
        HealthReport(status: HealthStatus(state: .healthy, modelCount: 1), models: try? await listModels())
    }
    func streamChat(_ request: ChatRequest) async throws -> ChatStream {
        throw ProviderError(.connectionFailed, "cannot connect to http://127.0.0.1:9 (connection refused)")
    }
}

/// Keeps every record logged, as lines of `level message`.
private struct RecordingLogHandler: LogHandler {
    let lines: Locked<[String]>
    var logLevel = Logger.Level.info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.level) \(event.message)") }
    }
}

@Suite(.timeLimit(.minutes(3))) struct ChatLogTests {
    @Test func theChatScreenLogsEachAttemptFallbackAndOutcomeButNotWhatWasTyped() async throws {
        let lines = Locked<[String]>([])
        let logger = Logger(label: "parley") { _ in RecordingLogHandler(lines: lines) }
        let terminal = MemoryTerminal(size: Size(width: 100, height: 30))
        let registry = ProviderRegistry(providers: [RefusingProvider(), DemoProvider(tokenInterval: .zero)], preference: .provider(.demo))
        let monitor = HealthMonitor(providers: registry.providers)
        let router = FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: true)
        var state = AppState(size: terminal.size, providers: registry.ids, defaultProvider: .demo)
        state.model = "refusing:model"
        let runtime = Runtime(backend: terminal, state: state, services: ChatServices(registry: registry, monitor: monitor, router: router, logger: logger))
        runtime.start(handlingSignals: false)
        defer { runtime.stop() }
        terminal.type(.paste("a private question"), .enter)
        await runtime.run { $0.entries.contains { $0.outcome != nil } }
        let log = lines.withLock { $0 }.joined(separator: "\n")
        #expect(log.contains("asking refusing:model"))
        #expect(log.contains("refusing:model failed (cannot connect to http://127.0.0.1:9 (connection refused)); falling back to demo:"))
        #expect(log.contains("answered by demo:parley-demo (requested refusing:model) after 2 attempt(s)"))
        #expect(!log.contains("private question"))
    }
}
