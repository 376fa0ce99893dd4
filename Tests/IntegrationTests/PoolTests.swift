import ChatCore
import CurlTransport
import Foundation
import ProviderSimulator
import Providers
import Testing

/// Three simulated Ollama hosts, `box1`, `box2` and `box3`, pooled as `gpus`, with Parley's
/// real registry, health monitor and router on them over loopback.
struct PoolHarness {
    let boxes: [ProviderSimulator]
    let client: CurlHTTPClient
    let registry: ProviderRegistry
    let monitor: HealthMonitor
    let router: FallbackRouter

    /// box1 has llama2 only; box2 and box3 have llama3 (and box3 llama2 too).
    static let models: [[SimulatedModel]] = [
        [SimulatedModel(name: "llama2:latest")],
        [SimulatedModel(name: "llama3:latest")],
        [SimulatedModel(name: "llama3:latest"), SimulatedModel(name: "llama2:latest")],
    ]

    static func with<T>(
        pool: String = "gpus=box1,box2,box3",
        environment extra: [String: String] = [:],
        _ body: (PoolHarness) async throws -> T
    ) async throws -> T {
        var boxes: [ProviderSimulator] = []
        var ports: [Int] = []
        for models in models {
            let box = ProviderSimulator(scenario: SimulatorScenario(models: models, defaultBehavior: ModelBehavior(reply: "answer")))
            ports.append(try await box.start())
            boxes.append(box)
        }
        var environment = [
            "HOME": "/nonexistent",
            "OLLAMA_ENABLED": "false",
            "OLLAMA_TIMEOUT": "5",
            "OLLAMA_MAX_RETRIES": "0",
            "PREFERRED_PROVIDER": "gpus",
            "PARLEY_PROVIDERS": ports.enumerated().map { "box\($0.offset + 1)=ollama@http://127.0.0.1:\($0.element)" }.joined(separator: ","),
            "PARLEY_POOLS": pool,
        ]
        environment.merge(extra) { $1 }
        let report = SettingsLoader.load(ConfigLayers(environment: environment))
        let settings = try #require(report.settings, "\(report.errors)")
        let client = CurlHTTPClient()
        let registry = ProviderRegistry.make(settings: settings, transport: client)
        let monitor = HealthMonitor(providers: registry.providers, checkTimeout: .seconds(5))
        let router = FallbackRouter(registry: registry, monitor: monitor, policy: ProviderHarness.policy, fallbackEnabled: true)
        let harness = PoolHarness(boxes: boxes, client: client, registry: registry, monitor: monitor, router: router)
        return try await Integration.run(body, on: harness) { await $0.tearDown() }
    }

    private func tearDown() async {
        for box in boxes { await box.stop() }
        await client.shutdown()
    }

    func box(_ number: Int) -> ProviderSimulator { boxes[number - 1] }

    func ask(_ model: String) async -> ProviderHarness.Run {
        var run = ProviderHarness.Run()
        var iterator = router.chat(RoutedRequest(model: model, messages: [Message(role: .user, content: "hi")])).makeAsyncIterator()
        do {
            while let events = try await iterator.nextBatch() { run.events += events }
        } catch let error as ProviderError {
            run.error = error
        } catch {
            Issue.record("unexpected error: \(error)")
        }
        return run
    }

    /// A chat that is under way on its provider once this returns (its first token is in),
    /// and stays so until `finish` cancels it: its place is held meanwhile.
    func holdingChat(_ model: String) async throws -> HeldChat {
        let (firstText, signal) = AsyncStream.makeStream(of: ChatEvent.self)
        let chat = router.chat(RoutedRequest(model: model, messages: [Message(role: .user, content: "hi")]))
        let task = Task {
            var events: [ChatEvent] = []
            var iterator = chat.makeAsyncIterator()
            while let batch = try await iterator.nextBatch() {
                for event in batch {
                    events.append(event)
                    if case .text = event { signal.yield(event) }
                    if case .queued = event { signal.yield(event) }
                }
            }
            return events
        }
        var seen = firstText.makeAsyncIterator()
        _ = await seen.next()
        return HeldChat(task: task, signals: seen)
    }

    /// A chat held open: its events so far are in the task's result once it ends.
    struct HeldChat {
        let task: Task<[ChatEvent], any Error>
        var signals: AsyncStream<ChatEvent>.Iterator

