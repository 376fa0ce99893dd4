import ChatCore
import ProviderSimulator
import Providers
import Testing

extension Integration {
    /// What OpenRouter's model list tells of each model, read from the simulator's `/models`.
    @Suite struct ModelCatalogTests {
        private func openRouterModels(_ models: [SimulatedModel]) async throws -> [ModelInfo] {
            try await ProviderHarness.with { harness in
                await harness.openRouter.replaceScenario(SimulatorScenario(models: models, apiKey: ProviderHarness.apiKey))
                return try await #require(harness.registry.provider("openrouter")).listModels()
            }
        }

        @Test func openRouterModelsCarryContextPricesModalitiesAndTheFreeTag() async throws {
            let models = try await openRouterModels([
                SimulatedModel(name: "openai/gpt-4o", contextLength: 128_000, promptPrice: "0.0000025", completionPrice: "0.00001", inputModalities: ["text", "image", "file"]),
                SimulatedModel(name: "meta-llama/llama-3.3-70b-instruct:free", contextLength: 131_072),
            ])
            let gpt = try #require(models.first { $0.name == "openai/gpt-4o" })
            #expect(gpt.contextLength == 128_000)
            #expect(gpt.promptPrice == 0.0000025 && gpt.completionPrice == 0.00001)
            #expect(gpt.inputModalities == ["text", "image", "file"])
            #expect(!gpt.isFree)
            let free = try #require(models.first { $0.name.hasSuffix(":free") })
            #expect(free.isFree)
            #expect(free.inputModalities == ["text"])
        }

        @Test func hostileModalitiesAndPricesAreCutOrDropped() async throws {
            let flood = (0..<50).map { "kind\($0)" }
            let models = try await openRouterModels([
                SimulatedModel(name: "evil/escapes", promptPrice: "-1", completionPrice: "1e400", inputModalities: ["\u{1B}]0;pwned\u{07}", "text", String(repeating: "x", count: 5000)]),
                SimulatedModel(name: "evil/flood", inputModalities: flood),
            ])
            let escapes = try #require(models.first { $0.name == "evil/escapes" })
            #expect(escapes.inputModalities == ["text", String(repeating: "x", count: 16)])
            #expect(escapes.promptPrice == nil && escapes.completionPrice == nil)
            #expect(!escapes.isFree, "a price dropped as absurd does not make a model free")
            let flooded = try #require(models.first { $0.name == "evil/flood" })
            #expect(flooded.inputModalities == Array(flood.prefix(8)))
        }
    }
}
