import Dispatch
import ChatCore

/// Where effects, timers, signals and the input watcher post messages for the runtime, which
/// waits here (blocking its thread, or suspended in a test) and takes them all at once.
final class MessageQueue: Sendable {
    private struct Contents {
        var messages: [Msg] = []
        var inputWaiting = false
        /// The runtime, suspended until something is posted.
        var waiter: CheckedContinuation<Void, Never>?
        /// `wake` came while nobody waited: the next wait returns at once.
        var woken = false

        var isPending: Bool { !messages.isEmpty || inputWaiting }

        mutating func takeWaiter() -> CheckedContinuation<Void, Never>? {
            defer { waiter = nil }
            return waiter
        }
    }

    private let contents = Locked(Contents())
    private let wakeUp = DispatchSemaphore(value: 0)

    /// Wakes the runtime only for the first message after it emptied the queue: a burst of
    /// tokens costs one wake-up, not one per token.
    func post(_ message: Msg) {
        post(contentsOf: [message])
    }

    /// Posts `messages` in order (a batch of streamed events), with one wake-up at most.
    func post(contentsOf messages: [Msg]) {
        guard !messages.isEmpty else { return }
        let (wasIdle, waiter) = contents.withLock { contents in
            defer { contents.messages += messages }
            return (!contents.isPending, contents.takeWaiter())
        }
        waiter?.resume()
        if wasIdle { wakeUp.signal() }
    }

    /// The input watcher saw bytes on the terminal.
    func postInputWaiting() {
        let (wasIdle, waiter) = contents.withLock { contents in
            defer { contents.inputWaiting = true }
            return (!contents.isPending, contents.takeWaiter())
        }
        waiter?.resume()
        if wasIdle { wakeUp.signal() }
    }

    /// Waits until something is posted or `timeout` passes (with no timeout, until something
    /// is posted), then takes everything.
    func take(waitingUpTo timeout: Duration?) -> (messages: [Msg], inputWaiting: Bool) {
        if !contents.withLock({ $0.isPending }) {
            if let timeout {
                _ = wakeUp.wait(timeout: .now() + .nanoseconds(timeout.wholeNanoseconds))
            } else {
                wakeUp.wait()
            }
        }
        return takeAll()
    }

    /// Everything posted so far, without waiting.
    func takeAll() -> (messages: [Msg], inputWaiting: Bool) {
        contents.withLock { contents in
            defer {
                contents.messages.removeAll(keepingCapacity: true)
                contents.inputWaiting = false
            }
            return (contents.messages, contents.inputWaiting)
        }
    }

    /// Suspends until something is posted (returns at once if something is waiting), `wake` is
    /// called, or the task is cancelled.
    func waitForPost() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = contents.withLock { contents in
                    if contents.isPending || contents.woken || Task.isCancelled {
                        contents.woken = false
                        return true
                    }
                    contents.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            wake()
        }
    }

    /// Ends a `waitForPost` without a message (a frame or a tick is due).
    func wake() {
        let waiter = contents.withLock { contents in
            let waiter = contents.takeWaiter()
            if waiter == nil { contents.woken = true }
            return waiter
        }
        waiter?.resume()
    }
}
