import ChatCore
import Foundation
import ProviderSimulator
import Providers
import Testing

extension Integration {
    /// Every simulated fault, through the real transport and decoders: the right error kind,
    /// within its time-out, the partial answer kept, and no transfer left behind.
    @Suite struct FaultTests {
        private func outcome(
            _ behavior: ModelBehavior,
            family: ChatEventSequence.Family = .ollama,
            timeouts: HTTPTimeouts = SimulatorHarness.fastTimeouts
        ) async throws -> SimulatorHarness.Outcome {
            try await SimulatorHarness.with(SimulatorScenario(defaultBehavior: behavior)) { harness in
                family == .ollama
                    ? await harness.chat(harness.ollamaChat(timeouts: timeouts))
                    : await harness.chat(harness.openRouterChat(key: nil, timeouts: timeouts), family: .openAI)
            }
        }

        static let families: [ChatEventSequence.Family] = [.ollama, .openAI]

        @Test(arguments: families)
        func status500And502AreServerErrors(family: ChatEventSequence.Family) async throws {
            for fault in [SimulatedFault.status500, .status502] {
                let result = try await outcome(ModelBehavior(fault: fault), family: family)
                #expect(result.error?.kind == .serverError)
                #expect(result.error?.status == Int(fault.rawValue))
            }
        }

        @Test(arguments: families)
        func status503CarriesRetryAfter(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(fault: .status503, retryAfter: 7), family: family)
            #expect(result.error?.kind == .serverError)
            #expect(result.error?.retryAfterSeconds == 7)
        }

