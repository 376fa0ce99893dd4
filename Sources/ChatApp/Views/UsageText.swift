import ChatCore

/// Tokens and cost as the footer, the status line and `parley usage` say them:
/// `1.2k in · 340 out · $0.0021`.
public enum UsageText {
    public static func summary(_ totals: UsageTotals) -> String {
        var parts = ["\(tokens(totals.promptTokens)) in", "\(tokens(totals.completionTokens)) out"]
        if totals.pricedAnswers > 0 { parts.append(dollars(totals.costUSD)) }
        return parts.joined(separator: " · ")
    }

    /// `340`, `12.3k`, `4.5M`.
    public static func tokens(_ count: Int) -> String {
        switch count {
        case ..<1000: String(max(count, 0))
        case ..<1_000_000: FixedPoint.text(Double(count) / 1000, decimals: count < 10_000 ? 1 : 0) + "k"
        default: FixedPoint.text(Double(count) / 1_000_000, decimals: count < 10_000_000 ? 1 : 0) + "M"
        }
    }

    /// Dollars with the cents a small answer needs: `$0.0021`, `$1.24`, `$0` for free.
    public static func dollars(_ amount: Double) -> String {
        guard amount.isFinite, amount > 0 else { return "$0" }
        return "$" + FixedPoint.text(amount, decimals: amount < 0.01 ? 4 : 2)
    }

    /// What a key may still spend: `$4.75 of $10 left`, `$4.75 left`, or `$0.25 spent, no limit`.
    public static func credit(_ credit: KeyCredit) -> String? {
        if let remaining = credit.remainingUSD {
            return credit.limitUSD.map { "\(dollars(remaining)) of \(dollars($0)) left" } ?? "\(dollars(remaining)) left"
        }
        return credit.usedUSD.map { "\(dollars($0)) spent, no limit" }
    }
}
