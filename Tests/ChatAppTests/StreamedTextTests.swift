@testable import ChatApp
import ChatCore
import Testing

/// Tokens that arrive together are applied as one: the same screen, one update.
@Suite struct StreamedTextTests {
    @Test func runsOfTextOrReasoningOfOneChatAreJoinedAndNothingElseMoves() {
        let messages: [Msg] = [
            .chat(requestID: 1, .text("a")), .chat(requestID: 1, .text("b")), .chat(requestID: 1, .thinking("t")),
            .chat(requestID: 1, .text("c")), .chat(requestID: 2, .text("d")), .notice("n", failed: false),
            .chat(requestID: 1, .text("e")), .chat(requestID: 1, .done(CompletionStats())),
        ]
        let joined = StreamedText.coalescing(messages)
        #expect(joined.count == 7)
        guard joined.count == 7 else { return }
        if case .streamed(1, let text) = joined[0] { #expect(text == StreamedText("ab", pieces: 2)) } else { Issue.record("\(joined[0])") }
        if case .streamed(1, let text) = joined[1] { #expect(text == StreamedText("t", isThinking: true)) } else { Issue.record("\(joined[1])") }
        if case .streamed(1, let text) = joined[2] { #expect(text == StreamedText("c")) } else { Issue.record("\(joined[2])") }
        if case .streamed(2, let text) = joined[3] { #expect(text == StreamedText("d")) } else { Issue.record("\(joined[3])") }
        if case .notice("n", false) = joined[4] {} else { Issue.record("\(joined[4])") }
        if case .streamed(1, let text) = joined[5] { #expect(text == StreamedText("e")) } else { Issue.record("\(joined[5])") }
        if case .chat(1, .done) = joined[6] {} else { Issue.record("\(joined[6])") }
    }

    @Test func aBurstAppliedAsOneLeavesWhatTokenByTokenLeaves() {
        var burst = Fixtures.state()
        _ = burst.update(.input(.paste("tell me")))
        _ = burst.update(.input(.enter))
        var oneByOne = burst
        let messages: [Msg] = (0..<500).map { index in
            index % 50 == 0 ? .chat(requestID: 1, .thinking("step \(index). ")) : .chat(requestID: 1, .text(index % 7 == 0 ? "\n\n" : "word\(index) "))
        }
        for message in StreamedText.coalescing(messages) { _ = burst.update(message) }
        for message in messages { _ = oneByOne.update(message) }
        #expect(burst.entries.last?.text == oneByOne.entries.last?.text)
        #expect(burst.entries.last?.thinking == oneByOne.entries.last?.thinking)
        #expect(burst.active?.tokens == oneByOne.active?.tokens)
        #expect(burst.active?.tokens == 490)
        #expect(RootView.render(burst).grid == RootView.render(oneByOne).grid)
    }
}
