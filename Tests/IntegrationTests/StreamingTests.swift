import ChatCore
import Foundation
import ProviderSimulator
import Providers
import Testing

extension Integration {
    @Suite struct StreamingTests {
        static let reply = "Hello from the simulator, with ünïcödé, 日本語 and 👩‍💻 emoji."

        @Test func ollamaStreamDeliversEveryTokenAndTheFinalMetrics() async throws {
            let outcome = try await SimulatorHarness.with(SimulatorScenario(defaultBehavior: ModelBehavior(reply: Self.reply))) { harness in
                await harness.chat(harness.ollamaChat())
            }
            #expect(outcome.error == nil)
            #expect(outcome.text == Self.reply)
            let stats = try #require(outcome.stats)
            #expect(stats.finishReason == "stop")
            #expect(stats.completionTokens == ModelBehavior(reply: Self.reply).replyTokens.count)
            #expect(stats.generationDurationNanos != nil)
        }

        @Test func openRouterStreamWithKeyDeliversTextAndUsage() async throws {
            let scenario = SimulatorScenario(defaultBehavior: ModelBehavior(reply: Self.reply, thinking: "Let me think."), apiKey: SimulatorHarness.apiKey)
            let outcome = try await SimulatorHarness.with(scenario) { harness in
                await harness.chat(harness.openRouterChat(), family: .openAI)
            }
            #expect(outcome.error == nil)
            #expect(outcome.text == Self.reply)
            #expect(outcome.events.first == .thinking("Let"))
            #expect(outcome.stats?.completionTokens == ModelBehavior(reply: Self.reply).replyTokens.count + 3)
        }

        @Test func nonStreamingRepliesDecodeToTheSameText() async throws {
            try await SimulatorHarness.with(SimulatorScenario(defaultBehavior: ModelBehavior(reply: Self.reply))) { harness in
                let ollama = await harness.chat(harness.ollamaChat(stream: false))
                #expect(ollama.error == nil)
                #expect(ollama.text == Self.reply)
                let openAI = await harness.chat(harness.openRouterChat(key: nil, stream: false), family: .openAI)
                #expect(openAI.error == nil)
                #expect(openAI.text == Self.reply)
            }
        }

        @Test func headersArriveBeforeTheBody() async throws {
            // Two tokens, then a minute of silence: the head must not wait for the body.
            let scenario = SimulatorScenario(defaultBehavior: ModelBehavior(tokens: 10, fault: .stallMidStream, faultAfterTokens: 2, stallSeconds: 60))
            try await SimulatorHarness.with(scenario) { harness in
                let response = try await harness.client.send(harness.openRouterChat(key: nil, timeouts: HTTPTimeouts(connect: .seconds(2), firstByte: .seconds(5), idle: .seconds(120))))
                #expect(response.head.status == 200)
                #expect(response.head.mediaType == "text/event-stream")
            }
        }

        @Test func modelLoadingLongerThanTheIdleTimeoutIsNotAStall() async throws {
            let scenario = SimulatorScenario(defaultBehavior: ModelBehavior(reply: "loaded", headerDelay: 1))
            let timeouts = HTTPTimeouts(connect: .seconds(1), firstByte: .seconds(4), idle: .milliseconds(300))
            let outcome = try await SimulatorHarness.with(scenario) { harness in
                await harness.chat(harness.ollamaChat(timeouts: timeouts))
            }
            #expect(outcome.error == nil)
            #expect(outcome.text == "loaded")
        }

        @Test func twoHundredConcurrentStreamsAllCompleteWithTheirContent() async throws {
            let scenario = SimulatorScenario(defaultBehavior: ModelBehavior(tokens: 60))
            let expected = ModelBehavior(tokens: 60).replyTokens.joined()
            try await SimulatorHarness.with(scenario) { harness in
                let outcomes = await withTaskGroup(of: SimulatorHarness.Outcome.self) { group in
                    for index in 0..<200 {
                        group.addTask {
                            index.isMultiple(of: 2)
                                ? await harness.chat(harness.ollamaChat())
                                : await harness.chat(harness.openRouterChat(key: nil), family: .openAI)
                        }
                    }
                    var all: [SimulatorHarness.Outcome] = []
                    for await outcome in group { all.append(outcome) }
                    return all
                }
                #expect(outcomes.count == 200)
                #expect(outcomes.allSatisfy { $0.error == nil && $0.text == expected && $0.stats != nil })
            }
        }
    }
}
