import ChatCore

/// Tasks the runtime started and may have to cancel, each dropped from here the moment it
/// finishes: a task kept after its end would hold its captures for the life of the process
/// (every `/health` did).
final class RunningTasks: Sendable {
    private struct Contents {
        var tasks: [Int: Task<Void, Never>] = [:]
        var nextKey = 0
    }

    private let contents = Locked(Contents())
    /// Called when a task has ended and been dropped: what watches `count` looks again.
    private let ended: @Sendable () -> Void

    init(ended: @escaping @Sendable () -> Void = {}) {
        self.ended = ended
    }

    /// Starts `body` under `key` (a chat's request number), or under a key of its own.
    func start(key: Int? = nil, on executor: (any TaskExecutor)? = nil, _ body: @escaping @Sendable () async -> Void) {
        contents.withLock { contents in
            let key = key ?? {
                contents.nextKey -= 1
                return contents.nextKey
            }()
            // Inserted under the lock the task takes to remove itself, so a task that ends at
            // once is still removed.
            contents.tasks[key] = Task(executorPreference: executor) { [weak self] in
                await body()
                guard let self else { return }
                self.contents.withLock { _ = $0.tasks.removeValue(forKey: key) }
                self.ended()
            }
        }
    }

    func cancel(key: Int) {
        contents.withLock { $0.tasks.removeValue(forKey: key) }?.cancel()
    }

    func cancelAll() {
        let tasks = contents.withLock { contents in
            defer { contents.tasks = [:] }
            return contents.tasks.values
        }
        for task in tasks { task.cancel() }
    }

    /// Tasks started and not yet finished.
    var count: Int { contents.withLock { $0.tasks.count } }
}
