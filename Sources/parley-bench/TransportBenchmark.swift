import ChatCore
import CurlTransport
import Foundation
import Providers

/// Parley's transport against `curl -N -s` draining the same unthrottled 100,000-token stream
/// from the release `parley-sim` (a separate process, as a real server is), in one run:
/// (a) transport + line framing, (b) transport + framing + chunk mapping to ChatEvents.
/// Reports median times and their ratios to curl, then the cancellation latency.
enum TransportBenchmark {
    static let tokens = 100_000

    struct Simulator {
        let process: Process
        let baseURL: String
    }

    static func startSimulator(tokens: Int = tokens) throws -> Simulator {
        let (process, baseURL) = try launch("parley-sim", ["--port", "0", "--tokens", String(tokens)], readingStderr: false)
        return Simulator(process: process, baseURL: baseURL)
    }

    /// Starts a program built beside this one and reads the `http://127.0.0.1:PORT` it says it
    /// listens on from the first line of its stdout (or stderr).
    static func launch(_ name: String, _ arguments: [String], environment: [String: String]? = nil, readingStderr: Bool) throws -> (Process, String) {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let process = Process()
        process.executableURL = folder.appendingPathComponent(name)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        if readingStderr { process.standardError = output } else { process.standardOutput = output }
        try process.run()
        var buffer = Data()
        while let line = String(data: buffer, encoding: .utf8), !line.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            buffer += data
        }
        let text = String(decoding: buffer, as: UTF8.self)
        guard let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        return (process, String(text[range]))
    }

    static func chatRequest(_ baseURL: String, openAI: Bool, tokensPerSecond: Bool = false) -> HTTPRequest {
        let body = #"{"model":"\#(openAI ? "openai/gpt-4o" : "llama2")","stream":true,"messages":[{"role":"user","content":"go"}]}"#
        let path = openAI ? "/api/v1/chat/completions" : "/api/chat"
        return HTTPRequest(method: "POST", url: baseURL + path, body: Array(body.utf8))
    }


    /// curl's own `time_total`: the transfer alone, without starting the curl process, so the
    /// reference is as fast as curl can be.
    static func timeCurl(_ request: HTTPRequest) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-N", "-s", "-o", "/dev/null", "-w", "%{time_total}", "-X", "POST",
                             "-d", String(decoding: request.body ?? [], as: UTF8.self), request.url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return seconds
    }

    /// Transport and line framing only: bytes in, lines counted.
    static func timeFraming(_ client: CurlHTTPClient, _ request: HTTPRequest) async throws -> (Double, Int) {
        let start = ContinuousClock.now
        let response = try await client.send(request)
        var splitter = LineSplitter()
        var lines = 0
        for try await chunk in response.body {
            try splitter.feed(chunk) { _ in lines += 1 }
        }
        try splitter.finish { _ in lines += 1 }
        return ((ContinuousClock.now - start).inSeconds, lines)
    }

    /// The whole path: transport, framing, mapping to ChatEvents.
    static func timeEvents(_ client: CurlHTTPClient, _ request: HTTPRequest, openAI: Bool) async throws -> (Double, Int) {
        let start = ContinuousClock.now
        let response = try await client.send(request)
        var events = 0
        for try await _ in ChatEventSequence(response: response, family: openAI ? .openAI : .ollama) { events += 1 }
        return ((ContinuousClock.now - start).inSeconds, events)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func run(runs: Int) async throws {
        let simulator = try startSimulator()
        defer { simulator.process.terminate() }
        let client = CurlHTTPClient()
        for openAI in [false, true] {
            let request = chatRequest(simulator.baseURL, openAI: openAI)
            _ = try timeCurl(request)
            var curl: [Double] = []
            var framing: [Double] = []
            var events: [Double] = []
            var counts = (lines: 0, events: 0)
            for _ in 0..<runs {
                curl.append(try timeCurl(request))
                let (framed, lines) = try await timeFraming(client, request)
                framing.append(framed)
                let (mapped, eventCount) = try await timeEvents(client, request, openAI: openAI)
                events.append(mapped)
                counts = (lines, eventCount)
            }
            let name = openAI ? "openrouter sse" : "ollama ndjson"
            let reference = median(curl)
            print(String(format: "transport %@ %d tokens: curl -N (time_total) %.3f s; (a) transport+framing %.3f s = %.2fx curl (%d lines); (b) +mapping to ChatEvents %.3f s = %.2fx curl (%d events); median of %d",
                         name, tokens, reference, median(framing), median(framing) / reference, counts.lines,
                         median(events), median(events) / reference, counts.events, runs))
        }
        try await cancellationLatency(client, simulator.baseURL)
        await client.shutdown()
    }

    /// Time from cancelling a task mid-stream until its transfer is gone from the multi handle.
    static func cancellationLatency(_ client: CurlHTTPClient, _ baseURL: String) async throws {
        var latencies: [Double] = []
        for _ in 0..<20 {
            let request = chatRequest(baseURL, openAI: false)
            let reader = Task {
                let response = try await client.send(request)
                var seen = 0
                for try await _ in ChatEventSequence(response: response, family: .ollama) {
                    seen += 1
                    if seen == 1000 { try await Task.sleep(for: .seconds(60)) }
                }
            }
            while client.activeTransferCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
            try await Task.sleep(for: .milliseconds(50))
            let start = ContinuousClock.now
            reader.cancel()
            while client.activeTransferCount > 0 { try await Task.sleep(for: .microseconds(200)) }
            latencies.append((ContinuousClock.now - start).inSeconds * 1000)
            _ = await reader.result
        }
        print(String(format: "cancellation mid-stream -> transfer freed: median %.2f ms, max %.2f ms over %d runs (target 100 ms)",
                     median(latencies), latencies.max() ?? 0, latencies.count))
    }
}
