import ChatApp
import ChatCore
import Foundation
import TerminalUI
import Testing

/// Frames that keep the sidebar and the message box from the frame before must be the frames a
/// fresh render draws, whatever happened in between.
@Suite struct FrameReuseTests {
    /// Applies each message, renders after the frame before, and checks the grid, the cursor
    /// and the diff against a fresh render; returns the frames.
    @discardableResult
    private func play(_ messages: [Msg], on start: AppState, sourceLocation: SourceLocation = #_sourceLocation) -> [RootView.Frame] {
        var state = start
        var previous: RootView.Frame?
        var frames: [RootView.Frame] = []
        for message in [Msg.tick(Fixtures.now)] + messages {
            _ = state.update(message)
            let frame = RootView.render(state, after: previous, pacedOnly: message.isFramePaced)
            let fresh = RootView.render(state)
            let same = frame.grid == fresh.grid
            #expect(same, "after \(message), kept panes:\n\(frame.grid.text)\n--- fresh:\n\(fresh.grid.text)", sourceLocation: sourceLocation)
            #expect(frame.cursor.map { [$0.x, $0.y] } == fresh.cursor.map { [$0.x, $0.y] }, "cursor after \(message)", sourceLocation: sourceLocation)
            if let previous {
                let sameDiff = GridDiff(from: previous.grid, to: frame.grid, within: frame.repainted).runs == GridDiff(from: previous.grid, to: frame.grid).runs
                #expect(sameDiff, "the diff of the repainted areas missed a change after \(message)", sourceLocation: sourceLocation)
            }
            frames.append(frame)
            previous = frame
        }
        return frames
    }

    /// A question and its answer while the user types the next one: health changes, help
    /// opens and closes, time passes, the answer ends (the box's hint changes, nothing else of
    /// it), focus moves, the box grows, the terminal shrinks, the picker opens and closes.
    private var conversationWithHealthAndOverlays: [Msg] {
        let tokens = (0..<60).map { Msg.chat(requestID: 1, .text("word\($0) ")) }
        let outcome = ChatOutcome(requested: ModelRef(provider: nil, model: "llama2"), answeredBy: Fixtures.ollama, attempts: 1,
                                  timeToFirstTokenSeconds: 0.1, tokensPerSecond: 40, stats: CompletionStats(promptTokens: 7, completionTokens: 60), interruption: nil)
        return [.input(.paste("Why is the sky blue?")), .input(.enter), .chat(requestID: 1, .attempt(Fixtures.ollama))]
            + tokens.prefix(20)
            + [.healthChecked(.openrouter, HealthStatus(state: .healthy, checkedAt: Fixtures.now, latencySeconds: 0.2, modelCount: 9)),
               .input(.character("n")), .input(.character("e")), .input(.function(1))]
            + tokens.dropFirst(20).prefix(20)
            + [.input(.escape), .tick(Fixtures.now.addingTimeInterval(75))]
            + tokens.dropFirst(40)
            + [.chat(requestID: 1, .done(CompletionStats(promptTokens: 7, completionTokens: 60))), .chat(requestID: 1, .completed(outcome)),
               .input(.tab), .input(.tab), .input(.control("j")), .input(.character("x")),
               .input(.resize(Size(width: 100, height: 30))), .input(.resize(Size(width: 60, height: 20))),
               .input(.control("p")), .input(.escape)]
    }

    @Test(arguments: [(120, 40), (80, 24), (60, 20)])
    func keptPanesDrawWhatAFreshRenderDraws(width: Int, height: Int) {
        play(conversationWithHealthAndOverlays, on: Fixtures.state(width: width, height: height))
    }

    @Test func whileAnAnswerStreamsOnlyTheConversationAndTheStatusLineArePainted() throws {
        let start = Fixtures.state(width: 120, height: 40)
        let frames = play([.input(.paste("Why?")), .input(.enter), .chat(requestID: 1, .attempt(Fixtures.ollama))]
            + (0..<10).map { Msg.chat(requestID: 1, .text("token\($0) ")) }, on: start)
        let streaming = try #require(frames.last?.repainted)
        // The conversation pane (left of the sidebar's 30 columns) and the status line.
        #expect(streaming.count == 2)
        #expect(streaming.contains { $0 == Rect(x: 0, y: 39, width: 120, height: 1) })
        #expect(streaming.contains { $0.x == 0 && $0.y == 0 && $0.maxX == 90 && $0.height > 30 })
    }
}
