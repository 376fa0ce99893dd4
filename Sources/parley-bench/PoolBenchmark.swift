import ChatCore
import CurlTransport
import Foundation
import Providers

/// A pool through `parley serve`: 60 streaming clients at once against a pool of 1, 2 and 3
/// simulated Ollama hosts (release `parley-sim`s at a fixed token rate), each host held to 4
/// answers at a time by `BOXn_MAX_CONCURRENT`. Prints the completed streams a second for each
/// size, as a ratio to one host (linear would be 2x and 3x), and how the requests spread.
enum PoolBenchmark {
    static let clients = 60
    static let perHost = 4
    static let tokens = 40
    static let tokensPerSecond = 80

    static func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-pool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var hosts: [TransportBenchmark.Simulator] = []
        defer { for host in hosts { host.process.terminate() } }
        for _ in 0..<3 {
            let (process, baseURL) = try TransportBenchmark.launch(
                "parley-sim", ["--port", "0", "--tokens", String(tokens), "--tokens-per-second", String(tokensPerSecond)], readingStderr: false
            )
            hosts.append(TransportBenchmark.Simulator(process: process, baseURL: baseURL))
        }
        let client = CurlHTTPClient()
        var single: Double?
        for size in 1...3 {
            let members = (1...size).map { "box\($0)" }
            var environment = [
                "HOME": folder.path, "PATH": "/usr/bin:/bin", "PARLEY_DATA_DIR": folder.appendingPathComponent("\(size)").path,
                "OLLAMA_ENABLED": "false", "PREFERRED_PROVIDER": "gpus", "OLLAMA_HEALTH_CHECK_INTERVAL": "3600",
                "PARLEY_PROVIDERS": members.enumerated().map { "\($0.element)=ollama@\(hosts[$0.offset].baseURL)" }.joined(separator: ","),
                "PARLEY_POOLS": "gpus=" + members.joined(separator: ","),
            ]
            for member in members { environment["\(member.uppercased())_MAX_CONCURRENT"] = String(perHost) }
            let (gateway, baseURL) = try TransportBenchmark.launch("parley", ["serve", "--port", "0", "--max-concurrent", "256"], environment: environment, readingStderr: true)
            defer { gateway.terminate() }
            _ = try await stream(client, baseURL)
            let start = ContinuousClock.now
            let answeredBy = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<clients {
                    group.addTask { try await stream(client, baseURL) }
                }
                var members: [String] = []
                for try await member in group { if let member { members.append(member) } }
                return members
            }
            let seconds = (ContinuousClock.now - start).inSeconds
            let rate = Double(answeredBy.count) / seconds
            single = single ?? rate
            let spread = members.map { member in "\(member) \(answeredBy.filter { $0 == member }.count)" }.joined(separator: ", ")
            let ideal = Double(size * perHost * tokensPerSecond) / Double(tokens)
            print(String(format: "pool: %d host%@, %d streaming clients: %d completed in %.2f s = %.1f streams/s (%.2fx one host, linear %dx; %.0f%% of the hosts' %.0f/s); spread %@",
                         size, size == 1 ? "" : "s", clients, answeredBy.count, seconds, rate, rate / (single ?? rate), size,
                         rate / ideal * 100, ideal, spread))
        }
        await client.shutdown()
    }

    /// Streams one answer through the gateway; the member that answered, when it ended with `[DONE]`.
    static func stream(_ client: CurlHTTPClient, _ baseURL: String) async throws -> String? {
        let body = #"{"model":"gpus:llama2","stream":true,"messages":[{"role":"user","content":"go"}]}"#
        let response = try await client.send(HTTPRequest(method: "POST", url: baseURL + "/v1/chat/completions", body: Array(body.utf8)))
        var tail: [UInt8] = []
        for try await chunk in response.body { tail = Array((tail + chunk).suffix(16)) }
        guard response.head.status == 200, String(decoding: tail, as: UTF8.self).hasSuffix("data: [DONE]\n\n") else { return nil }
        return response.head.value(for: "x-parley-provider")
    }
}
