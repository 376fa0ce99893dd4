@testable import ChatApp
import ChatCore
import Foundation
import TerminalUI
import Testing

/// Regenerating, editing and moving between branches on the chat screen: nothing is
/// overwritten, every version stays a key away, and what is sent follows the branch shown.
@Suite struct BranchTests {
    private func ask(_ text: String, answer: String, in state: inout AppState) {
        _ = state.update(.input(.paste(text)))
        _ = state.update(.input(.enter))
        complete(answer, in: &state)
    }

    /// The answer streaming now gets `text` and completes.
    private func complete(_ text: String, in state: inout AppState, stats: CompletionStats? = nil) {
        guard let id = state.active?.requestID else { return }
        _ = state.update(.chat(requestID: id, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: id, .text(text)))
        _ = state.update(.chat(requestID: id, .completed(ChatOutcome(
            requested: ModelRef(provider: nil, model: "llama2"), answeredBy: Fixtures.ollama, attempts: 1,
            timeToFirstTokenSeconds: 0.1, tokensPerSecond: 40, stats: stats, interruption: nil
        ))))
    }

    private func screen(_ state: AppState) -> String { RootView.render(state).grid.text }

    private func twoTurns() -> AppState {
        var state = Fixtures.state(width: 120, height: 40)
        ask("Why is the sky blue?", answer: "Rayleigh scattering.", in: &state)
        ask("And sunsets?", answer: "Longer path through air.", in: &state)
        return state
    }

