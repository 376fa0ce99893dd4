import ChatCore
import Providers
import Synchronization
import Testing

/// A body that never ends, counting what was read of it and whether it was stopped.
private final class EndlessBody: HTTPBodySource {
    let reads = Mutex(0)
    let cancelled = Mutex(false)

    func next() async throws -> [UInt8]? {
        guard !cancelled.withLock({ $0 }) else { return nil }
        reads.withLock { $0 += 1 }
        return [UInt8](repeating: 0x61, count: 1024 * 1024)
    }

    func cancel() {
        cancelled.withLock { $0 = true }
    }
}

@Suite struct HTTPBodyTests {
    @Test func anErrorBodyIsReadOnlyUpToItsCapAndTheRestIsNeverFetched() async throws {
        let source = EndlessBody()
        let bytes = try await HTTPBody(source: source).prefix(upTo: HTTPStatusError.longestBody)
        #expect(bytes.count == HTTPStatusError.longestBody)
        #expect(source.reads.withLock { $0 } == 1)
        #expect(source.cancelled.withLock { $0 })
    }
}
