import Foundation
import ProviderSimulator
import Testing

/// `parley ask`, `models`, `providers` and `health` as a user runs them, against simulated
/// Ollama and OpenRouter servers on loopback.
@Suite(.serialized, .timeLimit(.minutes(3))) struct HeadlessCommandTests {
    static let secret = "sk-or-v1-cafe0123456789abcdef0123456789abcdef7a1b"

    struct Servers {
        let ollama: ProviderSimulator
        let openRouter: ProviderSimulator
        let folder: URL
        let environment: [String: String]

        func run(_ arguments: [String], extra: [String: String] = [:], stdin: String? = nil) async throws -> ParleyProcess.Result {
            try await ParleyProcess.run(arguments, environment: environment.merging(extra) { $1 }, stdin: stdin, directory: folder)
        }

        /// Everything Parley wrote: both streams of `results` and its log file.
        func everythingWritten(_ results: [ParleyProcess.Result]) -> String {
            let log = (try? String(contentsOf: folder.appendingPathComponent("data/parley/parley.log"), encoding: .utf8)) ?? ""
            return results.map { $0.stdout + $0.stderr }.joined() + log
        }
    }

    static func withServers<T>(_ body: (Servers) async throws -> T) async throws -> T {
        let ollama = ProviderSimulator(scenario: SimulatorScenario(models: [SimulatedModel(name: "llama2:latest")], defaultBehavior: ModelBehavior(reply: "Hello from Ollama.")))
        let openRouter = ProviderSimulator(scenario: SimulatorScenario(
            models: [SimulatedModel(name: "openai/gpt-4o")], defaultBehavior: ModelBehavior(reply: "Hello from OpenRouter."), apiKey: secret
        ))
        let ollamaPort = try await ollama.start()
        let openRouterPort = try await openRouter.start()
        let folder = try ParleyProcess.folder(dotEnv: "OPENROUTER_API_KEY=\(secret)\n")
        let servers = Servers(ollama: ollama, openRouter: openRouter, folder: folder, environment: [
            "PREFERRED_PROVIDER": "ollama",
            "OLLAMA_BASE_URL": "http://127.0.0.1:\(ollamaPort)",
            "OPENROUTER_BASE_URL": "http://127.0.0.1:\(openRouterPort)/api/v1",
            "OPENROUTER_DEFAULT_MODEL": "openai/gpt-4o",
            "OLLAMA_MAX_RETRIES": "0",
            "OPENROUTER_MAX_RETRIES": "0",
            "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await body(servers)
        await ollama.stop()
        await openRouter.stop()
        return result
    }

    @Test func pullShowsOneLinePerPhaseWhenPipedAndExitsOneWhenItFails() async throws {
        try await Self.withServers { servers in
            let pulled = try await servers.run(["pull", "llama3.2:1b"])
            #expect(pulled.status == 0)
            #expect(pulled.stdout.split(separator: "\n") == [
                "pulling the manifest of llama3.2:1b from ollama", "downloading llama3.2:1b: 2.0 GB in 1 layer so far", "verifying 2.0 GB in 3 layers",
                "writing the manifest", "done: llama3.2:1b is on ollama",
            ])
            let listed = try await servers.run(["models", "--provider", "ollama"])
            #expect(listed.stdout.contains("llama3.2:1b"))
            await servers.ollama.replaceScenario(SimulatorScenario(models: [SimulatedModel(name: "llama2:latest")], pullable: ["llama3.2"]))
            let unknown = try await servers.run(["pull", "no-such-model"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no model 'no-such-model'"))
            let notOllama = try await servers.run(["pull", "llama3.2", "--provider", "openrouter"])
            #expect(notOllama.status == 2)
            #expect(notOllama.stderr.contains("not an Ollama provider"))
        }
    }

    @Test func showPsAndRmSayWhatAModelIsWhatIsLoadedAndWhatWasFreed() async throws {
        try await Self.withServers { servers in
            await servers.ollama.replaceScenario(SimulatorScenario(models: [
                SimulatedModel(name: "llama3.2:latest", sizeBytes: 2_019_393_189, parameterSize: "3.2B", quantization: "Q4_K_M", contextLength: 131_072, capabilities: ["completion", "tools"]),
                SimulatedModel(name: "nomic-embed-text:latest", sizeBytes: 274_302_450, capabilities: ["embedding"]),
            ], defaultBehavior: ModelBehavior(reply: "Hello from Ollama.")))
            let shown = try await servers.run(["show", "llama3.2"])
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("3.2B parameters · Q4_K_M"))
            #expect(shown.stdout.contains("context: 131072 tokens"))
            #expect(shown.stdout.contains("can: completion, tools"))
            let embedding = try await servers.run(["show", "nomic-embed-text", "--json"])
            #expect(embedding.stdout.contains(#""embedding""#))
            #expect(try await servers.run(["show", "nomic-embed-text"]).stdout.contains("embeddings only: not for chat"))

            #expect(try await servers.run(["ps"]).stdout == "ollama: no model loaded\n")
            #expect(try await servers.run(["ask", "-m", "ollama:llama3.2", "hi"]).status == 0)
            let loaded = try await servers.run(["ps"])
            #expect(loaded.stdout.contains("llama3.2:latest · 2.0 GB on GPU · unloads in 4 min"))

            let removed = try await servers.run(["rm", "nomic-embed-text"])
            #expect(removed.status == 0)
            #expect(removed.stdout == "removed nomic-embed-text from ollama; 274 MB freed\n")
            let again = try await servers.run(["rm", "nomic-embed-text"])
            #expect(again.status == 1)
            #expect(again.stderr.contains("not found on ollama"))
            #expect(try await servers.run(["show", "nomic-embed-text"]).status == 1)
        }
    }

    @Test func askStreamsTheAnswerToStdout() async throws {
        try await Self.withServers { servers in
            let result = try await servers.run(["ask", "hello"])
            #expect(result.status == 0)
            #expect(result.stdout == "Hello from Ollama.\n")
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func askReadsAPipedPromptAfterTheArguments() async throws {
        try await Self.withServers { servers in
            let result = try await servers.run(["ask", "-m", "openrouter:openai/gpt-4o", "summarise:"], stdin: "a long text\n")
            #expect(result.status == 0)
            #expect(result.stdout == "Hello from OpenRouter.\n")
            let missing = try await servers.run(["ask"], stdin: "")
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("no prompt"))
        }
    }

    @Test func stoppedProviderFallsBackWithOneLineOnStderr() async throws {
        try await Self.withServers { servers in
            await servers.ollama.stopListening()
            let result = try await servers.run(["ask", "hello"])
            #expect(result.status == 0)
            #expect(result.stdout == "Hello from OpenRouter.\n")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.contains("falling back to openrouter:openai/gpt-4o") == true)
            #expect(lines.first?.contains("connection refused") == true)
            let strict = try await servers.run(["ask", "--no-fallback", "hello"])
            #expect(strict.status == 1)
            #expect(strict.stdout.isEmpty)
            #expect(strict.stderr.contains("Start it with 'ollama serve'"))
        }
    }

    @Test func serveRefusesToListenBeyondThisMachineWithoutAToken() async throws {
        try await Self.withServers { servers in
            let refused = try await servers.run(["serve", "--host", "0.0.0.0", "--port", "0"])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("PARLEY_SERVE_TOKEN"))
            #expect(refused.stderr.contains("--no-auth"))
        }
    }

    @Test func usageErrorsExitWith2() async throws {
        try await Self.withServers { servers in
            let statuses = try await [
                servers.run(["ask", "--temperature", "5", "hi"]),
                servers.run(["ask", "hi"], extra: ["OLLAMA_TIMEOUT": "abc"]),
                servers.run(["models", "--provider", "nope"]),
            ].map(\.status)
            #expect(statuses == [2, 2, 2])
        }
    }

    @Test func modelsProvidersAndHealthListBothProviders() async throws {
        try await Self.withServers { servers in
            let models = try await servers.run(["models"])
            #expect(models.status == 0)
            #expect(models.stdout.contains("llama2:latest"))
            #expect(models.stdout.contains("openai/gpt-4o"))
            let one = try await servers.run(["models", "--provider", "openrouter", "--json"])
            #expect(one.stdout.contains("openai/gpt-4o"))
            #expect(!one.stdout.contains("llama2"))
            let providers = try await servers.run(["providers"])
            #expect(providers.status == 0)
            #expect(providers.stdout.contains("* ollama"))
            let health = try await servers.run(["health", "--json"])
            #expect(health.status == 0)
            #expect(health.stdout.contains("\"healthy\""))
            await servers.ollama.stopListening()
            await servers.openRouter.stopListening()
            let down = try await servers.run(["health"])
            #expect(down.status == 1)
            #expect(down.stdout.contains("connection refused"))
        }
    }

    @Test func theKeyNeverAppearsInOutputErrorsOrTheLog() async throws {
        try await Self.withServers { servers in
            var results = [
                try await servers.run(["ask", "-v", "-m", "openrouter:openai/gpt-4o", "hi"]),
                try await servers.run(["models", "--json"]),
                try await servers.run(["providers", "--json"]),
                try await servers.run(["health"]),
                try await servers.run(["config"]),
                try await servers.run(["config", "--json"]),
            ]
            await servers.openRouter.setBehavior(ModelBehavior(fault: .status401))
            results.append(try await servers.run(["ask", "--no-fallback", "-m", "openrouter:openai/gpt-4o", "hi"]))
            await servers.openRouter.setBehavior(ModelBehavior(reply: "partial answer here", fault: .dropMidStream))
            results.append(try await servers.run(["ask", "-m", "openrouter:openai/gpt-4o", "hi"]))
            // -v says who answered and what the provider counted: OpenAI-style usage and its cost.
            #expect(results[0].stderr.contains("answered by openrouter:openai/gpt-4o"))
            #expect(results[0].stderr.contains(" in · "))
            #expect(results[6].status == 1)
            #expect(results[7].status == 1)
            #expect(results[7].stderr.contains("broke off"))
            let written = servers.everythingWritten(results)
            #expect(written.contains("sk-or-v1-…7a1b"))
            #expect(!written.contains("0123456789abcdef"), "the key leaked")
            #expect(await servers.ollama.requestCounts["with Authorization"] == nil)
        }
    }
}
