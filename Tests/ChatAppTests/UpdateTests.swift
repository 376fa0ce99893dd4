@testable import ChatApp
import ChatCore
import Foundation
import TerminalUI
import Testing

/// `AppState.update`, one message kind at a time.
@Suite struct UpdateTests {
    private func typed(_ text: String, into state: inout AppState) {
        for character in text { _ = state.update(.input(.character(character))) }
    }

    @Test func enterSendsTheMessageWithTheConversationSoFar() {
        var state = Fixtures.state()
        state.systemPrompt = "Be brief."
        typed("hello", into: &state)
        let effects = state.update(.input(.enter))
        #expect(effects == [.startChat(requestID: 1, model: "", messages: [Message(role: .system, content: "Be brief."), Message(role: .user, content: "hello")], temperature: nil, maxTokens: nil, excluding: nil)])
        #expect(state.input.isEmpty)
        #expect(state.entries.map(\.kind) == [.user, .assistant])
        #expect(state.active?.phase == .waiting)
    }

    @Test func theStatusLinesSpeedChangesOnceASecondNotWithEveryToken() {
        var state = Fixtures.state(width: 120, height: 30)
        typed("hello", into: &state)
        let id = state.nextRequestID
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: id, .attempt(Fixtures.openRouter)))
        func token(at seconds: Double) -> String {
            _ = state.update(.tick(Fixtures.now.addingTimeInterval(seconds)))
            _ = state.update(.chat(requestID: id, .text(" word")))
            return StatusLine.phase(state)
        }
        #expect(token(at: 0) == "streaming")
        // 10 tokens a second, then 31: the figure is measured as each second passes and holds
        // in between, whatever the tokens do.
        let firstSecond = (1..<10).map { token(at: Double($0) / 10) }
        #expect(Set(firstSecond) == ["streaming"])
        #expect(token(at: 1.0) == "streaming 9 tok/s")
        let secondSecond = (1..<31).map { token(at: 1.0 + Double($0) / 31) }
        #expect(Set(secondSecond) == ["streaming 9 tok/s"])
        // 40 tokens after the first, in 2 s.
        #expect(token(at: 2.0) == "streaming 20 tok/s")
    }

    @Test func eachAnswersTokensAndCostShowInItsFooterAndTheConversationsInTheStatusLine() {
        var state = Fixtures.state(width: 120, height: 30)
        func answer(_ stats: CompletionStats) {
            typed("hello", into: &state)
            let id = state.nextRequestID
            _ = state.update(.input(.enter))
            _ = state.update(.chat(requestID: id, .attempt(Fixtures.openRouter)))
            _ = state.update(.chat(requestID: id, .text("hi")))
            _ = state.update(.chat(requestID: id, .completed(ChatOutcome(
                requested: ModelRef(provider: nil, model: "x"), answeredBy: Fixtures.openRouter, attempts: 1,
                timeToFirstTokenSeconds: 0.2, tokensPerSecond: nil, stats: stats, interruption: nil
            ))))
        }
        answer(CompletionStats(promptTokens: 1200, completionTokens: 340, costUSD: 0.0021))
        answer(CompletionStats(promptTokens: 1500, completionTokens: 60, costUSD: 0.0009))
        let screen = RootView.render(state).grid.text
        #expect(screen.contains("1.2k in · 340 out ·"))
        #expect(screen.contains("$0.0021"))
        #expect(screen.contains("Σ 2.7k in · 400 out · $0.0030"))
        _ = state.update(.input(.paste("/new")))
        _ = state.update(.input(.enter))
        #expect(!RootView.render(state).grid.text.contains("Σ"))
        // A conversation opened again shows its totals at once.
        var saved = ConversationEntry(kind: .assistant, text: "old")
        saved.outcome = ChatOutcome(
            requested: ModelRef(provider: nil, model: "x"), answeredBy: Fixtures.ollama, attempts: 1,
            timeToFirstTokenSeconds: nil, tokensPerSecond: nil, stats: CompletionStats(promptTokens: 26, completionTokens: 282), interruption: nil
        )
        _ = state.update(.conversationOpened(SavedConversation(header: ConversationHeader(id: "c1", title: "Old", model: "", systemPrompt: nil, temperature: nil), entries: [saved]), messageID: nil))
        #expect(RootView.render(state).grid.text.contains("Σ 26 in · 282 out"))
    }

    @Test func anAnswerStreamingPastTheBottomMovesThePaneByHalfAPageNotALineAtATime() {
        var state = Fixtures.state(width: 80, height: 24)
        typed("hello", into: &state)
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        func line(_ number: Int) -> String { "line\(number)\n\n" }
        func rows() -> [String] { RootView.render(state).grid.text.split(separator: "\n").map(String.init) }
        var shown: [[String]] = []
        for number in 0..<40 {
            _ = state.update(.chat(requestID: 1, .text(line(number))))
            shown.append(rows())
        }
        // Each new line lands in the room left below, every line above staying where it was,
        // or moves the pane up by half its height at once: a handful of moves, not one a line.
        func pane(_ screen: [String]) -> [String] {
            screen.prefix { !$0.hasPrefix("┌ Message") }.map { String($0.prefix(50)).replacingOccurrences(of: "▍", with: " ") }
        }
        var moves = 0
        for (before, after) in zip(shown.map(pane), shown.dropFirst().map(pane)) {
            if before[1] != after[1] {
                moves += 1
                continue
            }
            for (old, new) in zip(before, after) where !old.trimmingCharacters(in: CharacterSet(charactersIn: " │")).isEmpty {
                #expect(new == old)
            }
        }
        #expect(moves > 0)
        #expect(moves <= 10)
        let done = ChatOutcome(requested: ModelRef(provider: nil, model: "llama2"), answeredBy: Fixtures.ollama, attempts: 1, timeToFirstTokenSeconds: nil, tokensPerSecond: nil, stats: nil, interruption: nil)
        _ = state.update(.chat(requestID: 1, .completed(done)))
        // Done, the pane rests at the bottom again: the footer is on its last row.
        let conversation = rows().prefix { !$0.hasPrefix("┌ Message") }
        #expect(conversation.dropLast().last?.contains("── ollama:llama2") == true)
    }

    @Test func theSidebarSaysWhatAKeyMayStillSpend() {
        var state = Fixtures.state(width: 120, height: 30)
        var status = HealthStatus(state: .healthy, checkedAt: Fixtures.now, latencySeconds: 0.2, modelCount: 2)
        status.credit = KeyCredit(limitUSD: 10, remainingUSD: 9.75, usedUSD: 0.25)
        _ = state.update(.healthChecked(.openrouter, status))
        #expect(RootView.render(state).grid.text.contains("$9.75 of $10.00 left"))
        status.credit = KeyCredit(limitUSD: nil, remainingUSD: nil, usedUSD: 0.25)
        _ = state.update(.healthChecked(.openrouter, status))
        #expect(RootView.render(state).grid.text.contains("$0.25 spent, no limit"))
    }

    @Test func newlineKeysAndAMultiLinePasteStayOneMessage() {
        var state = Fixtures.state()
        typed("a", into: &state)
        _ = state.update(.input(.control("j")))
        typed("b", into: &state)
        _ = state.update(.input(.altEnter))
        _ = state.update(.input(.paste("c\nd")))
        #expect(state.input.text == "a\nb\nc\nd")
        let effects = state.update(.input(.enter))
        #expect(effects.count == 1)
        #expect(state.entries.first?.text == "a\nb\nc\nd")
    }

    @Test(arguments: ["/delete now", "/new please", "/clear all", "/health now", "/quit later", "/copy foo", "/chats 2"])
    func aCommandWithAStrayArgumentDoesNothingAndSaysWhy(command: String) {
        var state = Fixtures.state()
        let before = (state.conversationID, state.overlay)
        _ = state.update(.input(.paste(command)))
        let effects = state.update(.input(.enter))
        #expect(effects.isEmpty)
        #expect(state.conversationID == before.0)
        #expect(state.overlay == before.1)
        #expect(state.entries.last?.kind == .note(.error))
        #expect(state.entries.last?.text.contains("nothing was") == true)
    }

    @Test func keysWithNothingToDoSaySoInTheStatusLine() {
        var state = Fixtures.state()
        #expect(state.update(.input(.control("r"))).isEmpty)
        #expect(state.statusNote?.contains("nothing to retry") == true)
        _ = state.update(.input(.control("t")))
        #expect(state.statusNote == "reasoning shown (no answer here has any)")
    }

    @Test func theTitleIsTheFirstMessagesFirstLineShortened() {
        func title(_ first: String) -> String {
            var state = Fixtures.state()
            state.entries = [ConversationEntry(kind: .user, text: first), ConversationEntry(kind: .user, text: "second")]
            return state.title
        }
        #expect(title("How do I retry?\nWith jitter, please.") == "How do I retry?")
        #expect(title("\n\nAfter blank lines\nand more") == "After blank lines")
        #expect(title(String(repeating: "x", count: 60)) == String(repeating: "x", count: 60))
        #expect(title(String(repeating: "x", count: 61)) == String(repeating: "x", count: 59) + "…")
        #expect(title(String(repeating: "log line that goes on\n", count: 100_000)) == "log line that goes on")
        #expect(title(String(repeating: "é", count: 4_000_000)) == String(repeating: "é", count: 59) + "…")
    }

    @Test func aRenamedConversationOpenedAgainKeepsItsTitleThroughTheNextMessage() {
        var state = Fixtures.state()
        let header = ConversationHeader(id: "c1", title: "Retry strategies", model: "ollama:llama2", systemPrompt: "Be brief.", temperature: 0.3)
        state.open(SavedConversation(header: header, entries: [ConversationEntry(kind: .user, text: "how should I retry?"), ConversationEntry(kind: .assistant, text: "With backoff.")]))
        typed("and jitter?", into: &state)
        _ = state.update(.input(.enter))
        #expect(state.title == "Retry strategies")
        #expect(state.conversationID == "c1")
        #expect(state.systemPrompt == "Be brief.")
        #expect(state.temperature == 0.3)
    }

    @Test func emptyInputSendsNothing() {
        var state = Fixtures.state()
        typed("   ", into: &state)
        #expect(state.update(.input(.enter)).isEmpty)
        #expect(state.entries.isEmpty)
    }

    @Test func editingKeys() {
        var state = Fixtures.state()
        typed("hello big world", into: &state)
        _ = state.update(.input(.control("w")))
        #expect(state.input.text == "hello big ")
        _ = state.update(.input(.control("a")))
        _ = state.update(.input(.delete))
        #expect(state.input.text == "ello big ")
        _ = state.update(.input(.right))
        _ = state.update(.input(.control("k")))
        #expect(state.input.text == "e")
        _ = state.update(.input(.control("e")))
        typed("nd", into: &state)
        _ = state.update(.input(.left))
        _ = state.update(.input(.backspace))
        #expect(state.input.text == "ed")
        _ = state.update(.input(.control("u")))
        #expect(state.input.text == "d")
    }

    @Test func upAndDownWalkTheInputHistoryKeepingTheDraft() {
        var state = Fixtures.state()
        for text in ["first", "second"] {
            typed(text, into: &state)
            _ = state.update(.input(.enter))
            _ = state.update(.input(.escape))
        }
        typed("draft", into: &state)
        _ = state.update(.input(.up))
        #expect(state.input.text == "second")
        _ = state.update(.input(.up))
        #expect(state.input.text == "first")
        _ = state.update(.input(.down))
        _ = state.update(.input(.down))
        #expect(state.input.text == "draft")
    }

    @Test func chatEventsBuildTheAnswer() {
        var state = Fixtures.state()
        typed("hi", into: &state)
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: 1, .thinking("hmm")))
        _ = state.update(.chat(requestID: 1, .text("Hel")))
        _ = state.update(.chat(requestID: 1, .text("lo")))
        _ = state.update(.chat(requestID: 7, .text("from a stale request")))
        let answer = state.entries[1]
        #expect(answer.text == "Hello")
        #expect(answer.thinking == "hmm")
        #expect(answer.target == Fixtures.ollama)
        #expect(state.active?.phase == .streaming)
        #expect(state.active?.tokens == 2)
        _ = state.update(.chat(requestID: 1, .done(CompletionStats())))
        let outcome = ChatOutcome(requested: ModelRef(provider: nil, model: ""), answeredBy: Fixtures.ollama, attempts: 1, timeToFirstTokenSeconds: 0.1, tokensPerSecond: 20, stats: nil, interruption: nil)
        _ = state.update(.chat(requestID: 1, .completed(outcome)))
        #expect(state.active == nil)
        #expect(state.entries[1].outcome == outcome)
        #expect(!state.entries[1].isStreaming)
    }

    @Test func whileTheModelReasonsTheMarkFollowsTheReasoningAndNothingSaysItWaits() {
        var state = Fixtures.state(width: 100, height: 30)
        typed("hi", into: &state)
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        #expect(RootView.render(state).grid.text.contains("waiting for the first token"))
        _ = state.update(.chat(requestID: 1, .thinking("Let me think")))
        var screen = RootView.render(state).grid.text
        #expect(screen.contains("▸ thinking… 12 characters so far (Ctrl-T shows it)▍"))
        #expect(!screen.contains("waiting for the first token"))
        _ = state.update(.input(.control("t")))
        _ = state.update(.chat(requestID: 1, .thinking(" about it.")))
        screen = RootView.render(state).grid.text
        #expect(screen.contains("▾ Let me think about it.▍"))
        #expect(!screen.contains("waiting for the first token"))
        _ = state.update(.input(.control("t")))
        _ = state.update(.chat(requestID: 1, .text("Hello")))
        screen = RootView.render(state).grid.text
        let folded = screen.split(separator: "\n").first { $0.contains("▸ thought for 22 characters (Ctrl-T shows it)") }
        #expect(folded?.contains("▍") == false)
        #expect(screen.contains("Hello▍"))
    }

    @Test func retriesFallbacksAndSkipsShowUpAsNotesAndInTheStatusLine() {
        var state = Fixtures.state()
        typed("hi", into: &state)
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .retry(RetryNotice(target: Fixtures.ollama, attempt: 1, limit: 3, delaySeconds: 0.5, reason: "503"))))
        #expect(state.statusNote == "retrying ollama:llama2")
        _ = state.update(.chat(requestID: 1, .skipped(SkipNotice(provider: "gpu", reason: "down since 10:00:00"))))
        _ = state.update(.chat(requestID: 1, .fallback(FallbackNotice(from: Fixtures.ollama, to: Fixtures.openRouter, reason: "503"))))
        #expect(state.statusNote == "fell back: ollama:llama2 → openrouter:anthropic/claude-3.5-sonnet")
        let notes = state.entries.compactMap { if case .note = $0.kind { $0.text } else { nil } }
        #expect(notes.count == 3)
        #expect(notes[2].contains("falling back to openrouter:anthropic/claude-3.5-sonnet"))
        #expect(state.entries.last?.kind == .assistant)
        _ = state.update(.chat(requestID: 1, .text("ok")))
        #expect(state.entries.last?.text == "ok")
    }

    @Test func escapeAndCtrlCStopTheAnswerKeepingThePartialText() {
        for key in [InputEvent.escape, .control("c")] {
            var state = Fixtures.state()
            typed("hi", into: &state)
            _ = state.update(.input(.enter))
            _ = state.update(.chat(requestID: 1, .text("partial")))
            #expect(state.update(.input(key)) == [.cancelChat(requestID: 1)])
            #expect(state.active == nil)
            #expect(state.entries.last?.text == "partial")
            #expect(state.entries.last?.wasCancelled == true)
            #expect(state.overlay == nil)
        }
    }

    @Test func ctrlCWithoutAnAnswerAsksBeforeQuitting() {
        var state = Fixtures.state()
        #expect(state.update(.input(.control("c"))).isEmpty)
        #expect(state.overlay == .confirmQuit)
        #expect(state.update(.input(.character("n"))).isEmpty)
        #expect(state.overlay == nil)
        _ = state.update(.input(.control("c")))
        #expect(state.update(.input(.character("y"))) == [.quit])
    }

    @Test func interruptedAnswerCanBeRetriedElsewhereWithOneKey() {
        var state = Fixtures.state()
        typed("story", into: &state)
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .text("Once")))
        let outcome = ChatOutcome(requested: ModelRef(provider: nil, model: ""), answeredBy: Fixtures.ollama, attempts: 1, timeToFirstTokenSeconds: 0.1, tokensPerSecond: nil, stats: nil, interruption: ProviderError(.connectionLost, "dropped"))
        _ = state.update(.chat(requestID: 1, .completed(outcome)))
        #expect(state.entries.last?.text.contains("Ctrl-R") == true)
        let effects = state.update(.input(.control("r")))
        #expect(effects == [.startChat(requestID: 2, model: "", messages: [Message(role: .user, content: "story")], temperature: nil, maxTokens: nil, excluding: Fixtures.ollama.provider)])
        #expect(state.update(.input(.control("r"))).isEmpty)
    }

    @Test func failedChatLeavesAnErrorNoteAndCancelledOneDoesNot() {
        var state = Fixtures.state()
        typed("hi", into: &state)
        _ = state.update(.input(.enter))
        _ = state.update(.chatFailed(requestID: 1, ProviderError(.connectionFailed, "cannot connect", hint: "start it")))
        #expect(state.active == nil)
        #expect(state.entries.last?.kind == .note(.error))
        #expect(state.entries.last?.text == "No answer: cannot connect — start it")
        #expect(!state.entries.contains { $0.kind == .assistant })
    }

    @Test func healthChangesBecomeNotes() {
        var state = Fixtures.state()
        _ = state.update(.healthChecked(.ollama, HealthStatus(state: .down, reason: "connection refused")))
        #expect(state.health[.ollama]?.state == .down)
        #expect(state.entries.last?.text == "ollama is down (was healthy) — connection refused")
        #expect(state.statusNote == "ollama down")
        _ = state.update(.healthChecked(.ollama, HealthStatus(state: .down, reason: "connection refused")))
        #expect(state.entries.count == 1)
    }

    @Test func modelsListedFeedThePickerWhichSetsTheModel() {
        var state = Fixtures.state()
        _ = state.update(.modelsListed("gpu", [ModelInfo(provider: "gpu", name: "llama3")]))
        state.providerOrder.append("gpu")
        _ = state.update(.input(.control("p")))
        for character in "llama3" { _ = state.update(.input(.character(character))) }
        #expect(state.picker.rows(order: state.providerOrder, models: state.models).map(\.name) == ["llama3"])
        _ = state.update(.input(.enter))
        #expect(state.model == "gpu:llama3")
        #expect(state.overlay == nil)
    }

    @Test func defaultProviderNoticeIsShown() {
        var state = Fixtures.state()
        _ = state.update(.defaultProvider(.demo, notice: ["No provider is reachable", "OPENROUTER_API_KEY=…"]))
        #expect(state.defaultProvider == .demo)
        #expect(state.entries.last?.kind == .note(.warning))
    }

    @Test func tickTurnsALongWaitIntoLoading() {
        var state = Fixtures.state()
        typed("hi", into: &state)
        _ = state.update(.input(.enter))
        _ = state.update(.tick(Fixtures.now.addingTimeInterval(2)))
        #expect(state.active?.phase == .waiting)
        _ = state.update(.tick(Fixtures.now.addingTimeInterval(6)))
        #expect(state.active?.phase == .loading)
    }

    @Test func terminateQuitsAndCancels() {
        var state = Fixtures.state()
        typed("hi", into: &state)
        _ = state.update(.input(.enter))
        #expect(state.update(.terminate) == [.cancelChat(requestID: 1), .quit])
    }

    @Test func resizeScrollFocusAndHelp() {
        var state = Fixtures.state()
        _ = state.update(.input(.resize(Size(width: 100, height: 30))))
        #expect(state.size == Size(width: 100, height: 30))
        _ = state.update(.input(.pageUp))
        #expect(state.scrollOffset > 0)
        _ = state.update(.input(.wheelDown))
        _ = state.update(.input(.pageDown))
        #expect(state.scrollOffset == 0)
        _ = state.update(.input(.tab))
        #expect(state.focus == .conversation)
        _ = state.update(.input(.character("?")))
        #expect(state.overlay == .help)
        _ = state.update(.input(.escape))
        #expect(state.overlay == nil)
    }

    @Test(arguments: [
        ("/model ollama:mistral", "Model: ollama:mistral"),
        ("/system You are terse.", "System prompt set."),
        ("/temperature 0.2", "Temperature: 0.2"),
        ("/temperature hot", "/temperature takes a number from 0 to 2, e.g. /temperature 0.2"),
        ("/nonsense", "Unknown command /nonsense"),
        ("/providers", "Providers (default: ollama):"),
    ])
    func slashCommandsAnswerWithANote(command: String, note: String) {
        var state = Fixtures.state()
        _ = state.update(.input(.paste(command)))
        _ = state.update(.input(.enter))
        #expect(state.entries.last?.text.hasPrefix(note) == true, "\(state.entries.last?.text ?? "none")")
    }

    @Test func sessionCommandsExportAndCopy() {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("first question")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .text("Here:\n```sh\necho hi\n```\nDone.")))
        _ = state.update(.input(.escape))
        #expect(state.title == "first question")
        _ = state.update(.input(.paste("/rename Shell tips")))
        _ = state.update(.input(.enter))
        #expect(state.title == "Shell tips")
        _ = state.update(.input(.paste("/copy code")))
        #expect(state.update(.input(.enter)) == [.copyToClipboard("echo hi")])
        #expect(state.update(.input(.control("y"))) == [.copyToClipboard("Here:\n```sh\necho hi\n```\nDone.")])
        _ = state.update(.input(.paste("/export chat.md")))
        #expect(state.update(.input(.enter)) == [.export(path: "chat.md")])
        _ = state.update(.input(.paste("/set max-tokens 300")))
        _ = state.update(.input(.enter))
        #expect(state.maxTokens == 300)
        _ = state.update(.input(.paste("/set temperature 0.3")))
        _ = state.update(.input(.enter))
        #expect(state.temperature == 0.3)
        _ = state.update(.input(.paste("again")))
        let effects = state.update(.input(.enter))
        #expect(effects.contains { if case .startChat(_, _, _, 0.3, 300, nil) = $0 { true } else { false } })
        let before = state.conversationID
        _ = state.update(.input(.escape))
        _ = state.update(.input(.paste("/new")))
        _ = state.update(.input(.enter))
        #expect(state.conversationID != before)
        #expect(state.entries.count == 1)
        #expect(state.title == "New conversation")
    }

    @Test func theCodeCursorMovesFromBlockToBlockAndCopiesTheOneItIsOn() {
        var state = Fixtures.state()
        let first = ConversationEntry(kind: .assistant, text: "Two blocks, touching:\n```sh\nls -l\n```\n```py\nprint(1)\n```\nThat is all.")
        let filler = (0..<30).map { ConversationEntry(kind: .user, text: "filler \($0)") }
        let last = ConversationEntry(kind: .assistant, text: "One more:\n\n```swift\nlet x = 1\n```")
        _ = state.update(.conversationOpened(SavedConversation(header: ConversationHeader(id: "c1", title: "Code", model: "", systemPrompt: nil, temperature: nil), entries: [first] + filler + [last]), messageID: nil))
        func lineShowing(_ text: String) -> String? {
            RootView.render(state).grid.text.split(separator: "\n").first { $0.contains(text) }.map(String.init)
        }

        _ = state.update(.input(.tab))
        #expect(state.focus == .conversation)
        _ = state.update(.input(.character("[")))
        #expect(state.codeCursor == CodeCursor(entryID: last.id, block: 0))
        #expect(lineShowing("let x = 1")?.hasPrefix("│▌") == true)
        #expect(lineShowing("y copy · [ ] other blocks") != nil)
        #expect(state.update(.input(.character("y"))) == [.copyToClipboard("let x = 1")])

        // Up to the first answer, far above: the pane scrolls to show it.
        _ = state.update(.input(.character("[")))
        #expect(state.codeCursor == CodeCursor(entryID: first.id, block: 1))
        #expect(state.scrollOffset > 0)
        #expect(lineShowing("print(1)")?.hasPrefix("│▌") == true)
        _ = state.update(.input(.character("[")))
        #expect(lineShowing("ls -l")?.hasPrefix("│▌") == true)
        #expect(lineShowing("print(1)")?.hasPrefix("│▌") == false, "only the block under the cursor is marked")
        _ = state.update(.input(.character("[")))
        #expect(state.codeCursor == CodeCursor(entryID: first.id, block: 0), "the first block stays the first")
        #expect(state.update(.input(.enter)) == [.copyToClipboard("ls -l")])
        _ = state.update(.input(.character("]")))
        #expect(state.update(.input(.control("y"))) == [.copyToClipboard("print(1)")])
        _ = state.update(.input(.paste("/copy code")))
        #expect(state.codeCursor == nil, "typing leaves the conversation and its cursor")
        #expect(state.update(.input(.enter)) == [.copyToClipboard("let x = 1")])

        // Back in the conversation, still scrolled up: the first press takes the lowest block in view.
        _ = state.update(.input(.tab))
        _ = state.update(.input(.character("]")))
        #expect(state.codeCursor == CodeCursor(entryID: first.id, block: 1))
        _ = state.update(.input(.end))
        _ = state.update(.input(.escape))
        _ = state.update(.input(.character("]")))
        #expect(state.codeCursor == CodeCursor(entryID: last.id, block: 0))
        _ = state.update(.input(.escape))
        #expect(state.codeCursor == nil)
        #expect(lineShowing("▌") == nil)
        #expect(state.update(.input(.control("y"))) == [.copyToClipboard(last.text)])
    }

    @Test func answersInViewAreLaidOutOnceAndTheRestWaitTillTheyAreScrolledTo() {
        var state = Fixtures.state()
        let answers = (0..<30).map { ConversationEntry(kind: .assistant, text: "## Answer \($0)\n\nSome *markdown* here.\n\n```sh\necho \($0)\n```") }
        _ = state.update(.conversationOpened(SavedConversation(header: ConversationHeader(id: "c1", title: "Many", model: "", systemPrompt: nil, temperature: nil), entries: answers), messageID: nil))
        let laidOut = state.entries.filter { $0.layout?.isComplete == true }
        #expect(!laidOut.isEmpty && laidOut.count < 10, "\(laidOut.count) laid out")
        #expect(state.entries.last { $0.kind == .assistant }?.layout?.isComplete == true)
        #expect(state.entries.first?.layout == nil, "far above the view: not laid out yet")

        // The screen is the same as rendering every answer afresh.
        func withoutLayouts(_ state: AppState) -> AppState {
            var bare = state
            for index in bare.entries.indices { bare.entries[index].layout = nil }
            return bare
        }
        #expect(RootView.render(state).grid == RootView.render(withoutLayouts(state)).grid)

        _ = state.update(.input(.tab))
        _ = state.update(.input(.home))
        #expect(state.entries.first?.layout?.isComplete == true, "scrolled to the top: laid out")
        #expect(RootView.render(state).grid == RootView.render(withoutLayouts(state)).grid)

        _ = state.update(.input(.resize(Size(width: 100, height: 30))))
        #expect(state.entries.last { $0.kind == .assistant }?.layout?.fits(width: ConversationLayout(state).width, theme: state.theme) == true)
        #expect(RootView.render(state).grid == RootView.render(withoutLayouts(state)).grid)
    }

    @Test func aFinishedAnswerKeepsItsStreamedLayoutAsAWhole() {
        let state = Fixtures.conversationWithFallback()
        let answer = state.entries.last { $0.kind == .assistant }
        #expect(answer?.layout?.isComplete == true)
        #expect(answer?.layout?.lines == MarkdownRenderer.render(answer?.text ?? "", width: ConversationLayout(state).width, theme: state.theme))
    }

    @Test func aConversationWithoutCodeSaysSoWhenTheCursorLooksForABlock() {
        var state = Fixtures.conversationWithFallback()
        _ = state.update(.input(.tab))
        _ = state.update(.input(.character("]")))
        #expect(state.codeCursor == nil)
        #expect(state.statusNote == "no code block in this conversation")
    }

    @Test func searchResultsOpenTheConversationAtTheHit() {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("/search rayleigh")))
        #expect(state.update(.input(.enter)) == [.search("rayleigh")])
        let hit = ArchiveItem(conversationID: "c9", messageID: "8F1A6D2C-0000-4000-8000-000000000001", title: "Sky", detail: "assistant: «Rayleigh» scattering")
        _ = state.update(.archiveListed(title: "Search: rayleigh", [ArchiveItem(conversationID: "c8", messageID: nil, title: "Other", detail: ""), hit]))
        _ = state.update(.input(.down))
        #expect(state.update(.input(.enter)) == [.openConversation(id: "c9", messageID: hit.messageID)])
        var target = ConversationEntry(kind: .assistant, text: "Rayleigh scattering explains it.")
        target.id = UUID(uuidString: hit.messageID!)!
        let many = (0..<40).map { ConversationEntry(kind: .user, text: "filler \($0)") }
        _ = state.update(.conversationOpened(SavedConversation(header: ConversationHeader(id: "c9", title: "Sky", model: "ollama:llama2", systemPrompt: nil, temperature: nil), entries: [target] + many), messageID: hit.messageID))
        #expect(state.conversationID == "c9")
        #expect(state.title == "Sky")
        #expect(state.model == "ollama:llama2")
        let screen = RootView.render(state).grid.text
        #expect(screen.contains("Rayleigh scattering explains it."))
        #expect(!screen.contains("filler 39"))
        _ = state.update(.archiveListed(title: "Search: nothing", []))
        #expect(state.entries.last?.text == "Nothing found.")
    }

    @Test func defaultProviderChangesAtRunTime() {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("/default openrouter")))
        #expect(state.update(.input(.enter)) == [.setDefaultProvider(.openrouter)])
        #expect(state.defaultProvider == .openrouter)
        _ = state.update(.input(.paste("/default nowhere")))
        #expect(state.update(.input(.enter)).isEmpty)
        #expect(state.entries.last?.kind == .note(.error))
    }

    @Test func deleteAsksFirst() {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("/delete")))
        _ = state.update(.input(.enter))
        #expect(state.overlay == .confirmDelete)
        #expect(state.update(.input(.character("n"))).isEmpty)
        _ = state.update(.input(.paste("/delete")))
        _ = state.update(.input(.enter))
        let id = state.conversationID
        #expect(state.update(.input(.character("y"))) == [.deleteConversation(id: id)])
        #expect(state.conversationID != id)
    }

    @Test func slashCommandsWithEffects() {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("/health")))
        #expect(state.update(.input(.enter)) == [.checkHealth(nil)])
        _ = state.update(.input(.paste("/temperature 1.5")))
        _ = state.update(.input(.enter))
        #expect(state.temperature == 1.5)
        _ = state.update(.input(.paste("/clear")))
        _ = state.update(.input(.enter))
        #expect(state.entries.isEmpty)
        _ = state.update(.input(.paste("/models")))
        _ = state.update(.input(.enter))
        #expect(state.overlay == .modelPicker)
        _ = state.update(.input(.escape))
        _ = state.update(.input(.paste("/quit")))
        #expect(state.update(.input(.enter)) == [.quit])
    }
}

@Suite struct FixedPointTests {
    @Test(arguments: [(48.0, 0, "48"), (0.21, 2, "0.21"), (0.2, 2, "0.20"), (1.25, 1, "1.3"), (3.826793677, 1, "3.8"), (-0.5, 1, "-0.5"), (0.004, 2, "0.00"), (12.3456, 0, "12")])
    func formatsWithFixedDecimalsRoundingHalvesUp(value: Double, decimals: Int, expected: String) {
        #expect(FixedPoint.text(value, decimals: decimals) == expected)
    }
}
