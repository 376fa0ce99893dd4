import Dispatch

/// A serial queue for the archive's blocking calls, awaited from the queue's task.
struct ArchiveThread: Sendable {
    private let queue = DispatchQueue(label: "parley.archive")

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