        func finish() async -> [ChatEvent] {
            task.cancel()
            return (try? await task.value) ?? []
        }
    }
}

/// A model that streams one token and then holds its stream open, as a long answer does.
private let holdsItsStream = ModelBehavior(reply: "one two three", fault: .stallMidStream, faultAfterTokens: 1, stallSeconds: 30)

extension ProviderHarness.Run {
    var answeredBy: ProviderID? { outcome?.answeredBy.provider }
    var queued: [QueueNotice] { events.compactMap { if case .queued(let notice) = $0 { notice } else { nil } } }
}

extension Integration {
    /// A pool of three hosts: which member answers, its limit and queue, hand-overs, priority.
    @Suite struct PoolTests {
        @Test func aRequestGoesToAMemberThatHasTheModel() async throws {
            try await PoolHarness.with { pool in
                let run = await pool.ask("gpus:llama3")
                #expect(run.text == "answer")
                #expect(run.answeredBy == "box2")
                #expect(run.outcome?.requested.description == "gpus:llama3")
                #expect(await pool.box(1).requestCounts["/api/chat"] == nil)
                #expect(await pool.ask("gpus:llama2").answeredBy == "box1")
            }
        }

        @Test func aMemberThatHasTheModelLoadedComesFirst() async throws {
            try await PoolHarness.with { pool in
                // box3 answered llama3 lately, so Ollama there holds it in memory.
                #expect(await pool.ask("box3:llama3").answeredBy == "box3")
                await pool.monitor.check("box3")
                #expect(await pool.monitor.status(of: "box3").loadedModels.map(\.name) == ["llama3:latest"])
                let run = await pool.ask("gpus:llama3")
                #expect(run.answeredBy == "box3")
            }
        }

        @Test func theLeastBusyMemberTakesTheNextRequest() async throws {
            try await PoolHarness.with { pool in
                await pool.box(2).setBehavior(holdsItsStream)
                await pool.box(3).setBehavior(holdsItsStream)
                let first = try await pool.holdingChat("gpus:llama3")
                #expect(pool.router.load.inFlight("box2") == 1)
                let second = try await pool.holdingChat("gpus:llama3")
                #expect(pool.router.load.inFlight("box3") == 1)
                _ = await first.finish()
                _ = await second.finish()
                #expect(pool.router.load.inFlight("box2") == 0)
                #expect(pool.router.load.inFlight("box3") == 0)
            }
        }

        @Test func aFullPoolQueuesTheRequestAndSaysSo() async throws {
            try await PoolHarness.with(environment: ["BOX2_MAX_CONCURRENT": "1", "BOX3_MAX_CONCURRENT": "1"]) { pool in
                await pool.box(2).setBehavior(holdsItsStream)
                await pool.box(3).setBehavior(holdsItsStream)
                let first = try await pool.holdingChat("gpus:llama3")
                let second = try await pool.holdingChat("gpus:llama3")
                await pool.box(2).setBehavior(ModelBehavior(reply: "answer"))
                await pool.box(3).setBehavior(ModelBehavior(reply: "answer"))
                // The third waits in line, and says for whom.
                var third = try await pool.holdingChat("gpus:llama3")
                #expect(await pool.box(2).requestCounts["/api/chat"] == 1)
                #expect(await pool.box(3).requestCounts["/api/chat"] == 1)
                _ = await first.finish()
                // box2's place is free: the third takes it and answers.
                _ = await third.signals.next()
                let events = try await third.task.value
                let queued = events.compactMap { if case .queued(let notice) = $0 { notice } else { nil } }
                #expect(queued.first?.busyText == "box2 1/1, box3 1/1")
                let outcome = events.compactMap { if case .completed(let outcome) = $0 { outcome } else { nil } }.first
                #expect(outcome?.answeredBy.provider == "box2")
                _ = await second.finish()
            }
        }

