import ChatCore
import Providers
import Testing

@Suite(.timeLimit(.minutes(1))) struct ProviderLoadTests {
    @Test func placesAreTakenUpToTheLimitAndGivenBack() {
        let load = ProviderLoad()
        let first = load.tryTake("box", limit: 2)
        let second = load.tryTake("box", limit: 2)
        #expect(first != nil && second != nil)
        #expect(load.tryTake("box", limit: 2) == nil)
        #expect(load.inFlight("box") == 2)
        first?.release()
        first?.release()
        #expect(load.inFlight("box") == 1)
        #expect(load.tryTake("other", limit: nil) != nil)
    }

    @Test func aPlaceNoOneHoldsIsGivenBack() {
        let load = ProviderLoad()
        do { _ = load.tryTake("box", limit: 1) }
        #expect(load.inFlight("box") == 0)
    }

    @Test func waitersGetFreedPlacesFirstComeFirstServed() async throws {
        let load = ProviderLoad()
        let held = try #require(load.tryTake("box", limit: 1))
        let (order, record) = AsyncStream.makeStream(of: Int.self)
        let first = Task {
            let place = try await load.take(anyOf: [("box", 1)])
            record.yield(1)
            return place
        }
        while load.waiting == 0 { await Task.yield() }
        let second = Task {
            let place = try await load.take(anyOf: [("box", 1)])
            record.yield(2)
            place.release()
        }
        while load.waiting < 2 { await Task.yield() }
        // A newcomer does not jump the line.
        #expect(load.tryTake("box", limit: 1) == nil)
        held.release()
        var seen = order.makeAsyncIterator()
        #expect(await seen.next() == 1)
        try await first.value.release()
        #expect(await seen.next() == 2)
        try await second.value
        #expect(load.inFlight("box") == 0)
    }

    @Test func aWaiterTakesWhicheverCandidateFreesFirst() async throws {
        let load = ProviderLoad()
        let a = try #require(load.tryTake("a", limit: 1))
        let b = try #require(load.tryTake("b", limit: 1))
        let waiter = Task { try await load.take(anyOf: [("a", 1), ("b", 1)]) }
        while load.waiting == 0 { await Task.yield() }
        b.release()
        let place = try await waiter.value
        #expect(place.provider == "b")
        a.release()
        place.release()
    }

    @Test func aCancelledWaiterLeavesTheLine() async throws {
        let load = ProviderLoad()
        let held = try #require(load.tryTake("box", limit: 1))
        let waiter = Task { try await load.take(anyOf: [("box", 1)]) }
        while load.waiting == 0 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(load.waiting == 0)
        held.release()
        #expect(load.inFlight("box") == 0)
    }
}
