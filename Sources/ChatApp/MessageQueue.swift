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
        /// The runtime has been signalled since it last took: later posts need not signal.
        var signalled = false
        /// The runtime's last `take` had a frame due: streamed text can wait for it too.
        var textWaitsForFrame = false

        var isPending: Bool { !messages.isEmpty || inputWaiting }

        /// Whether a post must wake the runtime's thread, and marks it woken.
        mutating func needsSignal(forTextOnly textOnly: Bool) -> Bool {
            guard !signalled, !(textOnly && textWaitsForFrame) else { return false }
            signalled = true
            return true
        }

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

    /// Posts `messages` in order (a batch of streamed events), with one wake-up at most, and
    /// none for streamed text while the runtime sleeps until a frame that will show it: at 50
    /// tokens a second that halves the times its thread is woken.
    func post(contentsOf messages: [Msg]) {
        guard !messages.isEmpty else { return }
        let textOnly = messages.allSatisfy(\.isStreamedText)
        let (signal, waiter) = contents.withLock { contents in
            defer { contents.messages += messages }
            return (contents.needsSignal(forTextOnly: textOnly), contents.takeWaiter())
        }
        waiter?.resume()
        if signal { wakeUp.signal() }
    }

    /// The input watcher saw bytes on the terminal.
    func postInputWaiting() {
        let (signal, waiter) = contents.withLock { contents in
            defer { contents.inputWaiting = true }
            return (contents.needsSignal(forTextOnly: false), contents.takeWaiter())
        }
        waiter?.resume()
        if signal { wakeUp.signal() }
    }

    /// Waits until something is posted or `timeout` passes (with no timeout, until something
    /// is posted), then takes everything. `textWaitsForFrame`: the timeout is a frame's, so
    /// streamed text posted meanwhile does not end the wait early.
    func take(waitingUpTo timeout: Duration?, textWaitsForFrame: Bool = false) -> (messages: [Msg], inputWaiting: Bool) {
        let pending = contents.withLock { contents in
            contents.textWaitsForFrame = textWaitsForFrame && timeout != nil
            return contents.isPending
        }
        if !pending {
            if let timeout {
                _ = wakeUp.wait(timeout: .now() + .nanoseconds(timeout.wholeNanoseconds))
            } else {
                wakeUp.wait()
            }
        }
        return takeAll()
    }

    /// Whether the runtime's thread has been woken since it last took what was posted.
    var isSignalled: Bool { contents.withLock(\.signalled) }

    /// Everything posted so far, without waiting.
    func takeAll() -> (messages: [Msg], inputWaiting: Bool) {
        contents.withLock { contents in
            defer {
                contents.messages.removeAll(keepingCapacity: true)
                contents.inputWaiting = false
                contents.signalled = false
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
