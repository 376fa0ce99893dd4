import ChatCore
import Providers
import Testing

/// Tokens and cost summed from replies shaped as the real servers send them.
@Suite struct UsageTotalsTests {
    private func stats(_ outcome: FixtureStream.Outcome) -> CompletionStats? {
        outcome.events.lazy.compactMap { if case .done(let stats) = $0 { stats } else { nil } }.first
    }

    @Test func ollamasCountsAndOpenRoutersUsageAndCostAddUp() throws {
        let ollama = stats(FixtureStream.ollama([try FixtureStream.bytes("ollama_chat.ndjson")[...]]))
        let openRouter = stats(FixtureStream.openAI([try FixtureStream.bytes("openrouter_chat.sse")[...]]))
        var totals = UsageTotals()
        totals.add(ollama)
        totals.add(openRouter)
        #expect(totals.answers == 2)
        #expect(totals.promptTokens == 26 + 10)
        #expect(totals.completionTokens == 282 + 4)
        #expect(totals.pricedAnswers == 1)
        #expect(abs(totals.costUSD - 0.00014) < 1e-12)
    }

    @Test func anAnswerWithoutAReportCountsAsAnAnswerOnly() {
        var totals = UsageTotals()
        totals.add(nil)
        totals.add(CompletionStats(finishReason: "stop"))
        #expect(totals.answers == 2)
        #expect(!totals.hasUsage)
    }

    @Test func absurdCountsSaturateAndMadeUpCostsAreLeftOut() {
        var totals = UsageTotals()
        totals.add(CompletionStats(promptTokens: Int.max, completionTokens: -5, costUSD: .infinity))
        totals.add(CompletionStats(promptTokens: Int.max, completionTokens: 3, costUSD: -1))
        totals.add(CompletionStats(costUSD: 1e300))
        #expect(totals.promptTokens == Int.max)
        #expect(totals.completionTokens == 3)
        #expect(totals.pricedAnswers == 0)
        #expect(totals.costUSD == 0)
        var sum = UsageTotals()
        sum.add(totals)
        sum.add(totals)
        #expect(sum.promptTokens == Int.max)
        #expect(sum.answers == 6)
    }
}
