import ChatCore
import Foundation
import GatewayServer
import ProviderSimulator
import Providers
import Testing

/// `parley serve` as an OpenAI client meets it, over real sockets, in front of simulated
/// providers. Serialized: each test starts three servers on two cores.
@Suite(.serialized, .timeLimit(.minutes(3))) struct GatewayTests {
    @Test func aWholeAnswerComesInOpenAIsShapeSayingWhoAnswered() async throws {
        try await GatewayHarness.with { gateway async throws in
            let reply = try await gateway.chat("ollama:llama2")
            #expect(reply.status == 200)
            #expect(reply.header("x-parley-provider") == "ollama")
            #expect(reply.header("x-parley-model") == "llama2")
            #expect(reply.header("x-parley-requested") == "ollama:llama2")
            #expect(reply.header("x-parley-fallback") == nil)
            let body = reply.json
            #expect(body["object"] as? String == "chat.completion")
            #expect(body["model"] as? String == "ollama:llama2")
            let choice = (body["choices"] as? [[String: Any]])?.first
            #expect((choice?["message"] as? [String: Any])?["content"] as? String == "four words of answer")
            #expect(choice?["finish_reason"] as? String == "stop")
            #expect((body["usage"] as? [String: Any])?["completion_tokens"] as? Int == 4)
            #expect((body["parley"] as? [String: Any])?["provider"] as? String == "ollama")
        }
    }

    @Test func aStreamedAnswerIsChunksEndingInDoneTheFirstSayingWhoAnswers() async throws {
        try await GatewayHarness.with { gateway async throws in
            let reply = try await gateway.chat("llama2", stream: true)
            #expect(reply.status == 200)
            #expect(reply.head.mediaType == "text/event-stream")
            #expect(reply.header("x-parley-provider") == "ollama")
            let events = reply.events
            #expect(events.last == "[DONE]")
            let chunks = events.dropLast().compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
            #expect(chunks.count == events.count - 1)
            #expect((chunks.first?["parley"] as? [String: Any])?["requested"] as? String == "llama2")
            let deltas = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String }
            #expect(deltas.joined() == "four words of answer")
            #expect(chunks.allSatisfy { $0["object"] as? String == "chat.completion.chunk" })
            #expect((chunks.last?["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String == "stop")
        }
    }

    @Test(arguments: [false, true])
    func aFallbackShowsInTheHeadersAndTheBody(stream: Bool) async throws {
        try await GatewayHarness.with { gateway async throws in
            await gateway.ollama.stopListening()
            let reply = try await gateway.chat("llama2", stream: stream)
            #expect(reply.status == 200)
            #expect(reply.header("x-parley-provider") == "openrouter")
            #expect(reply.header("x-parley-model") == "openai/gpt-4o")
            let fallback = try #require(reply.header("x-parley-fallback"))
            #expect(fallback.hasPrefix("ollama:llama2 -> openrouter:openai/gpt-4o ("))
            #expect(fallback.contains("connection refused"))
            // A header line holds printable ASCII only, whatever the reason said.
            #expect(fallback.utf8.allSatisfy { (0x20...0x7E).contains($0) })
            let facts = stream
                ? (try? JSONSerialization.jsonObject(with: Data((reply.events.first ?? "").utf8))) as? [String: Any]
                : reply.json
            let hops = (facts?["parley"] as? [String: Any])?["fallbacks"] as? [[String: Any]]
            #expect(hops?.first?["to"] as? String == "openrouter:openai/gpt-4o")
        }
    }

    @Test func stopTopPAndSeedReachTheProviderInItsOwnFormat() async throws {
        try await GatewayHarness.with { gateway async throws in
            let sampling = #","stop":["\n\n","END"],"top_p":0.5,"seed":42"#
            #expect(try await gateway.chat("ollama:llama2", extra: sampling).status == 200)
            #expect(await gateway.ollama.lastChatSampling == SimulatedSampling(stop: ["\n\n", "END"], topP: 0.5, seed: 42))
            #expect(try await gateway.chat("openrouter:openai/gpt-4o", extra: #","stop":"END","seed":7"#).status == 200)
            #expect(await gateway.openRouter.lastChatSampling == SimulatedSampling(stop: ["END"], seed: 7))
        }
    }

    @Test func anUnknownModelIs404WithThePullHint() async throws {
        // With fallback on, another provider would answer instead.
        try await GatewayHarness.with(environment: ["ENABLE_FALLBACK": "false"]) { gateway async throws in
            let reply = try await gateway.chat("ollama:codellama")
            #expect(reply.status == 404, "\(reply.text)")
            let error = reply.json["error"] as? [String: Any]
            #expect(error?["code"] as? String == "model_not_found")
            #expect((error?["message"] as? String)?.contains("ollama pull codellama") == true)
        }
    }

    @Test func everyProviderDownIs503() async throws {
        try await GatewayHarness.with { gateway async throws in
            await gateway.ollama.stopListening()
            await gateway.openRouter.stopListening()
            let reply = try await gateway.chat("llama2")
            #expect(reply.status == 503, "\(reply.text)")
            #expect((reply.json["error"] as? [String: Any])?["code"] as? String == "unavailable")
        }
    }

    @Test(arguments: [
        (#"{"messages":[{"role":"user","content":"hi"}]}"#, "model"),
        (#"{"model":"llama2"}"#, "messages"),
        (#"{"model":"llama2","messages":[{"role":"robot","content":"hi"}]}"#, "messages[0].role"),
        (#"{"model":"llama2","messages":[{"role":"user","content":"hi"}],"temperature":5}"#, "temperature"),
        (#"{"model":"llama2","messages":[{"role":"user","content":"hi"}],"max_tokens":1e300}"#, "max_tokens"),
        (#"{"model":"llama2","messages":[{"role":"user","content":"hi"}],"stream":"yes"}"#, "stream"),
        (#"{"model":"llama2","messages":[{"role":"user","content":"hi"}],"stop":[1,2]}"#, "stop"),
    ])
    func aBadRequestIs400NamingTheField(body: String, field: String) async throws {
        try await GatewayHarness.with { gateway async throws in
            let reply = try await gateway.post("/v1/chat/completions", json: body)
            #expect(reply.status == 400)
            let error = reply.json["error"] as? [String: Any]
            #expect(error?["param"] as? String == field)
            #expect(error?["type"] as? String == "invalid_request_error")
            #expect(await gateway.ollama.requestCounts["/api/chat"] == nil)
        }
    }

    @Test func aBodyThatIsNotJSONOrTooLargeIsRefused() async throws {
        try await GatewayHarness.with(configuration: GatewayConfiguration(port: 0, maxBodyBytes: 1000)) { gateway async throws in
            #expect(try await gateway.post("/v1/chat/completions", json: "{not json").status == 400)
            let large = #"{"model":"llama2","messages":[{"role":"user","content":""# + String(repeating: "x", count: 2000) + #""}]}"#
            #expect(try await gateway.post("/v1/chat/completions", json: large).status == 413)
        }
    }

    @Test func aStreamThatBreaksAfterTheFirstTokenEndsWithAnErrorAndNoDone() async throws {
        try await GatewayHarness.with { gateway async throws in
            await gateway.ollama.setBehavior(ModelBehavior(reply: "one two three four", fault: .dropMidStream, faultAfterTokens: 2))
            let reply = try await gateway.chat("ollama:llama2", stream: true)
            #expect(reply.status == 200)
            #expect(reply.text.contains("event: error"))
            #expect(!reply.events.contains("[DONE]"))
            // No fallback after the first token: the text is ollama's alone.
            #expect(await gateway.openRouter.requestCounts["/api/v1/chat/completions"] == nil)
        }
    }

    @Test func aTokenIsAskedWhenOneIsSetButNotForHealth() async throws {
        try await GatewayHarness.with(configuration: GatewayConfiguration(port: 0, token: "s3cret-token")) { gateway async throws in
            #expect(try await gateway.chat("llama2").status == 401)
            #expect(try await gateway.chat("llama2", headers: [HTTPHeader("Authorization", "Bearer wrong")]).status == 401)
            #expect(try await gateway.chat("llama2", headers: [HTTPHeader("Authorization", "Bearer s3cret-token")]).status == 200)
            #expect(try await gateway.get("/v1/models").status == 401)
            #expect(try await gateway.get("/health").status == 200)
        }
    }

    @Test func servingBeyondLoopbackNeedsATokenOrNoAuthSaidOutLoud() {
        #expect(GatewayConfiguration(host: "0.0.0.0").refusal?.contains("PARLEY_SERVE_TOKEN") == true)
        #expect(GatewayConfiguration(host: "0.0.0.0", token: "t").refusal == nil)
        #expect(GatewayConfiguration(host: "0.0.0.0", allowsAnyone: true).refusal == nil)
        #expect(GatewayConfiguration(host: "127.0.0.1").refusal == nil)
    }

    @Test func pastTheConcurrencyLimitAClientIsToldToComeBack() async throws {
        try await GatewayHarness.with(configuration: GatewayConfiguration(port: 0, maxConcurrentChats: 1)) { gateway async throws in
            await gateway.ollama.setBehavior(ModelBehavior(tokens: 1000, tokensPerSecond: 20))
            let slow = try await gateway.client.send(HTTPRequest(
                method: "POST", url: gateway.baseURL + "/v1/chat/completions",
                body: Array(#"{"model":"ollama:llama2","stream":true,"messages":[{"role":"user","content":"hi"}]}"#.utf8), timeouts: GatewayHarness.timeouts
            ))
            #expect(slow.head.status == 200)
            let busy = try await gateway.chat("ollama:llama2")
            #expect(busy.status == 429)
            #expect(busy.header("Retry-After") == "1")
            slow.body.cancel()
        }
    }

    @Test func aClientThatLeavesMidStreamEndsTheUpstreamTransfer() async throws {
        try await GatewayHarness.with { gateway async throws in
            await gateway.ollama.setBehavior(ModelBehavior(tokens: 1000, tokensPerSecond: 20))
            let response = try await gateway.client.send(HTTPRequest(
                method: "POST", url: gateway.baseURL + "/v1/chat/completions",
                body: Array(#"{"model":"ollama:llama2","stream":true,"messages":[{"role":"user","content":"hi"}]}"#.utf8), timeouts: GatewayHarness.timeouts
            ))
            var iterator = response.body.makeAsyncIterator()
            _ = try await iterator.next()
            #expect(gateway.upstream.activeTransferCount == 1)
            response.body.cancel()
            // A stream of 50 s ends as soon as the gateway notices; the suite's limit bounds it.
            await gateway.upstream.waitUntilIdle()
            #expect(gateway.upstream.activeTransferCount == 0)
        }
    }

    @Test func aClientThatReadsSlowlyPausesTheUpstreamTransferInsteadOfBufferingIt() async throws {
        try await GatewayHarness.with { gateway async throws in
            // Some 26 MB of stream, far more than the sockets and buffers in between hold.
            await gateway.ollama.setBehavior(ModelBehavior(tokens: 200_000))
            let response = try await gateway.client.send(HTTPRequest(
                method: "POST", url: gateway.baseURL + "/v1/chat/completions",
                body: Array(#"{"model":"ollama:llama2","stream":true,"messages":[{"role":"user","content":"hi"}]}"#.utf8), timeouts: GatewayHarness.timeouts
            ))
            var iterator = response.body.makeAsyncIterator()
            _ = try await iterator.next()
            // The client reads no more: the gateway's writes wait, so it stops reading, and
            // its own transfer from the provider pauses.
            await gateway.upstream.waitForPause()
            response.body.cancel()
            await gateway.upstream.waitUntilIdle()
        }
    }

    @Test func modelsAndProvidersAreListedWithTheirHealth() async throws {
        try await GatewayHarness.with { gateway async throws in
            let models = try await gateway.get("/v1/models")
            #expect(models.status == 200)
            let ids = (models.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            #expect(ids.contains("ollama:llama2:latest"))
            #expect(ids.contains("openrouter:openai/gpt-4o"))
            let providers = try await gateway.get("/v1/providers")
            let entries = providers.json["data"] as? [[String: Any]] ?? []
            let ollama = entries.first { $0["id"] as? String == "ollama" }
            #expect(ollama?["status"] as? String == "healthy")
            #expect(ollama?["default"] as? Bool == true)
            #expect(!providers.text.contains(GatewayHarness.apiKey))
            let openRouter = entries.first { $0["id"] as? String == "openrouter" }
            #expect((openRouter?["credit"] as? [String: Any])?["used_usd"] as? Double == 0.25)
            let one = try await gateway.get("/v1/providers/ollama/models")
            #expect((one.json["data"] as? [[String: Any]])?.first?["id"] as? String == "ollama:llama2:latest")
            #expect(try await gateway.get("/v1/providers/nope/models").status == 404)
            await gateway.ollama.stopListening()
            let checked = try await gateway.post("/v1/providers/health-check")
            let after = (checked.json["data"] as? [[String: Any]])?.first { $0["id"] as? String == "ollama" }
            #expect(after?["status"] as? String == "down")
            #expect(try await gateway.get("/health").status == 200)
        }
    }

    @Test func aPoolAnswersThroughAMemberAndIsListedWithItsMembers() async throws {
        try await GatewayHarness.with(environment: ["PARLEY_POOLS": "local=ollama", "OLLAMA_MAX_CONCURRENT": "2"]) { gateway async throws in
            let reply = try await gateway.chat("local:llama2")
            #expect(reply.status == 200)
            #expect(reply.header("x-parley-provider") == "ollama")
            #expect(reply.header("x-parley-requested") == "local:llama2")
            let providers = try await gateway.get("/v1/providers")
            let entries = providers.json["data"] as? [[String: Any]] ?? []
            let pool = entries.first { $0["id"] as? String == "local" }
            #expect(pool?["kind"] as? String == "pool")
            #expect(pool?["members"] as? [String] == ["ollama"])
            #expect(pool?["base_url"] == nil)
            #expect(pool?["status"] as? String == "healthy")
            let ollama = entries.first { $0["id"] as? String == "ollama" }
            #expect(ollama?["in_flight"] as? Int == 0)
            #expect(ollama?["max_concurrent"] as? Int == 2)
        }
    }
}
