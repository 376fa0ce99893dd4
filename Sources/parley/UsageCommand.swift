import ArgumentParser
import ChatApp
import ChatCore
import Foundation
import Storage

/// `parley usage`: tokens in and out, and cost, per provider and model, summed over the answers
/// saved in the store.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Tokens in and out, and cost, per provider and model, over every saved answer.",
        discussion: "Counts are what each provider reported (Ollama's counts, OpenAI-compatible usage); cost is OpenRouter's own figure, where it sends one."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("Only answers saved on or after this day (YYYY-MM-DD, or an ISO 8601 time).", valueName: "date"))
    var since: String?

    @Flag(help: "Print as JSON.")
    var json = false

    /// One provider and model's totals.
    struct Row: Encodable {
        var provider: String
        var model: String?
        var answers: Int
        var prompt_tokens: Int
        var completion_tokens: Int
        var cost_usd: Double?
        var priced_answers: Int

        init(provider: String, model: String?, _ totals: UsageTotals) {
            self.provider = provider
            self.model = model
            answers = totals.answers
            prompt_tokens = totals.promptTokens
            completion_tokens = totals.completionTokens
            cost_usd = totals.pricedAnswers > 0 ? totals.costUSD : nil
            priced_answers = totals.pricedAnswers
        }
    }

    struct Report: Encodable {
        var since: Date?
        var models: [Row]
        var providers: [Row]
        var total: Row
    }

    func run() async throws {
        let start = try since.map(Self.day)
        let settings = try ProviderSetup.loadSettings(options)
        let store = try StoreLocation.open(dataDirectory: settings.dataDirectory)
        let decoder = JSONDecoder()
        // Ollama knows `llama2` and `llama2:latest` as one model: so does the count.
        let ollamas = Set([ProviderID.ollama] + settings.extraProviders.filter { $0.kind == .ollama }.map(\.id))
        var byModel: [ModelTarget: UsageTotals] = [:]
        for (_, data) in try store.answerOutcomes(since: start) {
            // An outcome this Parley cannot read (a newer one's) is left out, not fatal.
            guard let outcome = try? decoder.decode(ChatOutcome.self, from: data) else { continue }
            var model = outcome.answeredBy
            if ollamas.contains(model.provider) { model.model = ModelRef.canonicalOllamaName(model.model) }
            byModel[model, default: UsageTotals()].add(outcome.stats)
        }
        let models = byModel.keys.sorted { ($0.provider, $0.model) < ($1.provider, $1.model) }
        var byProvider: [ProviderID: UsageTotals] = [:]
        var total = UsageTotals()
        for model in models {
            byProvider[model.provider, default: UsageTotals()].add(byModel[model]!)
            total.add(byModel[model]!)
        }
        let report = Report(
            since: start,
            models: models.map { Row(provider: $0.provider.rawValue, model: $0.model, byModel[$0]!) },
            providers: byProvider.keys.sorted().map { Row(provider: $0.rawValue, model: nil, byProvider[$0]!) },
            total: Row(provider: "total", model: nil, total)
        )
        if json {
            Terminal.out(try JSONOutput.encode(report) + "\n")
            return
        }
        guard total.answers > 0 else {
            Terminal.line(start == nil ? "No saved answers yet." : "No answers saved since \(since ?? "").")
            return
        }
        // A provider's subtotal where it answered with more than one model.
        let subtotals = byProvider.keys.sorted().filter { provider in models.filter { $0.provider == provider }.count > 1 }
        let rows = models.map { ($0.description, byModel[$0]!) } + subtotals.map { ("\($0) (all models)", byProvider[$0]!) } + [("total", total)]
        let nameWidth = max(14, rows.map(\.0.count).max() ?? 0) + 2
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        func padLeft(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        Terminal.line(pad("PROVIDER:MODEL", nameWidth) + padLeft("ANSWERS", 8) + padLeft("IN", 12) + padLeft("OUT", 12) + padLeft("COST", 12))
        for (name, totals) in rows {
            let cost = totals.pricedAnswers > 0 ? UsageText.dollars(totals.costUSD) : "–"
            Terminal.line(pad(name, nameWidth) + padLeft(String(totals.answers), 8) + padLeft(String(totals.promptTokens), 12)
                + padLeft(String(totals.completionTokens), 12) + padLeft(cost, 12))
        }
        Terminal.line("Tokens as each provider reported them; cost where the provider sent it (– for none).")
    }

    /// `2026-12-01` (from the start of that day, local time) or a full ISO 8601 time.
    static func day(_ text: String) throws -> Date {
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.locale = Locale(identifier: "en_US_POSIX")
        day.isLenient = false
        if let date = day.date(from: text) { return date }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        throw ValidationError("--since \(text): expected a day as YYYY-MM-DD (2026-12-01) or an ISO 8601 time (2026-12-01T09:00:00Z)")
    }
}
