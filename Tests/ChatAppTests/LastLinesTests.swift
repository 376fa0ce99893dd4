@testable import ChatApp
import ChatCore
import Foundation
import TerminalUI
import Testing

/// A frame asks a long answer for its last lines only: they must be the last lines of the
/// whole, and the count of those left out must make up the rest.
@Suite struct LastLinesTests {
    /// An answer of paragraphs, a code block and one long paragraph, streamed token by token.
    private static let tokens: [String] = (0..<900).map { index in
        index % 97 == 96 ? "\n\n```swift\nlet x\(index) = 1\n```\n\n" : index % 41 == 40 ? ".\n\n" : " word\(index)"
    }

    @Test(arguments: [1, 2, 7, 30, 250])
    func theLastLinesOfAStreamingOrCompleteAnswerAreTheEndOfAllOfThem(rows: Int) {
        let theme = Theme.builtInDark
        var layout = MarkdownLayout("", width: 50, theme: theme)
        for (index, token) in Self.tokens.enumerated() {
            layout.append(token)
            if index % 50 == 0 { check(layout, rows: rows) }
        }
        check(layout, rows: rows)
        layout.finish()
        check(layout, rows: rows)
    }

    private func check(_ layout: MarkdownLayout, rows: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let all = layout.lines
        let (last, skipped) = layout.lastLines(rows)
        #expect(last == Array(all.suffix(rows)), sourceLocation: sourceLocation)
        #expect(skipped + last.count == all.count, sourceLocation: sourceLocation)
    }

    @Test(arguments: [1, 3, 12, 400])
    func anEntrysLastRowsAreTheEndOfAllItsLines(rows: Int) {
        var state = Fixtures.state(width: 90, height: 30)
        state.showsThinking = true
        for character in "hello" { _ = state.update(.input(.character(character))) }
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: 1, .thinking("Let me think about it.")))
        let width = ConversationLayout(state).width
        func compare() {
            let entry = state.entries[state.entries.count - 1]
            let all = ConversationLayout.lines(for: entry, state: state, width: width)
            let (last, skipped) = ConversationLayout.lines(for: entry, state: state, width: width, branch: nil, lastRows: rows)
            #expect(last.count >= min(rows, all.count))
            #expect(last == Array(all.suffix(last.count)))
            #expect(skipped + last.count == all.count)
            // The answer was laid out ahead, and long enough to be cut.
            #expect(entry.layout != nil)
            #expect(rows >= all.count || skipped > 0)
        }
        for token in Self.tokens.prefix(400) {
            _ = state.update(.chat(requestID: 1, .text(token)))
        }
        compare()
        _ = state.update(.chat(requestID: 1, .completed(ChatOutcome(
            requested: ModelRef(provider: nil, model: "llama2"), answeredBy: Fixtures.ollama, attempts: 1,
            timeToFirstTokenSeconds: 0.1, tokensPerSecond: 40, stats: CompletionStats(promptTokens: 7, completionTokens: 400), interruption: nil
        ))))
        compare()
    }

    @Test(arguments: [1, 3, 12, 400])
    func aLongReasoningShownAsItStreamsIsTheReasoningWrappedWhole(rows: Int) {
        var state = Fixtures.state(width: 90, height: 30)
        for character in "hello" { _ = state.update(.input(.character(character))) }
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        let width = ConversationLayout(state).width
        func compare(sourceLocation: SourceLocation = #_sourceLocation) {
            let entry = state.entries[state.entries.count - 1]
            // Wrapped as it streamed, not per frame.
            #expect(entry.reasoningLayout != nil, sourceLocation: sourceLocation)
            var unwrapped = entry
            unwrapped.reasoningLayout = nil
            let whole = ConversationLayout.lines(for: unwrapped, state: state, width: width)
            #expect(ConversationLayout.lines(for: entry, state: state, width: width) == whole, sourceLocation: sourceLocation)
            let (last, skipped) = ConversationLayout.lines(for: entry, state: state, width: width, branch: nil, lastRows: rows)
            #expect(last.count >= min(rows, whole.count), sourceLocation: sourceLocation)
            #expect(last == Array(whole.suffix(last.count)), sourceLocation: sourceLocation)
            #expect(skipped + last.count == whole.count, sourceLocation: sourceLocation)
        }
        for (index, token) in Self.tokens.prefix(300).enumerated() {
            _ = state.update(.chat(requestID: 1, .thinking(token)))
            // Shown part of the way through: what streamed so far is wrapped then.
            if index == 100 { _ = state.update(.input(.control("t"))) }
            if index > 100, index % 25 == 0 { compare() }
        }
        #expect(state.showsThinking)
        for token in Self.tokens.prefix(200) { _ = state.update(.chat(requestID: 1, .text(token))) }
        compare()
    }

    @Test(arguments: [1, 3, 12, 400])
    func aLongQuestionIsWrappedOnceAndItsLastRowsAreTheEndOfItsLines(rows: Int) {
        var state = Fixtures.state(width: 90, height: 30)
        let log = (0..<300).map { "line \($0): worker[\($0)] took \($0 % 97) ms while the pool was warming up" }.joined(separator: "\n")
        _ = state.update(.input(.paste(log)))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chat(requestID: 1, .text("It is")))
        let width = ConversationLayout(state).width
        let question = state.entries[state.entries.count - 2]
        #expect(question.kind == .user)
        // Wrapped when the pane first showed it, not on every frame.
        #expect(question.wrappedText?.width == width)
        var unwrapped = question
        unwrapped.wrappedText = nil
        let whole = ConversationLayout.lines(for: unwrapped, state: state, width: width)
        #expect(ConversationLayout.lines(for: question, state: state, width: width) == whole)
        let (last, skipped) = ConversationLayout.lines(for: question, state: state, width: width, branch: nil, lastRows: rows)
        #expect(last.count >= min(rows, whole.count))
        #expect(last == Array(whole.suffix(last.count)))
        #expect(skipped + last.count == whole.count)
    }
}
