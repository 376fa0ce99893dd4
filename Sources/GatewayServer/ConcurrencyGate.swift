import ChatCore

/// Counts the chats being answered, to turn away those past the limit instead of queueing
/// them without end.
final class ConcurrencyGate: Sendable {
    private let limit: Int
    private let running = Locked(0)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a place; false when all are taken. Every true is followed by `leave`.
    func enter() -> Bool {
        running.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() {
        running.withLock { $0 = max(0, $0 - 1) }
    }
}
