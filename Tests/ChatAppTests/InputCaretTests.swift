@testable import ChatApp
import ChatCore
import Foundation
import TerminalUI
import Testing

/// Where the message box's caret is: the terminal's cursor while nothing streams; a reversed
/// cell while an answer streams, the terminal's cursor hidden (left where the text ends).
@Suite struct InputCaretTests {
    @Test func whileAnAnswerStreamsTheCaretIsACellAndTheCursorIsHidden() throws {
        var state = Fixtures.state(width: 100, height: 30)
        for character in "hello" { _ = state.update(.input(.character(character))) }
        let idle = RootView.render(state)
        let caret = try #require(idle.cursor)
        #expect(!idle.grid[caret.x, caret.y].style.attributes.contains(.reverse))

        let id = state.nextRequestID
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: id, .attempt(Fixtures.openRouter)))
        _ = state.update(.chat(requestID: id, .text("some words")))
        for character in "next" { _ = state.update(.input(.character(character))) }
        let streaming = RootView.render(state)
        #expect(streaming.cursor == nil)
        // The caret stands after "next", where the terminal's cursor stood before.
        let cell = streaming.grid[caret.x - 1, caret.y]
        #expect(cell.style.attributes.contains(.reverse))
        #expect(streaming.grid.row(caret.y).contains("› next"))

        _ = state.update(.chat(requestID: id, .completed(ChatOutcome(
            requested: ModelRef(provider: nil, model: "x"), answeredBy: Fixtures.openRouter, attempts: 1,
            timeToFirstTokenSeconds: 0.2, tokensPerSecond: nil, stats: CompletionStats(), interruption: nil
        ))))
        let done = RootView.render(state)
        #expect(done.cursor.map { [$0.x, $0.y] } == [caret.x - 1, caret.y])
        #expect(!done.grid[caret.x - 1, caret.y].style.attributes.contains(.reverse))
    }
}
