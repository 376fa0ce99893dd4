import ChatCore
import Clocks
import Foundation
import Providers
import Testing

/// A provider whose health check never answers, as a server that accepts and then hangs:
/// until its task is cancelled.
private struct HangingProvider: ChatProvider {
    let id: ProviderID = "hanging"
    let kind = ProviderKind.ollama
    let baseURL = "http://192.0.2.1:11434"
    let defaultModel = "m"
    let configuration = ProviderConfiguration()
    let unavailability: HealthStatus? = nil

    func listModels() async throws -> [ModelInfo] { [] }
    func streamChat(_ request: ChatRequest) async throws -> ChatStream {
        throw ProviderError(.connectionFailed, "unused")
    }
    func checkHealth() async -> HealthReport {
        let (never, continuation) = AsyncStream<Never>.makeStream()
        defer { continuation.finish() }
        for await _ in never {}
        return HealthReport(status: HealthStatus(state: .healthy))
    }
}

@Suite(.timeLimit(.minutes(2))) struct HealthMonitorTests {
    @Test func hungCheckIsCutOffAsDown() async {
        // The cut-off waits on this clock, which lets every wait end at once.
        let monitor = HealthMonitor(providers: [HangingProvider()], checkTimeout: .seconds(15), clock: ImmediateClock())
        let status = await monitor.check("hanging")
        #expect(status.state == .down)
        #expect(status.reason == "the health check got no answer within 15 s")
    }

    @Test func aProviderStaysSkippedForAsLongAsItsLatestFailureSaysDown() async {
        let clock = Locked(Date(timeIntervalSince1970: 1_000_000))
        let monitor = HealthMonitor(providers: [HangingProvider()], now: { clock.withLock { $0 } })
        let refused = ProviderError(.connectionFailed, "cannot connect")
        await monitor.recordChatFailure(refused, for: "hanging")
        #expect(await monitor.skipReason(for: "hanging") != nil)
        // Still failing 25 s later: the outage began 40 s ago, longer than the 30 s cool-down,
        // but the latest attempt found it down only 15 s ago.
        clock.withLock { $0 += 25 }
        await monitor.recordChatFailure(refused, for: "hanging")
        clock.withLock { $0 += 15 }
        #expect(await monitor.skipReason(for: "hanging") != nil)
        // A cool-down after the latest failure, it is tried again.
        clock.withLock { $0 += 16 }
        #expect(await monitor.skipReason(for: "hanging") == nil)
    }

    @Test func chatFailuresFeedTheStatus() async {
        let monitor = HealthMonitor(providers: [HangingProvider()])
        await monitor.recordChatFailure(ProviderError(.timedOut, "slow"), for: "hanging")
        #expect(await monitor.status(of: "hanging").state == .degraded)
        await monitor.recordChatFailure(ProviderError(.modelNotFound, "no such model"), for: "hanging")
        #expect(await monitor.status(of: "hanging").state == .degraded)
        await monitor.recordChatFailure(ProviderError(.connectionFailed, "refused"), for: "hanging")
        let down = await monitor.status(of: "hanging")
        #expect(down.state == .down)
        #expect(await monitor.skipReason(for: "hanging")?.contains("refused") == true)
        await monitor.recordChatSuccess(for: "hanging")
        #expect(await monitor.status(of: "hanging").state == .healthy)
        #expect(await monitor.skipReason(for: "hanging") == nil)
    }

    @Test func updatesReachSubscribersAsTheyLand() async {
        let monitor = HealthMonitor(providers: [HangingProvider()])
        let updates = await monitor.updates()
        await monitor.recordChatFailure(ProviderError(.connectionFailed, "refused"), for: "hanging")
        var iterator = updates.makeAsyncIterator()
        let update = await iterator.next()
        #expect(update?.provider == "hanging")
        #expect(update?.previous == .unknown)
        #expect(update?.status.state == .down)
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesWithJitterAndIsCapped() throws {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(500), longestRetryAfter: .seconds(10))
        for retry in 1...6 {
            let delay = try #require(policy.delay(beforeRetry: retry, retryAfterSeconds: nil))
            let expected = min(0.1 * pow(2, Double(retry - 1)), 0.5)
            #expect(delay.inSeconds >= expected * 0.5 - 1e-9 && delay.inSeconds <= expected * 1.5 + 1e-9, "retry \(retry): \(delay)")
        }
    }

    @Test func retryAfterIsHonouredOnlyWhenShort() {
        let policy = RetryPolicy(longestRetryAfter: .seconds(10))
        #expect(policy.delay(beforeRetry: 1, retryAfterSeconds: 3) == .seconds(3))
        #expect(policy.delay(beforeRetry: 1, retryAfterSeconds: 60) == nil)
    }

    @Test(arguments: [
        (ProviderError.Kind.serverError, true, true), (.rateLimited, true, true), (.connectionLost, true, true),
        (.connectionFailed, false, true), (.timedOut, false, true), (.unauthorized, false, true),
        (.modelNotFound, false, true), (.badRequest, false, false), (.cancelled, false, false),
    ])
    func whichFailuresRetryAndWhichFallBack(kind: ProviderError.Kind, retries: Bool, fallsBack: Bool) {
        let error = ProviderError(kind, "x")
        #expect(RetryPolicy.isRetryable(error) == retries)
        #expect(RetryPolicy.allowsFallback(error) == fallsBack)
    }
}

@Suite struct ProviderRegistryTests {
    @Test func registeredProvidersGoBeforeTheDemoAndTheDefaultCanChange() throws {
        let registry = ProviderRegistry(providers: [DemoProvider()], preference: .auto)
        #expect(registry.defaultProvider == .demo)
        registry.register(HangingProvider())
        #expect(registry.ids == ["hanging", .demo])
        try registry.setDefault("hanging")
        #expect(registry.fallbackOrder.map(\.id) == ["hanging", .demo])
        #expect(throws: ProviderError.self) { try registry.setDefault("nowhere") }
    }
}
