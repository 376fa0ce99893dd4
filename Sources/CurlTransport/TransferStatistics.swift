import Synchronization

/// Figures about a client's transfers that tests and benchmarks read.
final class TransferStatistics: Sendable {
    let peakBuffered = Atomic<Int>(0)

    func recordBuffered(_ bytes: Int) {
        var current = peakBuffered.load(ordering: .relaxed)
        while bytes > current {
            let (exchanged, original) = peakBuffered.compareExchange(expected: current, desired: bytes, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }
}
