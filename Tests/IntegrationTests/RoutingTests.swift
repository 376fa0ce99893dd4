import ChatCore
import Foundation
import ProviderSimulator
import Providers
import Testing

extension Integration {
    /// Resolution, retries and fallback through real providers on three simulators.
    @Suite struct RoutingTests {
        @Test func resolutionTable() async throws {
            try await ProviderHarness.with { harness in
                await harness.monitor.checkAll()
                let order = harness.registry.fallbackOrder
                var models: [ProviderID: [ModelInfo]] = [:]
                for provider in order { models[provider.id] = await harness.monitor.models(of: provider.id) }
                let resolver = ModelResolver(order: order, models: models, down: [])
                let table: [(String, String)] = [
                    ("ollama:llama2", "ollama:llama2"),
                    ("ollama:llama3:8b", "ollama:llama3:8b"),
                    ("openrouter:anthropic/claude-3.5-sonnet", "openrouter:anthropic/claude-3.5-sonnet"),
                    ("gpu:llama3.2", "gpu:llama3.2"),
                    ("llama2", "ollama:llama2"),
                    ("llama2:latest", "ollama:llama2:latest"),
                    ("llama3.2", "gpu:llama3.2"),
                    ("openai/gpt-4o", "openrouter:openai/gpt-4o"),
                    ("no-such-model", "ollama:no-such-model"),
                    ("", "ollama:llama2"),
                ]
                for (input, expected) in table {
                    let resolved = try resolver.resolve(input)
                    #expect(resolved.description == expected, "\(input)")
                }
                let withoutGPU = try ModelResolver(order: order, models: models, down: ["gpu"]).resolve("llama3.2")
                #expect(withoutGPU.description == "ollama:llama3.2")
            }
        }

        @Test func prefixedAndBareNamesAreAnsweredWhereTheyResolve() async throws {
            try await ProviderHarness.with { harness in
                let bare = await harness.ask("llama3.2")
                #expect(bare.error == nil)
                #expect(bare.text == "answer")
                #expect(bare.outcome?.answeredBy.description == "gpu:llama3.2")
                #expect(bare.outcome?.fellBack == false)
                let prefixed = await harness.ask("openrouter:anthropic/claude-3.5-sonnet")
                #expect(prefixed.outcome?.answeredBy.description == "openrouter:anthropic/claude-3.5-sonnet")
                #expect(prefixed.outcome?.attempts == 1)
                #expect(prefixed.outcome?.timeToFirstTokenSeconds != nil)
            }
        }

        @Test func urlCredentialsAndKeysEchoedBackByAServerAreNeverShown() async throws {
            let simulator = ProviderSimulator(scenario: SimulatorScenario(
                models: ProviderHarness.ollamaModels, defaultBehavior: ModelBehavior(fault: .echoCredentials)
            ))
            let port = try await simulator.start()
            try await ProviderHarness.with(environment: [
                "OLLAMA_BASE_URL": "http://alice:wonderland42@127.0.0.1:\(port)", "ENABLE_FALLBACK": "false",
            ]) { harness in
                await harness.openRouter.setBehavior(ModelBehavior(fault: .echoCredentials))
                let ollama = await harness.ask("ollama:llama2")
                let message = try #require(ollama.error).description
                // They were sent (as Basic authentication), and echoed, but never shown.
                #expect(message.contains("refused the credentials 'Basic …'"))
                #expect(!message.contains("wonderland42") && !message.contains("alice"))
                #expect(!message.contains("YWxpY2U6d29uZGVybGFuZDQy"))
                let openRouter = await harness.ask("openrouter:openai/gpt-4o")
                let echoed = try #require(openRouter.error).description
                #expect(echoed.contains("refused the credentials 'Bearer …'"))
                #expect(!echoed.contains(ProviderHarness.apiKey))
                let health = await harness.monitor.check("ollama")
                #expect(!(health.reason ?? "").contains("wonderland42"))
            }
            await simulator.stop()
        }

