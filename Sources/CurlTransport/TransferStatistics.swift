import ChatCore
import Synchronization

/// Figures about a client's transfers that tests and benchmarks read.
final class TransferStatistics: Sendable {
    let peakBuffered = Atomic<Int>(0)

    private struct Pauses {
        var count = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let pauses = Locked(Pauses())

    func recordBuffered(_ bytes: Int) {
        var current = peakBuffered.load(ordering: .relaxed)
        while bytes > current {
            let (exchanged, original) = peakBuffered.compareExchange(expected: current, desired: bytes, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// A transfer was paused: its consumer had too much unread.
    func recordPause() {
        let waiters = pauses.withLock { pauses in
            pauses.count += 1
            defer { pauses.waiters = [] }
            return pauses.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once some transfer has been paused (at once if one has been).
    func waitForPause() async {
        await withCheckedContinuation { continuation in
            let paused = pauses.withLock { pauses in
                if pauses.count > 0 { return true }
                pauses.waiters.append(continuation)
                return false
            }
            if paused { continuation.resume() }
        }
    }
}
