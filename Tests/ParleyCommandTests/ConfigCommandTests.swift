import Foundation
import Testing

@Suite struct ConfigCommandTests {
    static let secret = "sk-or-v1-0123456789abcdef0123456789abcdef9f3a"

    @Test func printsEverySettingWithItsSourceAndMasksTheKey() async throws {
        let folder = try ParleyProcess.folder(dotEnv: "OPENROUTER_API_KEY=\(Self.secret)\nOLLAMA_TIMEOUT=45\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ParleyProcess.run(
            ["config", "--set", "OLLAMA_DEFAULT_MODEL=mistral"],
            environment: ["OLLAMA_HOST": "gpu-box:9999"],
            directory: folder
        )
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.contains(["OLLAMA_TIMEOUT", "45", ".env"]))
        #expect(rows.contains(["OLLAMA_DEFAULT_MODEL", "mistral", "flag"]))
        #expect(rows.contains(["OLLAMA_BASE_URL", "http://gpu-box:9999", "environment", "(OLLAMA_HOST)"]))
        #expect(rows.contains(["OLLAMA_TEMPERATURE", "0.7", "default"]))
        #expect(rows.contains(["OPENROUTER_API_KEY", "sk-or-v1-…9f3a", ".env"]))
        #expect(!(result.stdout + result.stderr).contains("0123456789abcdef"))
    }

    @Test(arguments: [(0o644, "any user can read it (mode 644)"), (0o640, "its group can read it (mode 640)")])
    func anEnvFileHoldingAKeyThatOthersCanReadGetsOneWarningLine(mode: Int, words: String) async throws {
        let folder = try ParleyProcess.folder(dotEnv: "OPENROUTER_API_KEY=\(Self.secret)\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(".env").path
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let result = try await ParleyProcess.run(["config"], directory: folder)
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings == ["parley: warning: \(path) holds OPENROUTER_API_KEY and \(words); run: chmod 600 \(path)"])
        #expect(!result.stderr.contains("0123456789abcdef"))
    }

    @Test func aNamedProvidersSettingsAndAPoolAreShownWithTheirKeyMasked() async throws {
        let folder = try ParleyProcess.folder(dotEnv: """
        PARLEY_PROVIDERS=box1=ollama@http://127.0.0.1:1,groq=openai@https://api.groq.com/openai/v1
        PARLEY_POOLS=gpus=box1>groq
        GROQ_API_KEY=\(Self.secret)
        BOX1_MAX_CONCURRENT=4

        """)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent(".env").path)
        let result = try await ParleyProcess.run(["config"], environment: ["OLLAMA_TIMEOUT": "45"], directory: folder)
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.contains(["GROQ_API_KEY", "sk-or-v1-…9f3a", ".env"]))
        #expect(rows.contains(["BOX1_MAX_CONCURRENT", "4", ".env"]))
        #expect(rows.contains(["BOX1_TIMEOUT", "45", "environment", "(OLLAMA_TIMEOUT)"]))
        #expect(rows.contains(["GROQ_TIMEOUT", "60", "default", "(OPENROUTER_TIMEOUT)"]))
        #expect(result.stdout.contains("groq        openai, https://api.groq.com/openai/v1, with its key"))
        #expect(result.stdout.contains("gpus        pool of box1 > groq (in this order)"))
        #expect(!(result.stdout + result.stderr).contains("0123456789abcdef"))
    }

    @Test func aPrivateEnvFileOrOneWithoutAKeyGetsNoPermissionWarning() async throws {
        let keyed = try ParleyProcess.folder(dotEnv: "OPENROUTER_API_KEY=\(Self.secret)\n")
        let keyless = try ParleyProcess.folder(dotEnv: "OLLAMA_TIMEOUT=45\n")
        defer {
            try? FileManager.default.removeItem(at: keyed)
            try? FileManager.default.removeItem(at: keyless)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyless.appendingPathComponent(".env").path)
        for folder in [keyed, keyless] {
            let result = try await ParleyProcess.run(["config"], directory: folder)
            #expect(result.status == 0)
            #expect(!result.stderr.contains("chmod"))
        }
    }

    @Test func badConfigurationExitsWithStatus2AndListsEveryError() async throws {
        let folder = try ParleyProcess.folder(dotEnv: "OLLAMA_TIMEOUT=abc\nPREFERRED_PROVIDER=olama\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ParleyProcess.run(["config"], environment: ["OPENROUTER_TEMPERATURE": "9"], directory: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("parley: 3 invalid settings:"))
        #expect(result.stderr.contains("OLLAMA_TIMEOUT=abc: expected a number of seconds > 0"))
        #expect(result.stderr.contains("PREFERRED_PROVIDER=olama: unknown provider; known providers: openrouter, ollama, demo, auto"))
        #expect(result.stderr.contains("OPENROUTER_TEMPERATURE=9: expected a number from 0 to 2"))
    }

    @Test func jsonOutputCarriesSettingsSourcesAndErrors() async throws {
        let folder = try ParleyProcess.folder(dotEnv: "OPENROUTER_API_KEY=\(Self.secret)\nOLLAMA_MAX_RETRIES=many\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ParleyProcess.run(["config", "--json"], directory: folder)
        #expect(result.status == 2)
        struct Output: Decodable {
            struct Setting: Decodable { var name: String; var value: String; var source: String }
            struct Problem: Decodable { var variable: String; var message: String }
            var settings: [Setting]
            var errors: [Problem]
            var valid: Bool
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        #expect(!output.valid)
        #expect(output.errors.map(\.variable) == ["OLLAMA_MAX_RETRIES"])
        let key = try #require(output.settings.first { $0.name == "OPENROUTER_API_KEY" })
        #expect(key.value == "sk-or-v1-…9f3a")
        #expect(key.source == ".env")
        #expect(!result.stdout.contains("0123456789abcdef"))
    }

    @Test func missingExplicitEnvFileIsAUsageError() async throws {
        let folder = try ParleyProcess.folder(dotEnv: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ParleyProcess.run(["config", "--env-file", "nowhere.env"], directory: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the settings file nowhere.env"))
    }

    @Test func helpListsTheConfigCommand() async throws {
        let folder = try ParleyProcess.folder(dotEnv: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ParleyProcess.run(["--help"], directory: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("config"))
    }
}
