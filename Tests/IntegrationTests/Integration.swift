import Testing

/// Parent of every integration suite. Serialized: the simulator and the code under test
/// share two cores, and the time-out checks must not race each other's load.
@Suite(.serialized, .timeLimit(.minutes(5))) enum Integration {}

extension Integration {
    /// `body` on `harness`, then `tearDown`, whether `body` threw or not.
    static func run<Harness, T>(
        _ body: (Harness) async throws -> T, on harness: Harness, tearDown: (Harness) async -> Void
    ) async throws -> T {
        do {
            let result = try await body(harness)
            await tearDown(harness)
            return result
        } catch {
            await tearDown(harness)
            throw error
        }
    }
}
