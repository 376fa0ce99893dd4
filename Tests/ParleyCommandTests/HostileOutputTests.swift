import Foundation
import ProviderSimulator
import Testing

/// What a hostile server sends never drives the terminal a headless command prints on: names
/// and error bodies are shown sanitised always, an answer is sanitised on a terminal and kept
/// byte for byte in a file or pipe.
@Suite(.serialized, .timeLimit(.minutes(2))) struct HostileOutputTests {
    static let escape = "\u{1B}"

    static func withServer<T>(_ behavior: ModelBehavior, modelName: String = "llama2:latest", _ body: (Servers) async throws -> T) async throws -> T {
        let ollama = ProviderSimulator(scenario: SimulatorScenario(models: [SimulatedModel(name: modelName)], defaultBehavior: behavior))
        let port = try await ollama.start()
        let folder = try ParleyProcess.folder(dotEnv: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let servers = Servers(folder: folder, environment: [
            "PREFERRED_PROVIDER": "ollama",
            "OLLAMA_BASE_URL": "http://127.0.0.1:\(port)",
            "OLLAMA_DEFAULT_MODEL": modelName,
            "OLLAMA_MAX_RETRIES": "0",
            "ENABLE_FALLBACK": "false",
            "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
        ])
        let result = try await body(servers)
        await ollama.stop()
        return result
    }

    struct Servers {
        let folder: URL
        let environment: [String: String]

        func run(_ arguments: [String], onTerminal: Bool = false) async throws -> ParleyProcess.Result {
            try await ParleyProcess.run(arguments, environment: environment, directory: folder, onTerminal: onTerminal)
        }
    }

    @Test func anAnswerIsKeptRawInAPipeAndShownHarmlessOnATerminal() async throws {
        try await Self.withServer(ModelBehavior(reply: "Alpha bravo charlie delta.", fault: .escapeSequences)) { servers in
            let piped = try await servers.run(["ask", "hi"])
            #expect(piped.status == 0)
            #expect(piped.stdout.contains(Self.escape + "]0;pwned title"))
            let shown = try await servers.run(["ask", "hi"], onTerminal: true)
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("Alpha bravo"))
            #expect(!shown.stdout.contains(Self.escape), "\(shown.stdout.debugDescription)")
            #expect(!shown.stdout.contains("\u{9B}"))
            #expect(shown.stdout.contains("␛]0;pwned title"))
        }
    }

    @Test func modelNamesAreSanitisedInListsAlways() async throws {
        let name = "evil\(Self.escape)]0;pwned\u{07}:latest"
        try await Self.withServer(ModelBehavior(reply: "Hi."), modelName: name) { servers in
            let listed = try await servers.run(["models"])
            #expect(listed.status == 0)
            #expect(!listed.stdout.contains(Self.escape))
            #expect(listed.stdout.contains("evil␛]0;pwned␇"))
            // JSON is data: the escape stays escaped, as JSON writes it.
            let json = try await servers.run(["models", "--json"])
            #expect(!json.stdout.contains(Self.escape))
        }
    }

    @Test func anErrorBodyWithEscapesIsShownHarmless() async throws {
        try await Self.withServer(ModelBehavior(fault: .escapeError)) { servers in
            let result = try await servers.run(["ask", "hi"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("the model crashed"))
            #expect(!result.stderr.contains(Self.escape))
            #expect(result.stderr.contains("␛]0;pwned title"))
        }
    }

    @Test func aServerWithManyModelsIsAskedForTheirDetailsAFewAtATime() async throws {
        let models = (0..<40).map { SimulatedModel(name: "model\($0):latest") }
        let ollama = ProviderSimulator(scenario: SimulatorScenario(models: models, defaultBehavior: ModelBehavior(headerDelay: 0.05)))
        let port = try await ollama.start()
        let folder = try ParleyProcess.folder(dotEnv: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ParleyProcess.run(["models", "--provider", "ollama"], environment: [
            "OLLAMA_BASE_URL": "http://127.0.0.1:\(port)", "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
        ], directory: folder)
        let most = await ollama.mostInFlight["/api/show"]
        await ollama.stop()
        #expect(result.status == 0)
        #expect(result.stdout.contains("model39:latest"))
        #expect(await ollama.requestCounts["/api/show"] == 40)
        #expect((most ?? 0) <= 4)
    }
}
