import ChatApp
import ChatCore
import Clocks
import Foundation
import Providers
import Synchronization
import TerminalUI
import Testing

/// An archive that records what the runtime saved, in order; it can be told to fail saves or
/// to hold them (as a store waiting for a lock does).
private final class RecordingArchive: ConversationArchive {
    struct Save: Sendable {
        var conversationID: String
        var title: String
        var ids: [UUID]
        var texts: [String]
        var streaming: [Bool]
        var cancelled: [Bool]
        var removed: [UUID]
    }

    let saves = Mutex<[Save]>([])
    let exports = Mutex<[String]>([])
    /// Saves still to fail before one succeeds.
    let failuresLeft = Mutex(0)
    /// While set, a save waits for `release`.
    let holding = Mutex(false)
    let release = DispatchSemaphore(value: 0)
    let attempts = Mutex(0)
    /// Called after each save attempt, to wake whoever waits for one.
    let afterAttempt = Mutex<@Sendable () -> Void>({})

    func export(conversationID: String, to path: String) throws {
        exports.withLock { $0.append(path) }
    }

    func search(_ words: String) throws -> [ArchiveItem] { [] }
    func conversations() throws -> [ArchiveItem] { [] }
    func load(conversationID: String, showing messageID: String?) throws -> SavedConversation? { nil }
    func delete(conversationID: String) throws {}

    func save(_ conversation: ConversationHeader, entries: [ArchivedEntry], removing: [UUID]) throws {
        attempts.withLock { $0 += 1 }
        defer { afterAttempt.withLock { $0 }() }
        if holding.withLock({ $0 }) { release.wait() }
        let fail = failuresLeft.withLock { left in
            defer { left = max(0, left - 1) }
            return left > 0
        }
        if fail { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "database is locked"]) }
        saves.withLock {
            $0.append(Save(
                conversationID: conversation.id, title: conversation.title, ids: entries.map(\.entry.id),
                texts: entries.map(\.entry.text), streaming: entries.map(\.entry.isStreaming),
                cancelled: entries.map(\.entry.wasCancelled), removed: removing
            ))
        }
    }

    /// The latest saved text of every entry of a conversation, removed ones gone.
    func stored(_ conversationID: String) -> [UUID: (text: String, streaming: Bool, cancelled: Bool)] {
        var stored: [UUID: (text: String, streaming: Bool, cancelled: Bool)] = [:]
        for save in saves.withLock({ $0 }) where save.conversationID == conversationID {
            for (index, id) in save.ids.enumerated() { stored[id] = (save.texts[index], save.streaming[index], save.cancelled[index]) }
            for id in save.removed { stored[id] = nil }
        }
        return stored
    }
}

