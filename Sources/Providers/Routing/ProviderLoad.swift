import ChatCore

/// The answers streaming from each provider now, held against each one's `*_MAX_CONCURRENT`.
/// The router takes a place before it asks a provider and gives it back when the answer ends;
/// a request that finds every provider it could use full waits, first come first served, for
/// the first of them to free a place.
public final class ProviderLoad: Sendable {
    private struct Waiter {
        var id: UInt64
        /// The providers it would take, with their limits.
        var candidates: [(provider: ProviderID, limit: Int?)]
        var continuation: CheckedContinuation<ProviderID?, Never>
    }

    private struct State {
        var inFlight: [ProviderID: Int] = [:]
        var waiters: [Waiter] = []
        var nextWaiter: UInt64 = 0
        /// Waiters whose task was cancelled before they were queued.
        var cancelled: Set<UInt64> = []
    }

    private let state = Locked(State())

    public init() {}

    /// Answers streaming from `provider` now.
    public func inFlight(_ provider: ProviderID) -> Int {
        state.withLock { $0.inFlight[provider, default: 0] }
    }

    /// Requests waiting in line for a place.
    public var waiting: Int {
        state.withLock { $0.waiters.count }
    }

    /// A place on `provider`, or nil when it has `limit` answers in flight (or requests queue
    /// for it already: they come first).
    public func tryTake(_ provider: ProviderID, limit: Int?) -> Place? {
        let taken = state.withLock { state -> Bool in
            let queuedFor = state.waiters.contains { $0.candidates.contains { $0.provider == provider } }
            guard !queuedFor, Self.hasRoom(state.inFlight[provider, default: 0], limit) else { return false }
            state.inFlight[provider, default: 0] += 1
            return true
        }
        return taken ? Place(provider: provider, load: self) : nil
    }

    /// A place on the first of `candidates` to have one, waiting in line when none has.
    /// Throws `CancellationError` when the task is cancelled while it waits.
    public func take(anyOf candidates: [(provider: ProviderID, limit: Int?)]) async throws -> Place {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        let provider = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ProviderID?, Never>) in
                let now: ProviderID?? = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return .some(nil) }
                    if let free = candidates.first(where: { candidate in
                        Self.hasRoom(state.inFlight[candidate.provider, default: 0], candidate.limit)
                            && !state.waiters.contains { $0.candidates.contains { $0.provider == candidate.provider } }
                    }) {
                        state.inFlight[free.provider, default: 0] += 1
                        return .some(free.provider)
                    }
                    state.waiters.append(Waiter(id: id, candidates: candidates, continuation: continuation))
                    return .none
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: nil)
        }
        state.withLock { _ = $0.cancelled.remove(id) }
        guard let provider else { throw CancellationError() }
        return Place(provider: provider, load: self)
    }

    /// Gives a place back: the first waiter that can use it takes it over.
    fileprivate func release(_ provider: ProviderID) {
        let handed = state.withLock { state -> Waiter? in
            state.inFlight[provider, default: 1] -= 1
            guard let index = state.waiters.firstIndex(where: { waiter in
                waiter.candidates.contains { $0.provider == provider && Self.hasRoom(state.inFlight[provider, default: 0], $0.limit) }
            }) else { return nil }
            state.inFlight[provider, default: 0] += 1
            return state.waiters.remove(at: index)
        }
        handed?.continuation.resume(returning: provider)
    }

    private static func hasRoom(_ inFlight: Int, _ limit: Int?) -> Bool {
        limit.map { inFlight < $0 } ?? true
    }

    /// One answer's place on a provider, given back once: by `release()`, or when the last
    /// reference to it goes (a chat task cancelled mid-answer).
    public final class Place: Sendable {
        public let provider: ProviderID
        private let load: ProviderLoad
        private let released = Locked(false)

        fileprivate init(provider: ProviderID, load: ProviderLoad) {
            self.provider = provider
            self.load = load
        }

        public func release() {
            let first = released.withLock { released in
                defer { released = true }
                return !released
            }
            if first { load.release(provider) }
        }

        deinit { release() }
    }
}
