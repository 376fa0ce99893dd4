@testable import ChatApp
import ChatCore
import Foundation
import TerminalUI
import Testing

/// `/compare`: one prompt to several models, their answers side by side, one picked to go on.
@Suite struct CompareTests {
    private func screen(_ state: AppState) -> String { RootView.render(state).grid.text }

    @Test func thePromptGoesToEveryModelAndModelsOnOneOllamaHostTakeTurns() {
        var state = Fixtures.state(width: 120, height: 40)
        state.pullTargets = [.ollama]
        _ = state.update(.input(.paste("/compare ollama:llama2 ollama:mistral openrouter:openai/gpt-4o")))
        _ = state.update(.input(.enter))
        #expect(state.entries.last?.text.contains("side by side") == true)
        _ = state.update(.input(.paste("Hi")))
        let effects = state.update(.input(.enter))
        let asked = [Message(role: .user, content: "Hi")]
        #expect(effects == [
            .startChat(requestID: 1, model: "ollama:llama2", messages: asked, temperature: nil, maxTokens: nil, excluding: nil),
            .startChat(requestID: 2, model: "openrouter:openai/gpt-4o", messages: asked, temperature: nil, maxTokens: nil, excluding: nil),
        ], "mistral waits for llama2 on the same host; gpt-4o answers beside it")
        #expect(screen(state).contains("waits for ollama:llama2:"))
        _ = state.update(.chat(requestID: 1, .text("Hello.")))
        let next = state.update(.chat(requestID: 1, .completed(ChatOutcome(
            requested: ModelRef(provider: .ollama, model: "llama2"), answeredBy: Fixtures.ollama, attempts: 1,
            timeToFirstTokenSeconds: 0.1, tokensPerSecond: 30, stats: nil, interruption: nil
        ))))
        #expect(next == [.startChat(requestID: 3, model: "ollama:mistral", messages: asked, temperature: nil, maxTokens: nil, excluding: nil)])
        #expect(!state.entries.contains { $0.kind == .assistant }, "answers stay in the comparison until one is picked")
    }

    @Test func aColumnWhoseModelReasonsSaysHowFarItGotNotThatItWaits() {
        var state = Fixtures.state(width: 120, height: 40)
        _ = state.update(.input(.paste("/compare --parallel ollama:llama2 ollama:mistral")))
        _ = state.update(.input(.enter))
        _ = state.update(.input(.paste("Hi")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .thinking("Let me think")))
        var text = screen(state)
        #expect(text.contains("▸ thinking… 12 characters so far▍"))
        #expect(text.components(separatedBy: "waiting for the first token").count == 2, "only the column with nothing yet waits")
        _ = state.update(.chat(requestID: 1, .text("Hello")))
        text = screen(state)
        #expect(text.contains("▸ thought for 12 characters"))
        #expect(!text.contains("so far"))
        #expect(text.contains("Hello▍"))
    }

    @Test func parallelAsksModelsOnOneHostAtOnce() {
        var state = Fixtures.state(width: 120, height: 40)
        state.pullTargets = [.ollama]
        _ = state.update(.input(.paste("/compare --parallel ollama:llama2 ollama:mistral")))
        _ = state.update(.input(.enter))
        _ = state.update(.input(.paste("Hi")))
        #expect(state.update(.input(.enter)).count == 2)
    }

    @Test func pickingAnAnswerGoesOnWithItAndKeepsTheOthersAsSiblings() throws {
        var state = Fixtures.comparison()
        // Not before every answer is in.
        _ = state.update(.input(.tab))
        #expect(state.update(.input(.character("2"))).isEmpty)
        #expect(state.statusNote?.contains("still coming") == true)
        _ = state.update(.chat(requestID: 3, .completed(ChatOutcome(
            requested: ModelRef(provider: .ollama, model: "mistral"), answeredBy: ModelTarget(provider: .ollama, model: "mistral"), attempts: 1,
            timeToFirstTokenSeconds: 0.3, tokensPerSecond: 40, stats: CompletionStats(promptTokens: 14, completionTokens: 4), interruption: nil
        ))))
        #expect(screen(state).contains("compared: pick one"))
        let effects = state.update(.input(.character("3")))
        #expect(effects.filter { if case .keepConversation = $0 { true } else { false } }.count == 2, "each other answer is saved as it is parked")
        #expect(state.comparison == nil)
        #expect(state.entries.last?.text.hasPrefix("Air molecules") == true)
        #expect(state.tree.parked.count == 2)
        #expect(screen(state).contains("‹3/3›"))
        #expect(screen(state).contains("Σ 42 in · 40 out · $0.0003"), "every compared answer was paid for")
        // The conversation goes on from the answer picked.
        _ = state.update(.input(.tab))
        _ = state.update(.input(.tab))
        _ = state.update(.input(.paste("Shorter?")))
        let sent = state.update(.input(.enter))
        #expect(sent.contains { if case .startChat(_, _, let messages, _, _, _) = $0 { messages.dropLast().last?.content.hasPrefix("Air molecules") == true } else { false } })
    }

    @Test func aMessageTypedBeforeAPickStaysInTheBoxAndTheBranchStaysPut() {
        var state = Fixtures.comparison()
        _ = state.update(.input(.paste("next")))
        #expect(state.update(.input(.enter)).isEmpty)
        #expect(state.input.text == "next")
        _ = state.update(.input(.tab))
        _ = state.update(.input(.character("e")))
        #expect(state.statusNote?.contains("an answer is coming") == true)
        _ = state.update(.chatFailed(requestID: 3, ProviderError(.cancelled, "stopped")))
        _ = state.update(.input(.character("e")))
        #expect(state.statusNote?.contains("pick the compared answer to go on with first") == true)
        #expect(state.input.text == "next", "the box keeps what was typed")
        #expect(state.comparison?.columns.count == 3)
    }

    @Test func escStopsEveryColumnAndKeepsWhatEachHad() {
        var state = Fixtures.comparison()
        let effects = state.update(.input(.escape))
        #expect(effects == [.cancelChat(requestID: 3)])
        #expect(state.comparison?.isComplete == true)
        _ = state.update(.input(.paste("/pick 2")))
        _ = state.update(.input(.enter))
        #expect(state.entries.last { $0.kind == .assistant }?.text == "Because shorter wavelengths")
        #expect(state.entries.last { $0.kind == .assistant }?.wasCancelled == true)
    }

    @Test func compareTakesTwoToFourModels() {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("/compare ollama:llama2")))
        _ = state.update(.input(.enter))
        #expect(state.entries.last?.kind == .note(.error))
        #expect(state.comparison == nil)
        _ = state.update(.input(.paste("/compare a b")))
        _ = state.update(.input(.enter))
        _ = state.update(.input(.paste("/compare off")))
        _ = state.update(.input(.enter))
        #expect(state.comparison == nil)
    }

    @Test func leavingTheConversationKeepsTheComparedAnswers() {
        var state = Fixtures.comparison()
        _ = state.update(.input(.paste("/new")))
        let left = state.update(.input(.enter))
        guard case .keepConversation(_, let kept)? = left.last else {
            Issue.record("the conversation was not kept: \(left)")
            return
        }
        #expect(kept.last?.kind == .assistant, "the first answer goes on, the others are parked as its siblings")
        #expect(left.contains(.cancelChat(requestID: 3)))
    }

    @Test func modelsMarkedWithSpaceInThePickerAreCompared() {
        var state = Fixtures.state(width: 120, height: 40)
        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.character(" ")))
        _ = state.update(.input(.down))
        _ = state.update(.input(.character(" ")))
        #expect(state.picker.marked == ["ollama:llama2:latest", "ollama:mistral:latest"])
        #expect(screen(state).contains("Enter compares the 2 marked"))
        #expect(screen(state).contains("› 2 mistral:latest"))
        _ = state.update(.input(.enter))
        #expect(state.overlay == nil)
        #expect(state.comparison?.models == ["ollama:llama2:latest", "ollama:mistral:latest"])
    }
}
