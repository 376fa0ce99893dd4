import ChatCore
import Foundation
import ProviderSimulator
import Providers
import Testing

extension Integration {
    /// `OllamaProvider.pull` against the simulator's layered `/api/pull`.
    @Suite struct PullTests {
        private func pull(_ model: String, _ pull: SimulatedPull, pullable: [String]? = nil) async throws -> (Result<Void, ProviderError>, [PullStatusLine], [String]) {
            try await ProviderHarness.with { harness in
                await harness.ollama.replaceScenario(SimulatorScenario(models: ProviderHarness.ollamaModels, pullable: pullable, pull: pull))
                let provider = try #require(harness.registry.provider("ollama") as? any ModelManaging)
                var lines: [PullStatusLine] = []
                let result: Result<Void, ProviderError>
                do {
                    try await provider.pull(model) { lines.append($0) }
                    result = .success(())
                } catch let error as ProviderError {
                    result = .failure(error)
                }
                let listed = try await provider.listModels().map(\.name)
                return (result, lines, listed)
            }
        }

        @Test func aPullReportsEveryLayerAndTheModelIsThenListed() async throws {
            let (result, lines, listed) = try await pull("llama3.2:1b", SimulatedPull(layers: 3, bytes: 3_000_000))
            #expect((try? result.get()) != nil)
            var progress = PullProgress()
            var completed: [Int64] = []
            for (index, line) in lines.enumerated() {
                progress.take(line, at: .milliseconds(index))
                completed.append(progress.completed)
            }
            #expect(progress.phase == .done)
            #expect(progress.layers == 3)
            #expect(progress.total == 3_000_000)
            #expect(completed == completed.sorted())
            #expect(listed.contains("llama3.2:1b"))
        }

        @Test func missingCompletedFieldsStillEndInAWholePull() async throws {
            let (result, lines, _) = try await pull("llama3.2", SimulatedPull(bytes: 1_000_000, fault: .missingCompleted))
            #expect((try? result.get()) != nil)
            #expect(lines.contains { $0.digest != nil && $0.completed == nil })
        }

        @Test func anUnknownModelSaysWhereToLookForItsName() async throws {
            let (result, _, _) = try await pull("no-such-model", SimulatedPull(), pullable: ["llama3.2"])
            guard case .failure(let error) = result else { Issue.record("the pull succeeded"); return }
            #expect(error.kind == .modelNotFound)
            #expect(error.description.contains("ollama.com/library"))
        }

        @Test(arguments: [SimulatedPull.Fault.dropMidPull, .errorMidPull, .diskFull])
        func aPullCutHalfwaySaysWhyAndThatPullingAgainResumes(fault: SimulatedPull.Fault) async throws {
            let (result, lines, listed) = try await pull("llama3.2:1b", SimulatedPull(bytes: 1_000_000, fault: fault))
            guard case .failure(let error) = result else { Issue.record("the pull succeeded"); return }
            #expect(error.description.contains("pull again"))
            if fault == .diskFull { #expect(error.message.contains("disk is full")) }
            #expect(lines.contains { $0.completed != nil }, "progress came before the cut")
            #expect(!listed.contains("llama3.2:1b"))
        }

        @Test func healthChecksDescribeEachModelOnceForThePicker() async throws {
            try await ProviderHarness.with { harness in
                await harness.ollama.replaceScenario(SimulatorScenario(models: [
                    SimulatedModel(name: "qwen3:4b", capabilities: ["completion", "tools", "thinking"]),
                    SimulatedModel(name: "nomic-embed-text:latest", capabilities: ["embedding"]),
                ]))
                let provider = try #require(harness.registry.provider("ollama"))
                let first = await provider.checkHealth()
                #expect(first.models?.first { $0.name == "qwen3:4b" }?.capabilities == ["completion", "tools", "thinking"])
                #expect(first.models?.first { $0.name == "nomic-embed-text:latest" }?.embedsOnly == true)
                let asked = await harness.ollama.requestCounts["/api/show"]
                #expect(asked == 2)
                let second = await provider.checkHealth()
                #expect(second.models == first.models)
                #expect(await harness.ollama.requestCounts["/api/show"] == asked, "described once, then remembered")
            }
        }

        @Test func loadAndUnloadShowInWhatIsLoaded() async throws {
            try await ProviderHarness.with { harness in
                let provider = try #require(harness.registry.provider("ollama") as? any ModelManaging)
                #expect(try await provider.loadedModels().isEmpty)
                try await provider.load("mistral")
                #expect(try await provider.loadedModels().map(\.name) == ["mistral:latest"])
                try await provider.unload("mistral")
                #expect(try await provider.loadedModels().isEmpty)
                await #expect(throws: ProviderError.self) { try await provider.load("no-such-model") }
            }
        }
    }
}
