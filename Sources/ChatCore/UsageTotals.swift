/// Tokens in and out, and what they cost, summed over answers: a conversation's totals in the
/// status line, a model's in `parley usage`. The counts come from servers, so every sum
/// saturates instead of trapping, and a cost that is not a finite amount of dollars is left out.
public struct UsageTotals: Hashable, Sendable, Codable {
    /// Answers counted, with or without a report of their tokens.
    public var answers = 0
    public var promptTokens = 0
    public var completionTokens = 0
    public var costUSD = 0.0
    /// Answers whose provider reported a cost (OpenRouter does; a local Ollama costs nothing).
    public var pricedAnswers = 0

    public init() {}

    /// One answer, with what its provider reported.
    public mutating func add(_ stats: CompletionStats?) {
        answers = Self.sum(answers, 1)
        guard let stats else { return }
        if let tokens = stats.promptTokens, tokens > 0 { promptTokens = Self.sum(promptTokens, tokens) }
        if let tokens = stats.completionTokens, tokens > 0 { completionTokens = Self.sum(completionTokens, tokens) }
        if let cost = stats.costUSD, cost.isFinite, cost >= 0, cost < Self.largestCost {
            costUSD = min(costUSD + cost, Self.largestCost)
            pricedAnswers = Self.sum(pricedAnswers, 1)
        }
    }

    /// Another set of totals added to these.
    public mutating func add(_ other: UsageTotals) {
        answers = Self.sum(answers, other.answers)
        promptTokens = Self.sum(promptTokens, other.promptTokens)
        completionTokens = Self.sum(completionTokens, other.completionTokens)
        costUSD = min(costUSD + other.costUSD, Self.largestCost)
        pricedAnswers = Self.sum(pricedAnswers, other.pricedAnswers)
    }

    /// Whether any token or cost was reported.
    public var hasUsage: Bool { promptTokens > 0 || completionTokens > 0 || pricedAnswers > 0 }

    /// More than anyone spends on answers: a larger cost is a server's made-up number.
    public static let largestCost = 1e9

    private static func sum(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : result
    }
}
