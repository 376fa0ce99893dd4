import Dispatch
import ChatCore

/// Where effects, timers, signals and the input watcher post messages for the runtime's
/// thread, which waits here and takes them all at once.
final class MessageQueue: Sendable {
    private struct Contents {
        var messages: [Msg] = []
        var inputWaiting = false
    }

    private let contents = Locked(Contents())
    private let wakeUp = DispatchSemaphore(value: 0)

    /// Wakes the runtime only for the first message after it emptied the queue: a burst of
    /// tokens costs one wake-up, not one per token.
    func post(_ message: Msg) {
        let wasIdle = contents.withLock { contents in
            defer { contents.messages.append(message) }
            return contents.messages.isEmpty && !contents.inputWaiting
        }
        if wasIdle { wakeUp.signal() }
    }

    /// The input watcher saw bytes on the terminal.
    func postInputWaiting() {
        let wasIdle = contents.withLock { contents in
            defer { contents.inputWaiting = true }
            return contents.messages.isEmpty && !contents.inputWaiting
        }
        if wasIdle { wakeUp.signal() }
    }

    /// Waits until something is posted or `timeout` passes, then takes everything.
    func take(waitingUpTo timeout: Duration) -> (messages: [Msg], inputWaiting: Bool) {
        let pending = contents.withLock { !$0.messages.isEmpty || $0.inputWaiting }
        if !pending {
            let nanoseconds = max(0, timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
            _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
        }
        return contents.withLock { contents in
            defer {
                contents.messages.removeAll(keepingCapacity: true)
                contents.inputWaiting = false
            }
            return (contents.messages, contents.inputWaiting)
        }
    }
}