        @Test func aHostThatSwallowsPacketsCostsOneConnectTimeoutNotOnePerPrompt() async throws {
            let swallowing = try SwallowingListener()
            try await ProviderHarness.with(environment: ["OLLAMA_BASE_URL": "http://127.0.0.1:\(swallowing.port)", "OLLAMA_TIMEOUT": "0.5"]) { harness in
                // It answered before, so no check runs first: the prompts meet the silence.
                await harness.monitor.recordChatSuccess(for: "ollama")
                let first = await harness.ask("ollama:llama2")
                let second = await harness.ask("ollama:llama2")
                let attempts = (first.events + second.events).filter { if case .attempt(let target) = $0 { target.provider == "ollama" } else { false } }
                #expect(attempts.count == 1)
                #expect(first.error == nil && second.error == nil)
                #expect(first.fallbacks.first?.reason.contains("no answer within") == true)
                #expect(second.outcome?.answeredBy.provider != "ollama")
                #expect(await harness.monitor.status(of: "ollama").state == .down)
            }
            withExtendedLifetime(swallowing) {}
        }

        @Test func refusedConnectionFallsBackAndMarksTheProviderDown() async throws {
            try await ProviderHarness.with { harness in
                await harness.ollama.stopListening()
                let run = await harness.ask("ollama:llama2")
                #expect(run.error == nil)
                #expect(run.fallbacks.count == 1)
                #expect(run.fallbacks.first?.from.description == "ollama:llama2")
                #expect(run.fallbacks.first?.reason.contains("connection refused") == true)
                #expect(run.retries.isEmpty)
                #expect(run.outcome?.answeredBy.provider != "ollama")
                #expect(run.outcome?.fellBack == true)
                #expect(await harness.monitor.status(of: .ollama).state == .down)
                let bare = await harness.ask("llama2")
                #expect(bare.skips.map(\.provider) == [.ollama])
                #expect(bare.outcome?.answeredBy.description == "gpu:llama2")
            }
        }

        @Test func serverErrorsAreRetriedThenFallBack() async throws {
            try await ProviderHarness.with { harness in
                await harness.ollama.setBehavior(ModelBehavior(fault: .status500))
                let run = await harness.ask("ollama:llama2")
                #expect(run.retries.count == 2)
                #expect(run.retries.map(\.attempt) == [1, 2])
                #expect(run.fallbacks.count == 1)
                #expect(run.outcome?.attempts == 4)
                #expect(run.outcome?.answeredBy.description == "openrouter:openai/gpt-4o")
            }
        }

        @Test func shortRetryAfterIsHonouredAndTheSameProviderAnswers() async throws {
            let clock = WaitRecordingClock()
            try await ProviderHarness.with(routerClock: clock) { harness in
                await harness.ollama.setBehavior(ModelBehavior(reply: "after wait", fault: .status429, faultCount: 1, retryAfter: 0.4))
                let run = await harness.ask("llama2")
                #expect(run.error == nil)
                #expect(run.retries.first?.delaySeconds == 0.4)
                #expect(run.fallbacks.isEmpty)
                #expect(run.text == "after wait")
                // The retry waited for what the server asked, on the router's clock.
                #expect(clock.waits == [.milliseconds(400)])
            }
        }

        @Test func longRetryAfterMovesOnInsteadOfWaiting() async throws {
            let clock = WaitRecordingClock()
            try await ProviderHarness.with(routerClock: clock) { harness in
                await harness.ollama.setBehavior(ModelBehavior(fault: .status429, retryAfter: 30))
                let run = await harness.ask("llama2")
                #expect(run.error == nil)
                #expect(run.retries.isEmpty)
                #expect(run.fallbacks.first?.reason.contains("429") == true)
                #expect(clock.waits.isEmpty)
            }
        }

        @Test func rejectedKeyIsNotRetriedAndMarksTheProviderDown() async throws {
            try await ProviderHarness.with(environment: ["PREFERRED_PROVIDER": "openrouter", "OPENROUTER_API_KEY": "sk-or-v1-wrong0000000000000000"]) { harness in
                let run = await harness.ask("openai/gpt-4o")
                #expect(run.retries.isEmpty)
                #expect(run.fallbacks.first?.reason.contains("check OPENROUTER_API_KEY") == true)
                #expect(run.outcome?.answeredBy.provider == "ollama")
                #expect(await harness.monitor.status(of: .openrouter).state == .down)
            }
        }

