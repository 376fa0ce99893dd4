import ChatCore
import CurlTransport
import Foundation
import ProviderSimulator
import Providers
import Testing

/// A simulator on an ephemeral loopback port and a real `CurlHTTPClient`, torn down after
/// each use, with a check that no transfer outlives the test.
struct SimulatorHarness {
    let simulator: ProviderSimulator
    let client: CurlHTTPClient
    let baseURL: String

    static let apiKey = "sk-or-v1-simulated0123456789abcdef0123456789abcdef"

    static func with<T>(
        _ scenario: SimulatorScenario = SimulatorScenario(),
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        let simulator = ProviderSimulator(scenario: scenario)
        let port = try await simulator.start()
        let client = CurlHTTPClient()
        let harness = SimulatorHarness(simulator: simulator, client: client, baseURL: "http://127.0.0.1:\(port)")
        do {
            let result = try await body(harness)
            try await harness.expectNoLiveTransfers()
            await simulator.stop()
            await client.shutdown()
            return result
        } catch {
            await simulator.stop()
            await client.shutdown()
            throw error
        }
    }

    /// Live transfers drop to zero once every response has been consumed or dropped; a leaked
    /// one never does, and the suite's time limit ends the test.
    func expectNoLiveTransfers() async throws {
        await client.waitUntilIdle()
        #expect(client.activeTransferCount == 0, "transfers leaked")
    }

    static let fastTimeouts = HTTPTimeouts(connect: .seconds(2), firstByte: .seconds(5), idle: .seconds(5))

    func ollamaChat(model: String = "llama2", stream: Bool = true, timeouts: HTTPTimeouts = fastTimeouts) -> HTTPRequest {
        let body = #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":"Say something"}]}"#
        return HTTPRequest(method: "POST", url: baseURL + "/api/chat", body: Array(body.utf8), timeouts: timeouts,
                           connectionHint: "is Ollama running? Start it with 'ollama serve'")
    }

    func openRouterChat(model: String = "openai/gpt-4o", key: String? = SimulatorHarness.apiKey, stream: Bool = true, timeouts: HTTPTimeouts = fastTimeouts) -> HTTPRequest {
        let body = #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":"Say something"}]}"#
        let headers = key.map { [HTTPHeader("Authorization", "Bearer \($0)")] } ?? []
        return HTTPRequest(method: "POST", url: baseURL + "/api/v1/chat/completions", headers: headers, body: Array(body.utf8), timeouts: timeouts)
    }

    /// Everything a chat response decoded to, and the error that ended it.
    struct Outcome {
        var events: [ChatEvent] = []
        var error: ProviderError?

        var text: String {
            events.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
        }

        var stats: CompletionStats? {
            events.lazy.compactMap { if case .done(let stats) = $0 { stats } else { nil } }.first
        }
    }

    func chat(_ request: HTTPRequest, family: ChatEventSequence.Family = .ollama) async -> Outcome {
        var outcome = Outcome()
        do {
            let response = try await client.send(request)
            for try await event in ChatEventSequence(response: response, family: family) {
                outcome.events.append(event)
            }
        } catch let error as ProviderError {
            outcome.error = error
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
        return outcome
    }
}
