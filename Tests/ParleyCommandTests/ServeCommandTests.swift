import CurlTransport
import Foundation
import ProviderSimulator
import Providers
import Testing

/// The `parley serve` binary as a user starts it, in front of a simulated Ollama, asked by a
/// real HTTP client, then stopped with Ctrl-C.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ServeCommandTests {
    /// `parley serve` running, and the URL it said it serves on.
    private struct Serving: @unchecked Sendable {
        // Sendable is sound: made on the thread that starts the process, then handed once to
        // the test, which alone uses it after.
        let process: Process
        let baseURL: String
        let errors: Pipe
    }

    /// Starts the binary and reads the port from its first line on stderr, on a thread of its
    /// own: reading blocks, and the servers of the other tests need the pool's few threads.
    private static func serve(_ arguments: [String], environment: [String: String], directory: URL) async throws -> Serving {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try serveBlocking(arguments, environment: environment, directory: directory) })
            }.start()
        }
    }

    private static func serveBlocking(_ arguments: [String], environment: [String: String], directory: URL) throws -> Serving {
        let process = Process()
        process.executableURL = ParleyProcess.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        process.environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        while !seen.contains(UInt8(ascii: "\n")) {
            let data = errors.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            seen += data
        }
        let line = String(decoding: seen, as: UTF8.self)
        guard let range = line.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "parley serve said: \(line)"])
        }
        return Serving(process: process, baseURL: String(line[range]), errors: errors)
    }

    /// Waits for the process to end, off the concurrency pool.
    private static func exitStatus(_ process: Process) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
    }

    @Test func serveAnswersWithATokenSaysWhoAnsweredLogsEachRequestAndStopsOnCtrlC() async throws {
        let ollama = ProviderSimulator(scenario: SimulatorScenario(models: [SimulatedModel(name: "llama2:latest")], defaultBehavior: ModelBehavior(reply: "Hello from Ollama.")))
        let port = try await ollama.start()
        let folder = try ParleyProcess.folder(dotEnv: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let token = "serve-token-0123456789"
        let serving = try await Self.serve([], environment: [
            "PREFERRED_PROVIDER": "ollama", "OLLAMA_BASE_URL": "http://127.0.0.1:\(port)", "PARLEY_SERVE_TOKEN": token,
            "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
        ], directory: folder)
        let client = CurlHTTPClient()
        func chat(authorization: String?) async throws -> (status: Int, provider: String?, body: String) {
            let response = try await client.send(HTTPRequest(
                method: "POST", url: serving.baseURL + "/v1/chat/completions",
                headers: authorization.map { [HTTPHeader("Authorization", $0)] } ?? [],
                body: Array(#"{"model":"llama2","messages":[{"role":"user","content":"Hello!"}]}"#.utf8)
            ))
            let body = String(decoding: try await response.body.collect(upTo: 1 << 20), as: UTF8.self)
            return (response.head.status, response.head.value(for: "x-parley-provider"), body)
        }
        #expect(try await chat(authorization: nil).status == 401)
        let answered = try await chat(authorization: "Bearer \(token)")
        #expect(answered.status == 200)
        #expect(answered.provider == "ollama")
        #expect(answered.body.contains("Hello from Ollama."))
        await client.shutdown()

        serving.process.interrupt()
        #expect(await Self.exitStatus(serving.process) == 0)
        await ollama.stop()
        let log = (try? String(contentsOf: folder.appendingPathComponent("data/parley/parley.log"), encoding: .utf8)) ?? ""
        #expect(log.contains("POST /v1/chat/completions 401"))
        #expect(log.contains("POST /v1/chat/completions 200"))
        #expect(!log.contains(token))
    }
}