        @Test func missingModelFallsBackWithThePullHint() async throws {
            try await ProviderHarness.with { harness in
                let run = await harness.ask("ollama:codellama")
                #expect(run.fallbacks.first?.reason.contains("pull it with 'parley pull codellama'") == true)
                #expect(run.outcome?.answeredBy.description == "openrouter:openai/gpt-4o")
            }
        }

        @Test func timeoutBeforeTheFirstTokenFallsBack() async throws {
            try await ProviderHarness.with(environment: ["PREFERRED_PROVIDER": "openrouter", "OPENROUTER_TIMEOUT": "0.5"]) { harness in
                await harness.openRouter.setBehavior(ModelBehavior(fault: .stallMidStream, faultAfterTokens: 0, stallSeconds: 30))
                let run = await harness.ask("openai/gpt-4o")
                #expect(run.fallbacks.first?.reason.contains("stalled") == true)
                // The stall lasts 30 s: the idle deadline, not the server, ended the attempt.
                #expect(run.outcome?.answeredBy.provider == "ollama")
            }
        }

        @Test func noFallbackWhenDisabledInSettingsOrForTheRequest() async throws {
            try await ProviderHarness.with(environment: ["ENABLE_FALLBACK": "false"]) { harness in
                await harness.ollama.stopListening()
                let run = await harness.ask("ollama:llama2")
                #expect(run.fallbacks.isEmpty)
                #expect(run.error?.kind == .connectionFailed)
                #expect(run.error?.hint == "is Ollama running? Start it with 'ollama serve'")
            }
            try await ProviderHarness.with { harness in
                await harness.ollama.setBehavior(ModelBehavior(fault: .status503))
                let run = await harness.ask("llama2", allowFallback: false)
                #expect(run.fallbacks.isEmpty)
                #expect(run.retries.count == 2)
                #expect(run.error?.kind == .serverError)
            }
        }

        @Test func noFallbackAfterTheFirstTokenAndRetryElsewhereIsOneCall() async throws {
            try await ProviderHarness.with(reply: "one two three four") { harness in
                await harness.ollama.setBehavior(ModelBehavior(reply: "one two three four", fault: .dropMidStream, faultAfterTokens: 2))
                let request = RoutedRequest(model: "llama2", messages: [Message(role: .user, content: "hi")])
                let run = await harness.run(harness.router.chat(request))
                #expect(run.error == nil)
                #expect(run.fallbacks.isEmpty)
                #expect(run.text == "one two")
                let outcome = try #require(run.outcome)
                #expect(outcome.interruption?.kind == .connectionLost)
                #expect(outcome.answeredBy.provider == "ollama")
                let retried = await harness.run(harness.router.retryElsewhere(request, excluding: outcome.answeredBy.provider))
                #expect(retried.text == "one two three four")
                #expect(retried.outcome?.answeredBy.provider == "gpu")
                #expect(retried.outcome?.interruption == nil)
            }
        }

        @Test func userCancelIsNotAFailure() async throws {
            try await ProviderHarness.with { harness in
                await harness.ollama.setBehavior(ModelBehavior(tokens: 500, tokensPerSecond: 20))
                let (tokens, tokenArrived) = AsyncStream<Void>.makeStream()
                let request = RoutedRequest(model: "llama2", messages: [Message(role: .user, content: "hi")])
                let task = Task {
                    await harness.run(harness.router.chat(request)) { event in
                        if case .text = event { tokenArrived.yield() }
                    }
                }
                // Mid-answer: 500 tokens at 20 a second take 25 s.
                for await _ in tokens { break }
                task.cancel()
                let run = await task.value
                #expect(run.fallbacks.isEmpty)
                #expect(run.retries.isEmpty)
                #expect(await harness.monitor.status(of: .ollama).state != .down)
            }
        }