        @Test(arguments: families)
        func status429IsRateLimitedWithRetryAfter(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(fault: .status429, retryAfter: 2), family: family)
            #expect(result.error?.kind == .rateLimited)
            #expect(result.error?.retryAfterSeconds == 2)
            #expect(result.error?.message.contains("wait 2 s") == true)
        }

        @Test(arguments: families)
        func aHugeRetryAfterIsADayAtMostNotATrap(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(fault: .hugeRetryAfter), family: family)
            #expect(result.error?.kind == .serverError)
            #expect(result.error?.retryAfterSeconds == HTTPStatusError.longestRetryAfterSeconds)
        }

        @Test(arguments: families)
        func anEventOrLineThatNeverEndsStopsAtTheCapWithThePartialAnswerKept(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(fault: .endlessEvent, faultAfterTokens: 3), family: family)
            #expect(result.error?.kind == .lineTooLong)
            #expect(!result.text.isEmpty)
        }

        @Test func anAnswerPastTheCapStopsThereWithWhatFitsKept() async throws {
            // Three 3 MiB words: the third passes the 8 MiB an answer may hold.
            let word = String(repeating: "w", count: 3 * 1024 * 1024)
            let reply = [word, word, word].joined(separator: " ")
            // Escaping megabytes takes the debug simulator seconds: a patient timeout.
            try await ProviderHarness.with(environment: ["ENABLE_FALLBACK": "false", "OLLAMA_TIMEOUT": "60"], reply: reply) { harness in
                let run = await harness.ask("ollama:llama2")
                #expect(run.error == nil)
                let interruption = try #require(run.outcome?.interruption)
                #expect(interruption.kind == .answerTooLong)
                #expect(interruption.message.contains("8 MiB"))
                #expect(run.text.utf8.count == RoutedChatIterator.longestAnswerBytes)
                #expect(run.text.hasPrefix(word + " " + word))
            }
        }

        @Test(arguments: families)
        func absurdNumbersInTheFinalRecordAreDroppedAndTheAnswerCompletes(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(fault: .absurdStats), family: family)
            #expect(result.error == nil)
            guard case .done(let stats)? = result.events.last(where: { if case .done = $0 { true } else { false } }) else {
                Issue.record("no final record")
                return
            }
            #expect(stats.tokensPerSecond == nil)
            #expect(stats.completionTokens.map { $0 >= 0 && $0 <= 1_000_000_000_000 } ?? true)
            #expect(stats.costUSD == nil)
        }

        @Test(arguments: families)
        func status401IsUnauthorized(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(fault: .status401), family: family)
            #expect(result.error?.kind == .unauthorized)
        }

        @Test func missingOrWrongBearerKeyIsUnauthorizedWithOpenRoutersMessage() async throws {
            try await SimulatorHarness.with(SimulatorScenario(apiKey: SimulatorHarness.apiKey)) { harness in
                let missing = await harness.chat(harness.openRouterChat(key: nil), family: .openAI)
                #expect(missing.error?.kind == .unauthorized)
                #expect(missing.error?.message.contains("No auth credentials found") == true)
                let wrong = await harness.chat(harness.openRouterChat(key: "sk-or-v1-wrong"), family: .openAI)
                #expect(wrong.error?.kind == .unauthorized)
                #expect(wrong.error?.message.contains("sk-or-v1-wrong") == false)
            }
        }

        @Test func unknownModelIsModelNotFoundInBothFamilies() async throws {
            try await SimulatorHarness.with { harness in
                let ollama = await harness.chat(harness.ollamaChat(model: "nope"))
                #expect(ollama.error?.kind == .modelNotFound)
                #expect(ollama.error?.message.contains("model 'nope' not found") == true)
                let openRouter = await harness.chat(harness.openRouterChat(model: "nope/model", key: nil), family: .openAI)
                #expect(openRouter.error?.kind == .modelNotFound)
            }
        }

        @Test func refusedConnectionSaysWhatToDo() async throws {
            try await SimulatorHarness.with { harness in
                await harness.simulator.stopListening()
                let result = await harness.chat(harness.ollamaChat())
                #expect(result.error?.kind == .connectionFailed)
                #expect(result.error?.description == "cannot connect to \(harness.baseURL) (connection refused) — is Ollama running? Start it with 'ollama serve'")
                try await harness.simulator.resumeListening()
                #expect(await harness.chat(harness.ollamaChat()).error == nil)
            }
        }

        @Test func stallBeforeHeadersTimesOutAtTheFirstByteDeadline() async throws {
            let timeouts = HTTPTimeouts(connect: .seconds(1), firstByte: .milliseconds(600), idle: .milliseconds(200))
            let result = try await outcome(ModelBehavior(fault: .stallBeforeHeaders), timeouts: timeouts)
            #expect(result.error?.kind == .timedOut)
            // The simulator stalls for a minute: the first-byte deadline, not the server, ended it.
            #expect(result.error?.message.contains("no response from") == true)
        }

        @Test(arguments: families)
        func stallMidStreamTimesOutAtTheIdleDeadlineKeepingThePartialAnswer(family: ChatEventSequence.Family) async throws {
            let timeouts = HTTPTimeouts(connect: .seconds(1), firstByte: .seconds(5), idle: .milliseconds(400))
            let result = try await outcome(ModelBehavior(reply: "one two three four", fault: .stallMidStream, faultAfterTokens: 2), family: family, timeouts: timeouts)
            #expect(result.error?.kind == .timedOut)
            #expect(result.error?.message.contains("stalled") == true)
            #expect(result.text == "one two")
        }

        @Test(arguments: families)
        func droppedConnectionMidStreamIsConnectionLost(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(reply: "one two three four", fault: .dropMidStream, faultAfterTokens: 2), family: family)
            #expect(result.error?.kind == .connectionLost)
            #expect(result.text == "one two")
        }

        @Test(arguments: families)
        func errorRecordAfter200IsAStreamError(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(reply: "one two three four", fault: .errorAfter200, faultAfterTokens: 3), family: family)
            #expect(result.error?.kind == .streamError)
            #expect(result.error?.message.contains("simulated failure") == true)
            #expect(result.text == "one two three")
        }

        @Test(arguments: families)
        func malformedLineIsAMalformedStream(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(reply: "one two three", fault: .malformedLine, faultAfterTokens: 1), family: family)
            #expect(result.error?.kind == .malformedStream)
            #expect(result.text == "one")
        }

        @Test(arguments: families)
        func invalidUTF8BecomesReplacementCharactersAndTheStreamCompletes(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(reply: "one two", fault: .invalidUTF8, faultAfterTokens: 1), family: family)
            #expect(result.error == nil)
            #expect(result.text == "one bad\u{FFFD}\u{FFFD}\u{FFFD}bytes two")
        }

        @Test(arguments: families)
        func twentyMegabyteLineFailsAtTheCap(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(reply: "one two", fault: .hugeLine, faultAfterTokens: 1), family: family)
            #expect(result.error?.kind == .lineTooLong)
            #expect(result.text == "one")
        }

        @Test(arguments: families)
        func missingTerminalRecordIsATruncatedStream(family: ChatEventSequence.Family) async throws {
            let result = try await outcome(ModelBehavior(reply: "one two", fault: .missingTerminal), family: family)
            #expect(result.error?.kind == .truncatedStream)
            #expect(result.text == "one two")
        }

        @Test func slowDripIsNotMistakenForAStall() async throws {
            let timeouts = HTTPTimeouts(connect: .seconds(1), firstByte: .seconds(2), idle: .milliseconds(500))
            try await SimulatorHarness.with(SimulatorScenario(defaultBehavior: ModelBehavior(reply: "drip", fault: .slowDrip))) { harness in
                let response = try await harness.client.send(harness.ollamaChat(timeouts: timeouts))
                var received = 0
                // A byte each 100 ms, each gap under the 500 ms idle deadline: 30 bytes take
                // three seconds, six idle deadlines, and none of them may end the stream.
                for try await chunk in response.body {
                    received += chunk.count
                    if received >= 30 { break }
                }
                #expect(received >= 30)
            }
        }

        @Test func cancellingMidStreamAbortsTheTransferQuickly() async throws {
            let scenario = SimulatorScenario(defaultBehavior: ModelBehavior(tokens: 1000, tokensPerSecond: 20))
            try await SimulatorHarness.with(scenario) { harness in
                let (firstEvent, eventArrived) = AsyncStream<Void>.makeStream()
                let reader = Task {
                    var count = 0
                    let response = try await harness.client.send(harness.ollamaChat())
                    for try await _ in ChatEventSequence(response: response, family: .ollama) {
                        count += 1
                        eventArrived.yield()
                    }
                    return count
                }
                // Mid-stream: 1,000 tokens at 20 a second take fifty.
                for await _ in firstEvent { break }
                #expect(harness.client.activeTransferCount == 1)
                reader.cancel()
                let result = await reader.result
                #expect(throws: ProviderError.self) { try result.get() }
                // The transfer ends long before the stream would (the suite's time limit bounds
                // it); how soon is measured by the benchmark.
                await harness.client.waitUntilIdle()
                #expect(harness.client.activeTransferCount == 0)
            }
        }

        @Test func cancellingWhileWaitingForHeadersAbortsToo() async throws {
            try await SimulatorHarness.with(SimulatorScenario(defaultBehavior: ModelBehavior(fault: .stallBeforeHeaders))) { harness in
                let request = Task { try await harness.client.send(harness.ollamaChat()) }
                // The server has the request and holds back its headers.
                await harness.simulator.waitForRequests(to: "/api/chat")
                request.cancel()
                await #expect(throws: (any Error).self) { try await request.value }
            }
        }
    }
}
