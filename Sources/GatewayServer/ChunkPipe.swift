import ChatCore

/// Bytes handed from the task that reads an answer to the one that writes the response:
/// whatever piled up while the last write went out is written next as one, so a fast stream
/// costs a write per batch, not per token, and a slow one still sends each token as it comes.
/// A client slower than the provider makes the reader wait once `limit` bytes are waiting,
/// which pauses the upstream transfer instead of growing without end.
final class ChunkPipe: Sendable {
    static let limit = 256 * 1024

    private struct State {
        var bytes: [UInt8] = []
        var finished = false
        /// The writer, waiting for bytes.
        var taker: CheckedContinuation<Void, Never>?
        /// The reader, waiting for room.
        var giver: CheckedContinuation<Void, Never>?
    }

    private let state = Locked(State())

    /// Adds `bytes`; waits while `limit` bytes wait for the client, unless cancelled.
    func give(_ bytes: [UInt8]) async {
        let (taker, full) = state.withLock { state in
            state.bytes += bytes
            defer { state.taker = nil }
            return (state.taker, state.bytes.count > Self.limit)
        }
        taker?.resume()
        guard full else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let goOn = state.withLock { state in
                    guard state.bytes.count > Self.limit, !state.finished, !Task.isCancelled else { return true }
                    state.giver = continuation
                    return false
                }
                if goOn { continuation.resume() }
            }
        } onCancel: {
            state.withLock { state in
                defer { state.giver = nil }
                return state.giver
            }?.resume()
        }
    }

    /// No more bytes will come.
    func finish() {
        let waiting = state.withLock { state in
            state.finished = true
            defer { state.taker = nil; state.giver = nil }
            return (state.taker, state.giver)
        }
        waiting.0?.resume()
        waiting.1?.resume()
    }

    /// Everything given since the last take, waiting until there is some; nil once finished
    /// and taken, or when the task is cancelled.
    func take() async -> [UInt8]? {
        while true {
            let (bytes, giver, done): ([UInt8], CheckedContinuation<Void, Never>?, Bool) = state.withLock { state in
                guard !state.bytes.isEmpty else { return ([], nil, state.finished) }
                defer {
                    state.bytes = []
                    state.giver = nil
                }
                return (state.bytes, state.giver, false)
            }
            giver?.resume()
            if !bytes.isEmpty { return bytes }
            if done || Task.isCancelled { return nil }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let goOn = state.withLock { state in
                        guard state.bytes.isEmpty, !state.finished, !Task.isCancelled else { return true }
                        state.taker = continuation
                        return false
                    }
                    if goOn { continuation.resume() }
                }
            } onCancel: {
                state.withLock { state in
                    defer { state.taker = nil }
                    return state.taker
                }?.resume()
            }
        }
    }
}
