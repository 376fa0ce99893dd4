import ChatApp
import ChatCore
import Foundation
import TerminalUI

/// Render + diff cost of one frame with 100 and with 100,000 messages in the conversation,
/// while an answer streams (one token more per frame), at 120x40.
enum FrameBenchmark {
    static func conversation(messages: Int) -> AppState {
        var state = AppState(size: Size(width: 120, height: 40), providers: [.ollama, .openrouter, .demo], defaultProvider: .ollama)
        state.defaultModels = [.ollama: "llama2"]
        for index in 0..<messages {
            let kind: ConversationEntry.Kind = index.isMultiple(of: 2) ? .user : .assistant
            state.entries.append(ConversationEntry(kind: kind, text: "Message \(index): the quick brown fox jumps over the lazy dog, again and again, to fill a line or two of the conversation pane."))
        }
        _ = state.update(.input(.paste("one more question")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(ModelTarget(provider: .ollama, model: "llama2"))))
        return state
    }

    /// Median microseconds for render + diff, over `frames` frames, each frame measured both
    /// ways on the same state: as the runtime does it (keeping the panes whose content is the
    /// same, diffing what was painted) and with the whole screen painted and compared afresh.
    static func measure(messages: Int, frames: Int) -> (keeping: Double, whole: Double) {
        var state = conversation(messages: messages)
        var previous = RootView.render(state, after: nil)
        var keeping: [Double] = [], whole: [Double] = []
        for index in 0..<frames {
            _ = state.update(.chat(requestID: 1, .text(" token\(index)")))
            var start = ContinuousClock.now
            let fresh = RootView.render(state, after: nil)
            precondition(!GridDiff(from: previous.grid, to: fresh.grid).isEmpty)
            whole.append((ContinuousClock.now - start).inSeconds * 1e6)
            start = ContinuousClock.now
            let frame = RootView.render(state, after: previous)
            precondition(!GridDiff(from: previous.grid, to: frame.grid, within: frame.repainted).isEmpty)
            keeping.append((ContinuousClock.now - start).inSeconds * 1e6)
            previous = frame
        }
        return (keeping.sorted()[frames / 2], whole.sorted()[frames / 2])
    }

    static func run(runs: Int) {
        let frames = max(200, runs * 100)
        let small = measure(messages: 100, frames: frames)
        let large = measure(messages: 100_000, frames: frames)
        print(String(format: "frame render+diff at 120x40: %.0f µs with 100 messages, %.0f µs with 100,000 = %.2fx (goal ≤ 1.5x); the whole screen painted and compared afresh: %.0f µs, %.0f µs; median of %d frames",
                     small.keeping, large.keeping, large.keeping / small.keeping, small.whole, large.whole, frames))
        let cursorSmall = medianCodeCursorMove(messages: 100), cursorLarge = medianCodeCursorMove(messages: 100_000)
        print(String(format: "code cursor [ / ] at 120x40: %.0f µs with 100 messages, %.0f µs with 100,000 = %.2fx (median of 200 presses)",
                     cursorSmall, cursorLarge, cursorLarge / cursorSmall))
        var long = conversation(messages: 10)
        for index in 0..<20_000 { _ = long.update(.chat(requestID: 1, .text(" token\(index)"))) }
        print(String(format: "frame render with a 20,000-token answer streaming: %.0f µs (median of 50)", medianRender(&long)))
        var reasoning = conversation(messages: 10)
        _ = reasoning.update(.input(.control("t")))
        for index in 0..<20_000 { _ = reasoning.update(.chat(requestID: 1, .thinking(" step\(index)"))) }
        precondition(reasoning.showsThinking)
        let shown = medianRender(&reasoning, event: { .thinking(" more\($0)") })
        _ = reasoning.update(.input(.control("t")))
        let folded = medianRender(&reasoning, event: { .thinking(" more\($0)") })
        print(String(format: "frame render with 20,000 tokens of reasoning streaming: %.0f µs shown (Ctrl-T), %.0f µs folded (median of 50)", shown, folded))
        var pasted = conversation(messages: 0)
        let log = (0..<10_000).map { "2026-12-07 05:31:\($0 % 60) worker[\($0)] request took \($0 % 977) ms" }.joined(separator: "\n")
        pasted.entries.insert(ConversationEntry(kind: .user, text: log), at: pasted.entries.count - 1)
        let wrapStart = ContinuousClock.now
        _ = StreamingWrap(log, width: 87)
        let wrapTime = (ContinuousClock.now - wrapStart).inSeconds * 1e3
        print(String(format: "frame render with a pasted %d KB question above the answer streaming: %.0f µs (median of 50); the question wrapped once, when first shown: %.1f ms",
                     log.utf8.count / 1024, medianRender(&pasted), wrapTime))
        var restored = conversation(messages: 0)
        let paragraph = (0..<60).map { "word\($0)" }.joined(separator: " ")
        let block = "```swift\n" + (0..<40).map { "let value\($0) = \($0) * 2" }.joined(separator: "\n") + "\n```"
        let answer = (0..<100).map { "\($0.isMultiple(of: 5) ? block : paragraph)" }.joined(separator: "\n\n")
        restored.entries.insert(ConversationEntry(kind: .assistant, text: answer), at: 0)
        _ = restored.update(.input(.pageUp))
        print(String(format: "frame render with a restored %d-character answer in view while another streams: %.0f µs (median of 50)",
                     answer.count, medianRender(&restored)))
        printCompareFrames()
        let burst: [Msg] = (0..<20_000).map { .chat(requestID: 1, .text(" token\($0)")) }
        var joined = conversation(messages: 10)
        let start = ContinuousClock.now
        for message in StreamedText.coalescing(burst) { _ = joined.update(message) }
        let joinedTime = (ContinuousClock.now - start).inSeconds * 1e3
        var single = conversation(messages: 10)
        let singleStart = ContinuousClock.now
        for message in burst { _ = single.update(message) }
        let singleTime = (ContinuousClock.now - singleStart).inSeconds * 1e3
        precondition(joined.entries.last?.text == single.entries.last?.text)
        print(String(format: "update: a burst of 20,000 streamed tokens joined and applied in %.1f ms (goal <= 20 ms); one update per token: %.1f ms (%.2f µs each)",
                     joinedTime, singleTime, singleTime * 1e3 / 20_000))
    }
}

