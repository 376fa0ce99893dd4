import ChatApp
import ChatCore
import Foundation
import Providers
import TerminalUI
import Testing

/// Whole screens rendered from fixed states, compared as text with `Snapshots/*.txt`.
/// `RECORD_SNAPSHOTS=1` writes the current rendering instead.
@Suite struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    private func assertSnapshot(_ state: AppState, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = RootView.render(state).grid.text + "\n"
        let file = Self.folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name); check it and run again", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "snapshot \(name) differs:\n\(text)", sourceLocation: sourceLocation)
    }

    @Test func emptyScreenWithProviderHealth() throws {
        try assertSnapshot(Fixtures.state(), named: "empty-80x24")
    }

    @Test func answerAfterAFallback() throws {
        try assertSnapshot(Fixtures.conversationWithFallback(), named: "fallback-80x24")
    }

    @Test func streamingAnswerWithItsCursor() throws {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("Write a haiku about terminals")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: 1, .text("Green text on black glass,")))
        _ = state.update(.input(.paste("next question\nin two lines")))
        try assertSnapshot(state, named: "streaming-80x24")
    }

    @Test func aPoolIsOneGroupWithEachMembersHealth() throws {
        try assertSnapshot(Fixtures.pool(), named: "pool-80x24")
        try assertSnapshot(Fixtures.pool(width: 120, height: 40), named: "pool-120x40")
    }

    @Test func threeModelsComparedSideBySideOrStacked() throws {
        try assertSnapshot(Fixtures.comparison(width: 160, height: 40), named: "compare-160x40")
        try assertSnapshot(Fixtures.comparison(width: 120, height: 40), named: "compare-120x40")
        try assertSnapshot(Fixtures.comparison(width: 80, height: 24), named: "compare-80x24")
    }

    @Test func interruptedAnswer() throws {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("Tell me a long story")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: 1, .text("Once upon a time, in a data centre far away")))
        let error = ProviderError(.connectionLost, "the connection to http://localhost:11434 broke in the middle of the response")
        _ = state.update(.chat(requestID: 1, .completed(ChatOutcome(
            requested: ModelRef(provider: nil, model: "llama2"), answeredBy: Fixtures.ollama, attempts: 1,
            timeToFirstTokenSeconds: 0.3, tokensPerSecond: 30, stats: nil, interruption: error
        ))))
        try assertSnapshot(state, named: "interrupted-80x24")
    }

    @Test func narrowTerminalFoldsTheSidebar() throws {
        try assertSnapshot(Fixtures.conversationWithFallback().resized(Size(width: 60, height: 20)), named: "narrow-60x20")
    }

    @Test func sidebarOverlayOnANarrowTerminal() throws {
        var state = Fixtures.state(width: 60, height: 20)
        _ = state.update(.input(.function(3)))
        try assertSnapshot(state, named: "sidebar-overlay-60x20")
    }

    @Test(arguments: [(120, 40), (40, 12)])
    func screensAtOtherSizes(width: Int, height: Int) throws {
        let size = Size(width: width, height: height)
        try assertSnapshot(Fixtures.state(width: width, height: height), named: "empty-\(width)x\(height)")
        try assertSnapshot(Fixtures.conversationWithFallback().resized(size), named: "fallback-\(width)x\(height)")
        var picker = Fixtures.state(width: width, height: height)
        _ = picker.update(.input(.control("p")))
        try assertSnapshot(picker, named: "picker-\(width)x\(height)")
        var help = Fixtures.state(width: width, height: height)
        _ = help.update(.input(.function(1)))
        try assertSnapshot(help, named: "help-\(width)x\(height)")
    }

    @Test func markdownAnswerAndAStreamCutInsideACodeFence() throws {
        var state = Fixtures.state(width: 100, height: 40)
        _ = state.update(.input(.paste("How do I retry?")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: 1, .text("## Backoff\n\nWait **twice** as long each time, plus *jitter*; see [RFC](https://example.com).\n\n- cap the delay\n- honour `Retry-After`\n\n> never retry after the first token\n\n```swift\nfunc delay(_ n: Int) -> Double {\n    min(8, 0.5 * pow(2, Double(n)))\n")))
        try assertSnapshot(state, named: "markdown-streaming-fence-100x40")
    }

    @Test func tooSmallTerminal() throws {
        try assertSnapshot(Fixtures.state(width: 30, height: 8), named: "too-small-30x8")
    }

    @Test(arguments: [(40, 10), (72, 22), (120, 40)])
    func helpScrollsAndSaysThereIsMoreAtEverySize(width: Int, height: Int) throws {
        var help = Fixtures.state(width: width, height: height)
        _ = help.update(.input(.function(1)))
        try assertSnapshot(help, named: "help-\(width)x\(height)")
        _ = help.update(.input(.pageDown))
        try assertSnapshot(help, named: "help-\(width)x\(height)-page-down")
        _ = help.update(.input(.end))
        try assertSnapshot(help, named: "help-\(width)x\(height)-end")
    }

    @Test func theSidebarOverlayShowsEveryProviderOnTheSmallestScreen() throws {
        var state = Fixtures.conversationWithFallback().resized(Size(width: 40, height: 10))
        _ = state.update(.input(.function(3)))
        try assertSnapshot(state, named: "sidebar-overlay-40x10")
        let screen = RootView.render(state).grid.text
        for provider in state.providerOrder { #expect(screen.contains(" \(provider)"), "\(provider) is not shown") }
    }

    @Test func theDeleteQuestionShowsItsAnswerKeysOnTheSmallestScreen() throws {
        var state = Fixtures.state(width: 40, height: 10)
        _ = state.update(.input(.paste("/delete")))
        _ = state.update(.input(.enter))
        try assertSnapshot(state, named: "confirm-delete-40x10")
        #expect(RootView.render(state).grid.text.contains("y / n"))
    }

    @Test func helpOverlay() throws {
        var state = Fixtures.state()
        _ = state.update(.input(.function(1)))
        try assertSnapshot(state, named: "help-80x24")
    }

    @Test func modelPickerFilteredWithADownProviderGreyed() throws {
        var state = Fixtures.state()
        _ = state.update(.input(.control("p")))
        try assertSnapshot(state, named: "picker-80x24")
        _ = state.update(.input(.character("m")))
        _ = state.update(.input(.character("i")))
        try assertSnapshot(state, named: "picker-filtered-80x24")
    }

    @Test func thePickerShowsWhatEachModelCanDoAndCostsWithEmbeddingModelsApart() throws {
        var state = Fixtures.catalogue()
        _ = state.update(.input(.control("p")))
        try assertSnapshot(state, named: "picker-facts-120x40")
        let screen = RootView.render(state).grid.text
        #expect(screen.contains("qwen3:8b  8.2B · Q4_K_M · 5.2 GB · ctx 40960 · tools · thinking"))
        #expect(screen.contains("openai/gpt-4o  ctx 128000 · $2.50/M in $10.00/M out · in: text+image+file"))
        #expect(screen.contains("meta-llama/llama-3.3-70b-instruct:free  ctx 131072 · free"))
        #expect(screen.contains("  ollama:nomic-embed-text:latest"))
    }

    @Test func aPullRunningShowsInItsOfferRowAndTheStatusLine() throws {
        var state = Fixtures.catalogue()
        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.paste("phi4")))
        _ = state.update(.input(.enter))
        var progress = PullProgress()
        progress.take(PullStatusLine(status: "pulling manifest"), at: .zero)
        progress.take(PullStatusLine(status: "pulling 6d3f", digest: "sha256:6d3f", total: 8_400_000_000, completed: 0), at: .seconds(1))
        progress.take(PullStatusLine(status: "pulling 6d3f", digest: "sha256:6d3f", total: 8_400_000_000, completed: 1_700_000_000), at: .seconds(9))
        progress.take(PullStatusLine(status: "pulling 6d3f", digest: "sha256:6d3f", total: 8_400_000_000, completed: 2_100_000_000), at: .seconds(11))
        _ = state.update(.pullProgressed(ModelTarget(provider: .ollama, model: "phi4"), progress))
        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.paste("phi4")))
        try assertSnapshot(state, named: "picker-pulling-120x40")
        let screen = RootView.render(state).grid.text
        #expect(screen.contains("⤓ pull phi4 into ollama — pulling: 25% · 2.1 GB of 8.4 GB · 200 MB/s · 31 s left"))
    }

    @Test func wideCharactersAndHostileEscapesRenderSafely() throws {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("日本語で答えて 🇯🇵")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: 1, .text("はい、👩‍💻 \u{1B}]0;pwned\u{07}\u{1B}[2J done")))
        try assertSnapshot(state, named: "wide-and-escapes-80x24")
    }
}

extension AppState {
    func resized(_ size: Size) -> AppState {
        var copy = self
        _ = copy.update(.input(.resize(size)))
        return copy
    }
}