    @Test func regeneratingAnAnswerKeepsTheOldOneAsASiblingAndAsksTheSameQuestion() {
        var state = twoTurns()
        _ = state.update(.input(.tab))
        #expect(state.focus == .conversation)
        #expect(state.entries[state.cursorIndex ?? 0].text == "Longer path through air.", "the cursor starts on the last message")
        _ = state.update(.input(.up))
        _ = state.update(.input(.up))
        #expect(state.entries[state.cursorIndex ?? 0].text == "Rayleigh scattering.")
        #expect(screen(state).contains("r regenerate"))

        let effects = state.update(.input(.character("r")))
        #expect(effects.contains(.startChat(
            requestID: 3, model: "", messages: [Message(role: .user, content: "Why is the sky blue?")],
            temperature: nil, maxTokens: nil, excluding: nil
        )), "the question above the answer, and nothing after it")
        #expect(effects.contains { if case .keepConversation = $0 { true } else { false } }, "the screen is saved before it changes")
        #expect(state.entries.map(\.text) == ["Why is the sky blue?", ""])
        complete("Shorter wavelengths scatter more.", in: &state)
        #expect(screen(state).contains("‹2/2›"))

        _ = state.update(.input(.character("<")))
        #expect(state.entries.map(\.text) == ["Why is the sky blue?", "Rayleigh scattering.", "And sunsets?", "Longer path through air."],
                "the first branch comes back whole")
        #expect(screen(state).contains("‹1/2›"))
        #expect(state.update(.input(.character("<"))).isEmpty)
        #expect(state.statusNote == "this is the first branch")

        _ = state.update(.input(.character(">")))
        #expect(state.entries.map(\.text) == ["Why is the sky blue?", "Shorter wavelengths scatter more."])
        // What is sent next follows the branch on screen.
        _ = state.update(.input(.tab))
        _ = state.update(.input(.tab))
        _ = state.update(.input(.paste("Thanks")))
        let sent = state.update(.input(.enter))
        #expect(sent.contains(.startChat(
            requestID: 4, model: "",
            messages: [Message(role: .user, content: "Why is the sky blue?"), Message(role: .assistant, content: "Shorter wavelengths scatter more."), Message(role: .user, content: "Thanks")],
            temperature: nil, maxTokens: nil, excluding: nil
        )))
    }

    @Test func editingAMessageSendsTheNewVersionAsABranchAndTheOriginalStays() {
        var state = twoTurns()
        _ = state.update(.input(.tab))
        _ = state.update(.input(.up))
        #expect(state.entries[state.cursorIndex ?? 0].text == "And sunsets?")
        _ = state.update(.input(.character("e")))
        #expect(state.focus == .input)
        #expect(state.input.text == "And sunsets?")
        #expect(screen(state).contains("Editing a message"))
        for _ in 0..<"sunsets?".count { _ = state.update(.input(.backspace)) }
        _ = state.update(.input(.paste("sunrises?")))
        let effects = state.update(.input(.enter))
        #expect(effects.contains(.startChat(
            requestID: 3, model: "",
            messages: [Message(role: .user, content: "Why is the sky blue?"), Message(role: .assistant, content: "Rayleigh scattering."), Message(role: .user, content: "And sunrises?")],
            temperature: nil, maxTokens: nil, excluding: nil
        )))
        complete("Same physics, other side.", in: &state)
        #expect(state.editing == nil)
        #expect(state.entries.map(\.text) == ["Why is the sky blue?", "Rayleigh scattering.", "And sunrises?", "Same physics, other side."])

        _ = state.update(.input(.tab))
        _ = state.update(.input(.up))
        _ = state.update(.input(.left))
        #expect(state.entries.map(\.text) == ["Why is the sky blue?", "Rayleigh scattering.", "And sunsets?", "Longer path through air."])
        #expect(screen(state).contains("‹1/2›"))
    }

    @Test func escLeavesAnEditWithNothingChanged() {
        var state = twoTurns()
        _ = state.update(.input(.tab))
        _ = state.update(.input(.up))
        _ = state.update(.input(.character("e")))
        _ = state.update(.input(.escape))
        #expect(state.editing == nil)
        #expect(state.input.isEmpty)
        #expect(state.tree.isEmpty)
        #expect(state.entries.count == 4)
    }

    @Test func branchKeysWaitForTheAnswerComing() {
        var state = twoTurns()
        _ = state.update(.input(.paste("One more")))
        _ = state.update(.input(.enter))
        _ = state.update(.input(.tab))
        _ = state.update(.input(.up))
        _ = state.update(.input(.up))
        #expect(state.entries[state.cursorIndex ?? 0].text == "Longer path through air.")
        #expect(state.update(.input(.character("r"))).isEmpty)
        #expect(state.statusNote?.contains("an answer is coming") == true)
    }

    @Test func aFallbacksNoteBelongsToItsAnswersBranch() {
        var state = Fixtures.conversationWithFallback()
        let count = state.entries.count
        #expect(state.entries.contains { $0.kind == .note(.warning) })
        _ = state.update(.input(.tab))
        _ = state.update(.input(.character("r")))
        #expect(state.entries.map(\.kind) == [.user, .assistant], "the note went with the old answer")
        complete("Again.", in: &state)
        _ = state.update(.input(.character("<")))
        #expect(state.entries.count == count)
    }

    @Test func aRegeneratedAnswerThatFailsLeavesItsErrorBesideTheOldAnswer() {
        var state = twoTurns()
        _ = state.update(.input(.tab))
        _ = state.update(.input(.character("r")))
        let id = state.active?.requestID ?? 0
        _ = state.update(.chatFailed(requestID: id, ProviderError(.connectionFailed, "cannot connect")))
        #expect(state.entries.last?.kind == .note(.error))
        #expect(screen(state).contains("‹2/2›"), "the error stands where the new answer would have")
        _ = state.update(.input(.down))
        _ = state.update(.input(.character("<")))
        #expect(state.entries.last?.text == "Longer path through air.", "the old answer is a key away")
    }

    @Test func forkStartsANewConversationUpToTheCursorAndLeavesThisOne() {
        var state = twoTurns()
        let original = state.conversationID
        _ = state.update(.input(.tab))
        _ = state.update(.input(.up))
        _ = state.update(.input(.up))
        _ = state.update(.input(.paste("/fork")))
        _ = state.update(.input(.enter))
        // Typing took the focus to the message box: the fork is of the whole branch.
        #expect(state.conversationID != original)
        #expect(state.entries.prefix(4).map(\.text) == ["Why is the sky blue?", "Rayleigh scattering.", "And sunsets?", "Longer path through air."])
        #expect(state.title.hasSuffix("(fork)"))
        #expect(state.entries.last?.text.contains("Forked from") == true)

        var second = twoTurns()
        _ = second.update(.input(.tab))
        _ = second.update(.input(.up))
        _ = second.update(.input(.up))
        let ids = Set(second.entries.map(\.id))
        let forked = SlashCommand.run("/fork", on: &second)
        #expect(forked.contains { if case .keepConversation = $0 { true } else { false } })
        #expect(second.entries.dropLast().map(\.text) == ["Why is the sky blue?", "Rayleigh scattering."])
        #expect(ids.isDisjoint(with: second.entries.map(\.id)), "the copies are new messages")
    }

    @Test func aConversationOpenedWithBranchesCountsEveryBranchsUsage() {
        var state = Fixtures.state(width: 120, height: 40)
        let question = ConversationEntry(kind: .user, text: "q")
        func answer(_ tokens: Int) -> ConversationEntry {
            var entry = ConversationEntry(kind: .assistant, text: "a\(tokens)")
            entry.outcome = ChatOutcome(
                requested: ModelRef(provider: nil, model: "x"), answeredBy: Fixtures.ollama, attempts: 1,
                timeToFirstTokenSeconds: nil, tokensPerSecond: nil, stats: CompletionStats(promptTokens: 10, completionTokens: tokens), interruption: nil
            )
            return entry
        }
        let shown = answer(100), parked = answer(50)
        let tree = ConversationTree(
            parked: [ConversationTree.Parked(entry: parked, parentID: question.id, position: 1)],
            children: [question.id: [parked.id, shown.id]], shown: [question.id: shown.id]
        )
        _ = state.update(.conversationOpened(SavedConversation(
            header: ConversationHeader(id: "c", title: "T", model: "", systemPrompt: nil, temperature: nil), entries: [question, shown], tree: tree
        ), messageID: nil))
        #expect(screen(state).contains("Σ 20 in · 150 out"))
        #expect(screen(state).contains("‹2/2›"))
    }
}