extension FrameBenchmark {
    /// Median microseconds for one `[` or `]` press, between two code blocks of the answer
    /// above the one streaming.
    static func medianCodeCursorMove(messages: Int) -> Double {
        var state = conversation(messages: messages)
        let code = "```swift\nlet first = 1\n```\n\nBetween the blocks.\n\n```swift\nlet second = 2\n```"
        state.entries.insert(ConversationEntry(kind: .assistant, text: code), at: state.entries.count - 2)
        _ = state.update(.input(.tab))
        var samples: [Double] = []
        for index in 0..<200 {
            let start = ContinuousClock.now
            _ = state.update(.input(.character(index.isMultiple(of: 2) ? "[" : "]")))
            samples.append((ContinuousClock.now - start).inSeconds * 1e6)
        }
        precondition(state.codeCursor != nil)
        return samples.sorted()[100]
    }

    /// Frame time with three compared answers streaming side by side against one answer, each
    /// 2,000 tokens long.
    static func printCompareFrames() {
        var one = conversation(messages: 10)
        var three = conversation(messages: 10)
        _ = three.update(.input(.escape))
        _ = three.update(.input(.paste("/compare ollama:llama2 openrouter:openai/gpt-4o demo:parley-demo")))
        _ = three.update(.input(.enter))
        _ = three.update(.input(.paste("compare these")))
        _ = three.update(.input(.enter))
        let requests = [2, 3, 4]
        precondition(three.comparison?.columns.map(\.requestID) == requests)
        for index in 0..<2000 {
            let token = index.isMultiple(of: 12) ? "\n\nword\(index)" : " word\(index)"
            _ = one.update(.chat(requestID: 1, .text(token)))
            for request in requests { _ = three.update(.chat(requestID: request, .text(token))) }
        }
        let single = medianRender(&one, requests: [1]), compared = medianRender(&three, requests: requests)
        print(String(format: "frame render at 120x40 while answers of 2,000 tokens stream: 3 compared columns %.0f µs, one answer %.0f µs = %.2fx (median of 50)",
                     compared, single, compared / single))
    }

    /// Median microseconds to render a frame, one more streamed token (for each of `requests`)
    /// before each of 50.
    static func medianRender(_ state: inout AppState, requests: [Int] = [1], event: (Int) -> ChatEvent = { .text(" more\($0)") }) -> Double {
        var samples: [Double] = []
        for index in 0..<50 {
            for request in requests { _ = state.update(.chat(requestID: request, event(index))) }
            let start = ContinuousClock.now
            _ = RootView.render(state)
            samples.append((ContinuousClock.now - start).inSeconds * 1e6)
        }
        return samples.sorted()[25]
    }
}


