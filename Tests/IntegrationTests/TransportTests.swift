import ChatCore
import Foundation
import ProviderSimulator
import Providers
import Testing

extension Integration {
    @Suite struct TransportTests {
        @Test func slowConsumerPausesTheTransferInsteadOfBuffering() async throws {
            let scenario = SimulatorScenario(defaultBehavior: ModelBehavior(tokens: 60_000))
            try await SimulatorHarness.with(scenario) { harness in
                let response = try await harness.client.send(harness.ollamaChat())
                var body = response.body.makeAsyncIterator()
                var total = try await body.next()?.count ?? 0
                // The slowest consumer: it reads nothing more until the transfer has paused.
                await harness.client.waitForPause()
                while let chunk = try await body.next() { total += chunk.count }
                #expect(total > 6_000_000)
                // It did fill up to the pause threshold, and no further than one write past it.
                #expect(harness.client.peakBufferedBytes >= 256 * 1024)
                #expect(harness.client.peakBufferedBytes <= 512 * 1024 + 64 * 1024)
            }
        }

        @Test func authorizationIsDroppedOnARedirectToAnotherHost() async throws {
            try await SimulatorHarness.with { harness in
                let port = harness.baseURL.split(separator: ":").last!
                let secret = HTTPHeader("Authorization", "Bearer \(SimulatorHarness.apiKey)")
                func headersAfterRedirect(to target: String) async throws -> [String: String] {
                    let url = harness.baseURL + "/_sim/redirect?to=" + target
                    let response = try await harness.client.send(HTTPRequest(url: url, headers: [secret]))
                    #expect(response.head.status == 200)
                    let bytes = try await response.body.collect(upTo: 1 << 20)
                    return try JSONDecoder().decode([String: String].self, from: Data(bytes))
                }
                let sameHost = try await headersAfterRedirect(to: "http://127.0.0.1:\(port)/_sim/headers")
                #expect(sameHost["authorization"] == secret.value)
                let otherHost = try await headersAfterRedirect(to: "http://localhost:\(port)/_sim/headers")
                #expect(otherHost["authorization"] == nil)
                #expect(otherHost["host"]?.hasPrefix("localhost") == true)
            }
        }

        @Test func headRequestsAndEmptyBodiesWork() async throws {
            try await SimulatorHarness.with { harness in
                let head = try await harness.client.send(HTTPRequest(method: "HEAD", url: harness.baseURL + "/"))
                #expect(head.head.status == 200)
                #expect(try await head.body.collect(upTo: 10).isEmpty)
                let delete = try await harness.client.send(HTTPRequest(method: "DELETE", url: harness.baseURL + "/api/delete", body: Array(#"{"model":"mistral"}"#.utf8)))
                #expect(delete.head.status == 200)
                #expect(try await delete.body.collect(upTo: 10).isEmpty)
            }
        }

        @Test func unknownHostAndUnsupportedSchemeAreClearErrors() async throws {
            try await SimulatorHarness.with { harness in
                await #expect(throws: ProviderError.self) {
                    _ = try await harness.client.send(HTTPRequest(url: "ftp://127.0.0.1/file"))
                }
                let refused = await #expect(throws: ProviderError.self) {
                    _ = try await harness.client.send(HTTPRequest(url: "http://127.0.0.1:1/api/tags"))
                }
                #expect(refused?.kind == .connectionFailed)
                #expect(refused?.hint == "check that the server is running and the URL is right")
            }
        }

        @Test func droppingAResponseUnreadFreesItsTransfer() async throws {
            try await SimulatorHarness.with(SimulatorScenario(defaultBehavior: ModelBehavior(tokens: 100, tokensPerSecond: 10))) { harness in
                _ = try await harness.client.send(harness.ollamaChat())
                try await harness.expectNoLiveTransfers()
            }
        }
    }
}