        @Test func downProviderIsSkippedAndTheSkipReported() async throws {
            try await ProviderHarness.with { harness in
                await harness.gpu.stopListening()
                await harness.monitor.check("gpu")
                await harness.ollama.setBehavior(ModelBehavior(fault: .status401))
                await harness.openRouter.setBehavior(ModelBehavior(fault: .status401))
                let run = await harness.ask("llama2")
                #expect(run.skips.map(\.provider) == ["gpu"])
                #expect(run.skips.first?.reason.contains("down since") == true)
                #expect(run.error?.kind == .unauthorized)
                #expect(run.error?.message.contains("tried ollama, openrouter") == true)
                #expect(await harness.gpu.requestCounts["/api/chat"] == nil)
            }
        }

        @Test func keyGoesOnlyToItsOwnProvider() async throws {
            try await ProviderHarness.with { harness in
                await harness.monitor.checkAll()
                _ = await harness.ask("llama2")
                _ = await harness.ask("openrouter:openai/gpt-4o")
                #expect(await harness.ollama.requestCounts["with Authorization"] == nil)
                #expect(await harness.gpu.requestCounts["with Authorization"] == nil)
                #expect(await harness.openRouter.requestCounts["with Authorization", default: 0] >= 3)
            }
        }

        @Test func aNamedProvidersKeyGoesToItAlone() async throws {
            try await ProviderHarness.with(environment: ["GPU_API_KEY": "gpu-proxy-key-0123456789"]) { harness in
                await harness.monitor.checkAll()
                #expect(await harness.ask("gpu:llama3.2").text == "answer")
                #expect(await harness.gpu.requestCounts["with Authorization", default: 0] >= 2)
                #expect(await harness.ollama.requestCounts["with Authorization"] == nil)
                let openRouter = try #require(harness.registry.provider(.openrouter) as? OpenAICompatibleProvider)
                #expect(openRouter.preset.apiKey?.revealedForRequest == ProviderHarness.apiKey)
            }
        }
    }

    @Suite struct KeyCreditTests {
        @Test func openRoutersKeyCreditComesWithItsHealthCheck() async throws {
            try await ProviderHarness.with { harness in
                var scenario = await harness.openRouter.scenario
                scenario.keyLimit = 10
                scenario.keyUsage = 0.25
                await harness.openRouter.replaceScenario(scenario)
                let status = await harness.monitor.check(.openrouter)
                #expect(status.credit == KeyCredit(limitUSD: 10, remainingUSD: 9.75, usedUSD: 0.25))
                // A key without a limit says what it spent.
                scenario.keyLimit = nil
                await harness.openRouter.replaceScenario(scenario)
                #expect(await harness.monitor.check(.openrouter).credit == KeyCredit(limitUSD: nil, remainingUSD: nil, usedUSD: 0.25))
            }
        }

        @Test func anAbsurdCreditIsLeftOutNotBelieved() async throws {
            try await ProviderHarness.with { harness in
                var scenario = await harness.openRouter.scenario
                scenario.keyLimit = 1e300
                scenario.keyUsage = -4
                await harness.openRouter.replaceScenario(scenario)
                let status = await harness.monitor.check(.openrouter)
                #expect(status.state == .healthy)
                #expect(status.credit == nil)
            }
        }
    }

    @Suite struct HealthTests {
        @Test func healthGoesDownAndRecoversWithinOneInterval() async throws {
            try await ProviderHarness.with(environment: ["OLLAMA_HEALTH_CHECK_INTERVAL": "0.3"]) { harness in
                let updates = await harness.monitor.updates()
                await harness.monitor.startAutomaticChecks()
                var iterator = updates.makeAsyncIterator()
                /// How many checks of `id` it took to see `state`.
                func checksUntil(_ id: ProviderID, is state: HealthState) async -> Int? {
                    var checks = 0
                    while let update = await iterator.next() {
                        guard update.provider == id else { continue }
                        checks += 1
                        if update.status.state == state { return checks }
                    }
                    return nil
                }
                #expect(await checksUntil(.ollama, is: .healthy) != nil)
                await harness.ollama.stopListening()
                // Within one interval: the first check that starts after the change sees it
                // (one already under way may still report the old state).
                let downAfter = try #require(await checksUntil(.ollama, is: .down))
                #expect(downAfter <= 2)
                try await harness.ollama.resumeListening()
                let upAfter = try #require(await checksUntil(.ollama, is: .healthy))
                #expect(upAfter <= 2)
                let status = await harness.monitor.status(of: .ollama)
                #expect(status.modelCount == 2)
                #expect(status.latencySeconds != nil)
            }
        }