@Suite(.timeLimit(.minutes(3))) struct PersistenceTests {
    private struct Harness {
        let archive = RecordingArchive()
        let terminal = MemoryTerminal(size: Size(width: 100, height: 30))
        let runtime: Runtime

        init(tokenInterval: Duration = .milliseconds(5), clock: any Clock<Duration> = ContinuousClock()) {
            let registry = ProviderRegistry(providers: [DemoProvider(tokenInterval: tokenInterval)], preference: .provider(.demo))
            let monitor = HealthMonitor(providers: registry.providers)
            let router = FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: true)
            let state = AppState(size: terminal.size, providers: registry.ids, defaultProvider: .demo)
            runtime = Runtime(
                backend: terminal, state: state,
                services: ChatServices(registry: registry, monitor: monitor, router: router, archive: archive), clock: clock
            )
            runtime.start(handlingSignals: false)
            let wakeUp = runtime.wakeUp
            archive.afterAttempt.withLock { $0 = wakeUp }
        }

        /// Runs the loop until `done` holds; a save attempt makes it look again.
        func step(until done: () -> Bool) async {
            await runtime.run { _ in done() }
        }

        /// Moves the clock on a second at a time, with a pass of the loop after each, until
        /// `done` holds: the save queue's backoff sleeps on this clock.
        func advance(_ clock: TestClock<Duration>, until done: () -> Bool) async {
            while !done() {
                await clock.advance(by: .seconds(1))
                runtime.step(waitingUpTo: .zero)
            }
        }

        /// Stops the runtime on a thread of its own: stopping blocks until the last saves are
        /// written, and those need the concurrency pool that the other tests share.
        func stop() async {
            // Unchecked: the runtime is used by one thread at a time; this test waits here
            // while the thread stops it.
            nonisolated(unsafe) let runtime = runtime
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                Thread {
                    runtime.stop()
                    done.resume()
                }.start()
            }
        }

        func send(_ text: String) {
            terminal.type(.paste(text), .enter)
        }
    }

    @Test func messagesAreSavedAsTheyHappenAndAStreamingAnswerAtMostOnceASecond() async {
        let harness = Harness()
        harness.send("keep this")
        await harness.step { harness.runtime.state.entries.last?.outcome != nil }
        let conversation = harness.runtime.state.conversationID
        await harness.step { harness.archive.stored(conversation).values.contains { $0.text.contains("Demo reply") && !$0.streaming } }
        let saves = harness.archive.saves.withLock { $0 }
        #expect(saves.first?.title == "keep this")
        #expect(saves.first?.texts.first == "keep this")
        let answerSaves = saves.filter { $0.streaming.contains(true) }
        // Streaming for about a second at 5 ms a token: the partial answer is saved a few
        // times (at most once a second), not once per token.
        #expect(answerSaves.count >= 1)
        #expect(answerSaves.count <= 5)

        harness.send("/export chat.md")
        await harness.step { harness.runtime.state.entries.last?.text == "Exported this conversation to chat.md." }
        #expect(harness.archive.exports.withLock { $0 } == ["chat.md"])

        // A new conversation holding only Parley's own note is not one yet: nothing is saved
        // (it would sit in the conversation list as an empty "New conversation").
        harness.send("/new")
        await harness.step { harness.runtime.state.title == "New conversation" }
        // Stopping waits for every save asked for.
        await harness.stop()
        #expect(harness.archive.stored(harness.runtime.state.conversationID).isEmpty)
    }

    @Test func aSaveWaitingForALockNeverFreezesTypingOrStreaming() async {
        let harness = Harness()
        harness.archive.holding.withLock { $0 = true }
        harness.send("first prompt")
        await harness.step { harness.archive.attempts.withLock { $0 } >= 1 }
        // The save is stuck in the store; the screen goes on.
        harness.terminal.type(.character("a"), .character("b"), .character("c"))
        await harness.step { harness.runtime.state.input.text == "abc" && harness.runtime.state.entries.last?.outcome != nil }
        #expect(harness.runtime.state.input.text == "abc")
        #expect(harness.runtime.state.entries.last?.text.contains("Demo reply") == true)
        #expect(harness.archive.saves.withLock { $0.isEmpty })
        harness.archive.holding.withLock { $0 = false }
        harness.archive.release.signal()
        let conversation = harness.runtime.state.conversationID
        await harness.step { harness.archive.stored(conversation).values.contains { $0.text.contains("Demo reply") && !$0.streaming } }
        let stored = harness.archive.stored(conversation)
        #expect(stored.values.contains { $0.text == "first prompt" })
        #expect(stored.values.contains { $0.text.contains("Demo reply") && !$0.streaming })
        await harness.stop()
    }

    @Test func aFailingSaveIsRetriedWithBackoffSaidAfterAWhileAndNothingIsLost() async {
        let clock = TestClock()
        let harness = Harness(clock: clock)
        harness.archive.failuresLeft.withLock { $0 = 1_000 }
        harness.send("remember me")
        await harness.step { harness.runtime.state.entries.last?.outcome != nil && harness.archive.attempts.withLock { $0 } >= 1 }
        // Failing, but not for long: no notice yet, and the later saves wait behind the first.
        #expect(harness.runtime.state.saveTrouble == nil)
        #expect(!harness.runtime.state.entries.contains { $0.text.hasPrefix("Saving has been failing") })
        await harness.advance(clock) { harness.runtime.state.saveTrouble != nil }
        #expect(harness.runtime.state.saveTrouble?.contains("database is locked") == true)
        #expect(harness.runtime.state.entries.contains { $0.text.hasPrefix("Saving has been failing") })
        #expect(harness.archive.saves.withLock { $0.isEmpty })

        harness.archive.failuresLeft.withLock { $0 = 0 }
        let conversation = harness.runtime.state.conversationID
        await harness.advance(clock) { harness.runtime.state.saveTrouble == nil }
        #expect(harness.runtime.state.entries.last?.text == "Saving works again: everything on screen is saved.")
        await harness.step { harness.archive.stored(conversation).count == harness.runtime.state.entries.count }
        let stored = harness.archive.stored(conversation)
        // Every entry on screen (prompt, answer, the two notes) is in the store, the answer complete.
        #expect(stored.count == harness.runtime.state.entries.count)
        #expect(stored.values.contains { $0.text == "remember me" })
        #expect(stored.values.contains { $0.text.contains("Demo reply") && !$0.streaming })
        await harness.stop()
    }

    @Test func anAnswerStoppedBeforeItsFirstTokenLeavesTheStoreToo() async {
        let harness = Harness(tokenInterval: .seconds(120))
        harness.send("never answered")
        let conversation = harness.runtime.state.conversationID
        await harness.step { harness.archive.stored(conversation).values.contains { $0.streaming } }
        #expect(harness.archive.stored(conversation).count == 2)
        harness.terminal.type(.escape)
        await harness.step { !harness.archive.stored(conversation).values.contains { $0.streaming } }
        let stored = harness.archive.stored(conversation)
        #expect(stored.count == 1)
        #expect(stored.values.first?.text == "never answered")
        #expect(harness.runtime.state.entries.map(\.text) == ["never answered"])
        await harness.stop()
    }

    @Test func switchingConversationWhileAnAnswerStreamsSavesItsLatestTextAndStatus() async {
        // Slow enough that the answer is still streaming when /new arrives, on any machine.
        let harness = Harness(tokenInterval: .milliseconds(100))
        harness.send("tell me a story")
        let conversation = harness.runtime.state.conversationID
        await harness.step { (harness.runtime.state.entries.last?.text.count ?? 0) > 20 }
        harness.send("/new")
        // Applied in the same step as the last tokens: the old answer's latest text counts.
        harness.runtime.step(waitingUpTo: .zero)
        #expect(harness.runtime.state.conversationID != conversation)
        await harness.step { harness.archive.stored(conversation).values.contains { $0.cancelled } }
        let answer = harness.archive.stored(conversation).values.first { $0.text != "tell me a story" }
        #expect(answer?.streaming == false)
        #expect(answer?.cancelled == true)
        #expect((answer?.text.count ?? 0) > 20)
        await harness.stop()
    }

    /// A runtime comparing two demo answers, and the conversation's id.
    private func comparing(tokenInterval: Duration) -> (Harness, String) {
        let harness = Harness(tokenInterval: tokenInterval)
        harness.send("/compare demo:parley-demo demo:parley-demo")
        harness.send("compare this")
        return (harness, harness.runtime.state.conversationID)
    }

    @Test func aComparisonsAnswersAreSavedAsTheyStream() async {
        // Slow enough that the answers are still streaming when they are found saved.
        let (harness, conversation) = comparing(tokenInterval: .milliseconds(200))
        await harness.step {
            let stored = harness.archive.stored(conversation)
            let columns = harness.runtime.state.comparison?.columns.map(\.answer.id) ?? []
            return columns.count == 2 && columns.allSatisfy { (stored[$0]?.text.count ?? 0) > 0 }
        }
        #expect(harness.runtime.state.comparison?.isRunning == true, "saved while they stream, before any pick")
        await harness.stop()
    }

    @Test func quittingDuringAComparisonSavesEveryColumnsAnswerSoFar() async {
        let (harness, conversation) = comparing(tokenInterval: .milliseconds(100))
        await harness.step {
            (harness.runtime.state.comparison?.columns.map(\.answer.text.count).min() ?? 0) > 10
        }
        let columns = harness.runtime.state.comparison?.columns.map(\.answer.id) ?? []
        await harness.stop()
        let stored = harness.archive.stored(conversation)
        #expect(columns.count == 2)
        for id in columns { #expect((stored[id]?.text.count ?? 0) > 10, "a compared answer was lost at quit") }
    }

    @Test func everyUnsavedEntryIsSavedNotOnlyTheNewestFew() async {
        let harness = Harness(tokenInterval: .seconds(120))
        // The prompt and twenty notes arrive before one save pass.
        harness.send("the first message")
        for index in 0..<20 { harness.runtime.post(.notice("note \(index)", failed: false)) }
        let conversation = harness.runtime.state.conversationID
        await harness.step { harness.archive.stored(conversation).count >= 22 }
        let texts = Set(harness.archive.stored(conversation).values.map(\.text))
        #expect(texts.contains("the first message"))
        #expect(texts.contains("note 0"))
        #expect(texts.contains("note 19"))
        await harness.stop()
    }
}
