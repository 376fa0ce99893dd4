import Foundation
import Synchronization

/// A thread that waits for bytes on the terminal and tells the runtime, which then reads
/// them itself (curses is not thread-safe). It waits again only after the runtime has read.
final class InputWatcher: Sendable {
    private let descriptor: Int32
    private let queue: MessageQueue
    private let readDone = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)

    init(descriptor: Int32, queue: MessageQueue) {
        self.descriptor = descriptor
        self.queue = queue
    }

    func start() {
        guard descriptor >= 0 else { return }
        let thread = Thread { [self] in watch() }
        thread.name = "parley-input"
        thread.start()
    }

    /// The runtime has read what was waiting.
    func didRead() {
        readDone.signal()
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        readDone.signal()
    }

    private func watch() {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        while !stopped.load(ordering: .relaxed) {
            descriptors[0].revents = 0
            // A bounded wait, so that `stop` is noticed.
            let ready = poll(&descriptors, 1, 200)
            guard ready > 0 else { continue }
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                queue.post(.terminate)
                return
            }
            queue.postInputWaiting()
            readDone.wait()
        }
    }
}
