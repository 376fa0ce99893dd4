import ChatApp
import ChatCore
import Foundation
import Providers
import TerminalUI
import Testing

/// Numbers a hostile or broken server sends, driven through the whole way an answer goes:
/// decoded from the final record, turned into the answer's outcome, drawn in its footer, saved
/// as the store saves it (JSON) and drawn again after a restart. None may trap.
@Suite struct ExtremeNumberTests {
    static let numbers = [
        "0", "-1", "1", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
        "1e308", "-1e308", "1e400", "4.9e-324", "0.5", "\"12\"", "\"nan\"", "\"inf\"", "null", "true", "{}",
    ]

    private func footerScreen(_ outcome: ChatOutcome) -> String {
        var state = AppState(size: Size(width: 100, height: 20), providers: [.ollama], defaultProvider: .ollama)
        var entry = ConversationEntry(kind: .assistant, text: "An answer.")
        entry.outcome = outcome
        state.entries = [ConversationEntry(kind: .user, text: "hi"), entry]
        return RootView.render(state).grid.text
    }

    @Test(arguments: numbers)
    func anOllamaFinalRecordWithAnyNumberDrawsAndReloads(number: String) throws {
        let line = """
            {"message":{"role":"assistant","content":"An answer."},"done":false}
            {"done":true,"done_reason":"stop","total_duration":\(number),"load_duration":\(number),"prompt_eval_count":\(number),"prompt_eval_duration":\(number),"eval_count":\(number),"eval_duration":1}
            {"done":true,"eval_count":\(number),"eval_duration":\(number)}

            """
        var decoder = OllamaChatStreamDecoder()
        var events: [ChatEvent] = []
        try decoder.decode(Array(line.utf8), into: &events)
        try decoder.finish(into: &events)
        guard case .done(let stats)? = events.first(where: { if case .done = $0 { true } else { false } }) else {
            Issue.record("no final record decoded for \(number)")
            return
        }
        if let speed = stats.tokensPerSecond { #expect(speed.isFinite && speed <= CompletionStats.fastestTokensPerSecond) }
        for count in [stats.promptTokens, stats.completionTokens].compactMap({ $0 }) { #expect(count >= 0) }
        let outcome = ChatOutcome(
            requested: ModelRef(provider: .ollama, model: "llama2"), answeredBy: ModelTarget(provider: .ollama, model: "llama2"),
            attempts: 1, timeToFirstTokenSeconds: 0.2, tokensPerSecond: stats.tokensPerSecond, stats: stats, interruption: nil
        )
        #expect(footerScreen(outcome).contains("── ollama:llama2"))
        let reloaded = try JSONDecoder().decode(ChatOutcome.self, from: JSONEncoder().encode(outcome))
        #expect(footerScreen(reloaded).contains("── ollama:llama2"))
    }

    @Test(arguments: numbers)
    func anOpenAIUsageWithAnyNumberDecodes(number: String) throws {
        let stream = """
            data: {"choices":[{"delta":{"content":"An answer."}}]}

            data: {"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":\(number),"completion_tokens":\(number),"cost":\(number)}}

            data: [DONE]


            """
        var decoder = OpenAIChatStreamDecoder()
        var events: [ChatEvent] = []
        try decoder.decode(Array(stream.utf8), into: &events)
        try decoder.finish(into: &events)
        guard case .done(let stats)? = events.last else {
            Issue.record("no final record decoded for \(number)")
            return
        }
        if let cost = stats.costUSD { #expect(cost.isFinite && cost >= 0) }
        for count in [stats.promptTokens, stats.completionTokens].compactMap({ $0 }) { #expect(count >= 0) }
    }

    /// Outcomes a store may already hold from before these checks: drawn, never trapped on.
    @Test(arguments: [Double.infinity, -.infinity, .nan, 1e300, -1e300, 9.3e18, Double(Int.max), 1e15])
    func anyStoredSpeedOrWaitDraws(value: Double) {
        let outcome = ChatOutcome(
            requested: ModelRef(provider: .ollama, model: "llama2"), answeredBy: ModelTarget(provider: .ollama, model: "llama2"),
            attempts: 1, timeToFirstTokenSeconds: value, tokensPerSecond: value, stats: nil, interruption: nil
        )
        #expect(footerScreen(outcome).contains("── ollama:llama2"))
    }

    @Test(arguments: ["1e400", "inf", "-inf", "nan", "-5", "99999999999999999999999", "86401", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "soon"])
    func anyRetryAfterIsAWaitOfAtMostADayOrNothing(value: String) {
        let seconds = HTTPStatusError.retryAfterSeconds(value)
        if let seconds { #expect(seconds >= 0 && seconds <= HTTPStatusError.longestRetryAfterSeconds) }
        // And the policy turns it into a wait, or moves on, without trapping.
        _ = RetryPolicy().delay(beforeRetry: 1, retryAfterSeconds: seconds)
        _ = RetryPolicy().delay(beforeRetry: 1, retryAfterSeconds: Double(value))
        // The error a health check or a chat shows for it.
        for status in [429, 503] {
            let error = HTTPStatusError.error(head: HTTPResponseHead(status: status, headers: [HTTPHeader("Retry-After", value)]), body: Array("busy".utf8))
            #expect(error.message.contains("(\(status))"))
            if let wait = error.retryAfterSeconds { #expect(wait <= HTTPStatusError.longestRetryAfterSeconds) }
        }
    }
}
