import ChatApp
import ChatCore
import Foundation
import Providers
import Synchronization
import TerminalUI
import Testing

/// An archive that records what the runtime saved, in order.
private final class RecordingArchive: ConversationArchive {
    struct Save: Sendable {
        var title: String
        var texts: [String]
        var streaming: [Bool]
    }

    let saves = Mutex<[Save]>([])
    let exports = Mutex<[String]>([])

    func export(conversationID: String, to path: String) throws {
        exports.withLock { $0.append(path) }
    }

    func search(_ words: String) throws -> [ArchiveItem] { [] }
    func conversations() throws -> [ArchiveItem] { [] }
    func load(conversationID: String) throws -> (header: ConversationHeader, entries: [ConversationEntry])? { nil }
    func delete(conversationID: String) throws {}

    func save(_ conversation: ConversationHeader, entries: [(position: Int, entry: ConversationEntry)]) throws {
        saves.withLock {
            $0.append(Save(title: conversation.title, texts: entries.map(\.entry.text), streaming: entries.map(\.entry.isStreaming)))
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct PersistenceTests {
    @Test func messagesAreSavedAsTheyHappenAndTheAnswerBeforeItShowsDone() async {
        let archive = RecordingArchive()
        let terminal = MemoryTerminal(size: Size(width: 100, height: 30))
        let registry = ProviderRegistry(providers: [DemoProvider(tokenInterval: .milliseconds(5))], preference: .provider(.demo))
        let monitor = HealthMonitor(providers: registry.providers)
        let router = FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: true)
        let state = AppState(size: terminal.size, providers: registry.ids, defaultProvider: .demo)
        let runtime = Runtime(backend: terminal, state: state, services: ChatServices(registry: registry, monitor: monitor, router: router, archive: archive))
        runtime.start(handlingSignals: false)
        defer { runtime.stop() }
        terminal.type(.paste("keep this"), .enter)
        let deadline = ContinuousClock.now + .seconds(10)
        while runtime.state.entries.last?.outcome == nil, ContinuousClock.now < deadline {
            runtime.step(waitingUpTo: .zero)
            try? await Task.sleep(for: .milliseconds(5))
        }
        runtime.step(waitingUpTo: .zero)
        let saves = archive.saves.withLock { $0 }
        #expect(saves.first?.title == "keep this")
        #expect(saves.first?.texts.first == "keep this")
        let answerSaves = saves.filter { $0.streaming.contains(true) }
        // Streaming for about a second at 5 ms a token: the partial answer is saved a few
        // times (at most once a second), not once per token.
        #expect(answerSaves.count >= 1)
        #expect(answerSaves.count <= 5)
        let final = saves.last
        #expect(final?.streaming == [false])
        #expect(final?.texts.first?.contains("Demo reply") == true)

        terminal.type(.paste("/export chat.md"), .enter)
        for _ in 0..<5 {
            runtime.step(waitingUpTo: .zero)
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(archive.exports.withLock { $0 } == ["chat.md"])
        #expect(runtime.state.entries.last?.text == "Exported this conversation to chat.md.")

        // A new conversation holding only Parley's own note is not one yet: nothing is saved
        // (it would sit in the conversation list as an empty "New conversation").
        let savesBefore = archive.saves.withLock { $0.count }
        terminal.type(.paste("/new"), .enter)
        for _ in 0..<5 {
            runtime.step(waitingUpTo: .zero)
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(runtime.state.title == "New conversation")
        #expect(archive.saves.withLock { $0.count } == savesBefore)
    }
}
