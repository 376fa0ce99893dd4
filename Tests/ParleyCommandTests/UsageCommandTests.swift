import ChatCore
import Foundation
import Storage
import Testing

/// `parley usage` over a store holding answers of two providers, one of them priced.
@Suite struct UsageCommandTests {
    /// A store in `folder` with three answers: two from Ollama, one from OpenRouter with a cost;
    /// the first saved long ago.
    private func storeWithAnswers(in folder: URL) throws {
        let (opened, problem) = ConversationStore.open(at: folder.appendingPathComponent("conversations.sqlite").path)
        let store = try #require(opened, "\(problem ?? "")")
        let old = Date(timeIntervalSince1970: 1_700_000_000), recent = Date(timeIntervalSince1970: 1_800_000_000)
        try store.save(StoredConversation(id: "c1", title: "Sky", model: "", systemPrompt: nil, temperature: nil, createdAt: old, updatedAt: recent))
        func answer(_ position: Int, _ target: ModelTarget, _ stats: CompletionStats, at date: Date) throws -> StoredMessage {
            let outcome = ChatOutcome(
                requested: ModelRef(provider: target.provider, model: target.model), answeredBy: target, attempts: 1,
                timeToFirstTokenSeconds: 0.1, tokensPerSecond: 30, stats: stats, interruption: nil
            )
            return StoredMessage(
                id: "m\(position)", conversationID: "c1", position: position, kind: "assistant", text: "answer", thinking: "",
                status: .complete, outcome: try JSONEncoder().encode(outcome), createdAt: date, updatedAt: date
            )
        }
        let llama = ModelTarget(provider: .ollama, model: "llama2"), gpt = ModelTarget(provider: .openrouter, model: "openai/gpt-4o")
        try store.save([
            try answer(0, llama, CompletionStats(promptTokens: 26, completionTokens: 282), at: old),
            // The same Ollama model by its full name: counted with the first.
            try answer(1, ModelTarget(provider: .ollama, model: "llama2:latest"), CompletionStats(promptTokens: 300, completionTokens: 40), at: recent),
            try answer(2, gpt, CompletionStats(promptTokens: 10, completionTokens: 4, costUSD: 0.00014), at: recent),
        ])
    }

    @Test func sumsTokensAndCostPerProviderAndModel() async throws {
        let folder = try ParleyProcess.folder(dotEnv: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        try storeWithAnswers(in: folder)
        let result = try await ParleyProcess.run(["usage"], environment: ["PARLEY_DATA_DIR": folder.path], directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.contains(["ollama:llama2:latest", "2", "326", "322", "–"]))
        #expect(rows.contains(["openrouter:openai/gpt-4o", "1", "10", "4", "$0.0001"]))
        #expect(rows.contains(["total", "3", "336", "326", "$0.0001"]))
    }

    @Test func sinceLeavesOutOlderAnswersAndJSONCarriesTheFigures() async throws {
        let folder = try ParleyProcess.folder(dotEnv: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        try storeWithAnswers(in: folder)
        let result = try await ParleyProcess.run(["usage", "--since", "2025-01-01", "--json"], environment: ["PARLEY_DATA_DIR": folder.path], directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let total = try #require(json["total"] as? [String: Any])
        #expect(total["answers"] as? Int == 2)
        #expect(total["prompt_tokens"] as? Int == 310)
        #expect(total["cost_usd"] as? Double == 0.00014)
        let bad = try await ParleyProcess.run(["usage", "--since", "last tuesday"], environment: ["PARLEY_DATA_DIR": folder.path], directory: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("expected a day as YYYY-MM-DD"))
    }
}