        @Test func concurrentChecksOfOneProviderShareOneRequest() async throws {
            try await ProviderHarness.with { harness in
                await harness.ollama.setBehavior(ModelBehavior())
                async let first = harness.monitor.check(.ollama)
                async let second = harness.monitor.check(.ollama)
                async let third = harness.monitor.check(.ollama)
                let states = await [first, second, third].map(\.state)
                #expect(states == [.healthy, .healthy, .healthy])
                #expect(await harness.ollama.requestCounts["/api/version"] == 1)
            }
        }

        @Test func notConfiguredAndDisabledProvidersSayWhy() async throws {
            try await ProviderHarness.with(environment: ["OPENROUTER_API_KEY": "", "OLLAMA_ENABLED": "false"]) { harness in
                let statuses = await harness.monitor.checkAll()
                #expect(statuses[.openrouter]?.state == .notConfigured)
                #expect(statuses[.openrouter]?.reason?.contains("OPENROUTER_API_KEY") == true)
                #expect(statuses[.ollama]?.state == .disabled)
                #expect(statuses["gpu"]?.state == .healthy)
            }
        }

        @Test func demoBecomesTheDefaultOnlyWhenNothingAnswers() async throws {
            try await ProviderHarness.with(environment: ["OPENROUTER_API_KEY": ""]) { harness in
                #expect(await DefaultProviderChoice.settle(harness.registry, monitor: harness.monitor) == nil)
                #expect(harness.registry.defaultProvider == .ollama)
            }
            try await ProviderHarness.with(environment: ["OPENROUTER_API_KEY": ""]) { harness in
                for simulator in [harness.ollama, harness.gpu] { await simulator.stopListening() }
                let notice = try #require(await DefaultProviderChoice.settle(harness.registry, monitor: harness.monitor))
                #expect(harness.registry.defaultProvider == .demo)
                #expect(notice.contains { $0.contains("OPENROUTER_API_KEY=") })
                #expect(notice.contains { $0.contains("ollama serve") })
                let run = await harness.ask("")
                #expect(run.outcome?.answeredBy.provider == .demo)
                #expect(run.text.contains("Demo reply"))
            }
        }

        @Test(arguments: ["ollama:llama2", "openrouter:openai/gpt-4o"])
        func eventsTakenInHandAreTheEventsReadOneByOne(model: String) async throws {
            let reply = (1...3_000).map { "word\($0)" }.joined(separator: " ")
            try await ProviderHarness.with(reply: reply) { harness in
                let request = RoutedRequest(model: model, messages: [Message(role: .user, content: "hi")])
                let oneByOne = await harness.run(harness.router.chat(request), oneByOne: true)
                let inHand = await harness.run(harness.router.chat(request))
                #expect(oneByOne.error == nil && inHand.error == nil)
                #expect(inHand.takenInHand > 0, "a 3,000-token stream arrives in reads of many events")
                #expect(inHand.text == reply)
                // The simulator's timings differ between two replies; everything else is the same.
                let untimed = { (run: ProviderHarness.Run) in
                    run.events.compactMap { event -> String? in
                        switch event {
                        case .completed: nil
                        case .done(let stats): "done \(stats.finishReason ?? "-") \(stats.completionTokens ?? -1)"
                        default: "\(event)"
                        }
                    }
                }
                #expect(untimed(inHand) == untimed(oneByOne))
                #expect(inHand.outcome?.answeredBy == oneByOne.outcome?.answeredBy)
                #expect(inHand.outcome?.interruption == nil)
            }
        }
    }
}