        @Test func aProviderAloneKeepsToItsLimitToo() async throws {
            try await PoolHarness.with(environment: ["BOX1_MAX_CONCURRENT": "1"]) { pool in
                await pool.box(1).setBehavior(holdsItsStream)
                let first = try await pool.holdingChat("box1:llama2")
                await pool.box(1).setBehavior(ModelBehavior(reply: "answer"))
                // The second waits for the first's place, and is not sent meanwhile.
                var second = try await pool.holdingChat("box1:llama2")
                #expect(await pool.box(1).requestCounts["/api/chat"] == 1)
                _ = await first.finish()
                _ = await second.signals.next()
                let events = try await second.task.value
                let queued = events.compactMap { if case .queued(let notice) = $0 { notice } else { nil } }
                #expect(queued.map(\.busyText) == ["box1 1/1"])
                #expect(events.contains(.text("answer")))
                #expect(pool.router.load.inFlight("box1") == 0)
                #expect(await pool.box(1).mostInFlight["/api/chat"] == 1)
            }
        }

        @Test func aMemberThatFailsHandsTheRequestToTheNextVisibly() async throws {
            try await PoolHarness.with { pool in
                await pool.box(2).setBehavior(ModelBehavior(fault: .status500))
                let run = await pool.ask("gpus:llama3")
                #expect(run.text == "answer")
                #expect(run.answeredBy == "box3")
                #expect(run.fallbacks.map { "\($0.from) → \($0.to)" } == ["box2:llama3 → box3:llama3"])
                #expect(run.retries.isEmpty)
            }
        }

        @Test func aPriorityPoolUsesTheNextMemberOnlyWhenTheFirstCannot() async throws {
            try await PoolHarness.with(pool: "gpus=box3>box2") { pool in
                // box2 has llama3 loaded, but box3 comes first while it can answer.
                _ = await pool.ask("box2:llama3")
                await pool.monitor.check("box2")
                #expect(await pool.ask("gpus:llama3").answeredBy == "box3")
                await pool.box(3).stopListening()
                await pool.monitor.check("box3")
                let run = await pool.ask("gpus:llama3")
                #expect(run.answeredBy == "box2")
                #expect(run.fallbacks.isEmpty)
            }
        }

        @Test func aMemberThatGoesDownIsPassedOverAndUsedAgainWhenBack() async throws {
            try await PoolHarness.with { pool in
                await pool.box(2).stopListening()
                await pool.monitor.check("gpus")
                #expect(await pool.monitor.status(of: "box2").state == .down)
                #expect(await pool.monitor.status(of: "gpus").state == .healthy)
                #expect(await pool.monitor.status(of: "gpus").reason?.contains("box2:") == true)
                #expect(await pool.ask("gpus:llama3").answeredBy == "box3")
                // box2 comes back as box3 goes: box2 answers, with no hop on the way.
                try await pool.box(2).resumeListening()
                await pool.box(3).stopListening()
                await pool.monitor.check("gpus")
                #expect(await pool.monitor.status(of: "box2").state == .healthy)
                let run = await pool.ask("gpus:llama3")
                #expect(run.answeredBy == "box2")
                #expect(run.fallbacks.isEmpty)
            }
        }

        @Test func aPoolListsItsMembersModelsTogether() async throws {
            try await PoolHarness.with { pool in
                await pool.monitor.check("gpus")
                let models = await pool.monitor.models(of: "gpus")?.map(\.name)
                #expect(models == ["llama2:latest", "llama3:latest"])
                #expect(await pool.monitor.status(of: "gpus").modelCount == 2)
            }
        }

        @Test func noMemberWithTheModelSaysWhyForEachMember() async throws {
            try await PoolHarness.with(pool: "gpus=box1,box2,box3") { pool in
                await pool.monitor.check("gpus")
                let run = await pool.ask("gpus:mistral")
                let reason = run.fallbacks.first?.reason ?? ""
                #expect(reason.contains("no member of gpus can answer mistral"))
                #expect(reason.contains("box1: has no mistral; box2: has no mistral; box3: has no mistral"))
                #expect(run.fallbacks.first?.from.description == "gpus:mistral")
            }
        }

        @Test func aMembersKeyGoesToThatMemberAlone() async throws {
            try await PoolHarness.with(environment: ["BOX2_API_KEY": "box2-proxy-key-0123456789"]) { pool in
                await pool.monitor.check("gpus")
                _ = await pool.ask("gpus:llama3")
                _ = await pool.ask("gpus:llama2")
                #expect(await pool.box(2).requestCounts["with Authorization", default: 0] >= 2)
                #expect(await pool.box(1).requestCounts["with Authorization"] == nil)
                #expect(await pool.box(3).requestCounts["with Authorization"] == nil)
            }
        }
    }
}
