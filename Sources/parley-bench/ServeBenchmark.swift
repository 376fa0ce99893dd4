import ChatCore
import CurlTransport
import Foundation
import Providers

/// `parley serve` (the release binary, a process of its own) in front of the release
/// `parley-sim`, against talking to the simulator directly, in one run: the time it adds to
/// the first token, the throughput of one 100,000-token stream, and 200 streaming clients at
/// once with the gateway's peak RSS.
enum ServeBenchmark {
    struct Gateway {
        let process: Process
        let baseURL: String
    }

    static func startGateway(ollama: String, folder: URL) throws -> Gateway {
        let environment = [
            "HOME": folder.path, "PATH": "/usr/bin:/bin", "PARLEY_DATA_DIR": folder.path,
            "PREFERRED_PROVIDER": "ollama", "OLLAMA_BASE_URL": ollama, "OLLAMA_HEALTH_CHECK_INTERVAL": "3600",
        ]
        let (process, baseURL) = try TransportBenchmark.launch("parley", ["serve", "--port", "0", "--max-concurrent", "256"], environment: environment, readingStderr: true)
        return Gateway(process: process, baseURL: baseURL)
    }

    /// Seconds until the first body bytes of `request`, then the rest drained.
    static func firstBytes(_ client: CurlHTTPClient, _ request: HTTPRequest) async throws -> Double {
        let start = ContinuousClock.now
        let response = try await client.send(request)
        var first: Double?
        for try await _ in response.body where first == nil { first = (ContinuousClock.now - start).inSeconds }
        return first ?? (ContinuousClock.now - start).inSeconds
    }

    /// Seconds to drain `request`'s whole body, and its bytes.
    static func drain(_ client: CurlHTTPClient, _ request: HTTPRequest) async throws -> (Double, Int) {
        let start = ContinuousClock.now
        let response = try await client.send(request)
        var bytes = 0
        for try await chunk in response.body { bytes += chunk.count }
        return ((ContinuousClock.now - start).inSeconds, bytes)
    }

    static func gatewayRequest(_ baseURL: String) -> HTTPRequest {
        let body = #"{"model":"ollama:llama2","stream":true,"messages":[{"role":"user","content":"go"}]}"#
        return HTTPRequest(method: "POST", url: baseURL + "/v1/chat/completions", body: Array(body.utf8))
    }

    /// The gateway's most resident memory so far (`VmHWM`), in MB.
    static func peakMegabytes(_ process: Process) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }

    static func run(runs: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let short = try TransportBenchmark.startSimulator(tokens: 20)
        defer { short.process.terminate() }
        let long = try TransportBenchmark.startSimulator()
        defer { long.process.terminate() }
        let client = CurlHTTPClient()

        let shortGateway = try startGateway(ollama: short.baseURL, folder: folder.appendingPathComponent("a"))
        defer { shortGateway.process.terminate() }
        let direct = TransportBenchmark.chatRequest(short.baseURL, openAI: false)
        let through = gatewayRequest(shortGateway.baseURL)
        _ = try await firstBytes(client, direct)
        _ = try await firstBytes(client, through)
        var directFirst: [Double] = [], gatewayFirst: [Double] = []
        for _ in 0..<max(50, runs * 10) {
            directFirst.append(try await firstBytes(client, direct) * 1000)
            gatewayFirst.append(try await firstBytes(client, through) * 1000)
        }
        let added = TransportBenchmark.median(gatewayFirst) - TransportBenchmark.median(directFirst)
        print(String(format: "serve: first token %.2f ms through parley serve vs %.2f ms from parley-sim directly = %.2f ms added (goal <= 5 ms); median of %d",
                     TransportBenchmark.median(gatewayFirst), TransportBenchmark.median(directFirst), added, directFirst.count))

        let longGateway = try startGateway(ollama: long.baseURL, folder: folder.appendingPathComponent("b"))
        defer { longGateway.process.terminate() }
        var directTimes: [Double] = [], gatewayTimes: [Double] = []
        for _ in 0..<runs {
            directTimes.append(try await drain(client, TransportBenchmark.chatRequest(long.baseURL, openAI: false)).0)
            gatewayTimes.append(try await drain(client, gatewayRequest(longGateway.baseURL)).0)
        }
        let ratio = TransportBenchmark.median(directTimes) / TransportBenchmark.median(gatewayTimes)
        print(String(format: "serve: %d-token stream drained in %.3f s through parley serve vs %.3f s directly = %.2fx the direct throughput (goal >= 0.8x); median of %d",
                     TransportBenchmark.tokens, TransportBenchmark.median(gatewayTimes), TransportBenchmark.median(directTimes), ratio, runs))
        // The same stream read as a client reads it, decoded into chat events on both sides.
        var directDecoded: [Double] = [], gatewayDecoded: [Double] = []
        for _ in 0..<runs {
            directDecoded.append(try await TransportBenchmark.timeEvents(client, TransportBenchmark.chatRequest(long.baseURL, openAI: false), openAI: false).0)
            gatewayDecoded.append(try await TransportBenchmark.timeEvents(client, gatewayRequest(longGateway.baseURL), openAI: true).0)
        }
        print(String(format: "serve: the same stream decoded into chat events by the client: %.3f s through parley serve vs %.3f s directly = %.2fx; median of %d",
                     TransportBenchmark.median(gatewayDecoded), TransportBenchmark.median(directDecoded),
                     TransportBenchmark.median(directDecoded) / TransportBenchmark.median(gatewayDecoded), runs))

        let clients = 200
        let completed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    let response = try await client.send(gatewayRequest(shortGateway.baseURL))
                    var text = ""
                    for try await chunk in response.body { text += String(decoding: chunk, as: UTF8.self) }
                    return response.head.status == 200 && text.hasSuffix("data: [DONE]\n\n")
                }
            }
            var done = 0
            for try await ok in group where ok { done += 1 }
            return done
        }
        print(String(format: "serve: %d concurrent streaming clients, %d completed with [DONE]; parley serve peak RSS %.0f MB",
                     clients, completed, peakMegabytes(shortGateway.process)))
        await client.shutdown()
    }
}
