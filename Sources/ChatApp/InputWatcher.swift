import ChatCore
import Foundation
import Synchronization

/// A thread that waits for bytes on the terminal, or for a resize, and tells the runtime,
/// which then reads them itself (curses is not thread-safe). It waits again only after the
/// runtime has read. It waits without a timeout: `stop` wakes it through a pipe of its own.
final class InputWatcher: Sendable {
    private let descriptor: Int32
    private let resizeDescriptor: Int32
    private let queue: MessageQueue
    private let readDone = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    /// Written once by `stop`; polled beside the terminal.
    private let stopPipe: (read: Int32, write: Int32)

    init(descriptor: Int32, resizeDescriptor: Int32, queue: MessageQueue) {
        self.descriptor = descriptor
        self.resizeDescriptor = resizeDescriptor
        self.queue = queue
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) != 0 { ends = [-1, -1] }
        stopPipe = (ends[0], ends[1])
    }

    deinit {
        // The thread holds this object while it runs: it has ended.
        close(stopPipe.read)
        close(stopPipe.write)
    }

    /// Whether there is a terminal to watch: without one, the runtime reads its backend on
    /// every pass.
    var isWatching: Bool { descriptor >= 0 }

    func start() {
        guard isWatching else { return }
        NamedThread.start("parley-input") { [self] in watch() }
    }

    /// The runtime has read what was waiting.
    func didRead() {
        readDone.signal()
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        readDone.signal()
    }

    private func watch() {
        var descriptors = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
            // A negative descriptor is left out by poll.
            pollfd(fd: resizeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        // Without a stop pipe, a bounded wait is how `stop` is noticed.
        let timeout: Int32 = stopPipe.read >= 0 ? -1 : 200
        while !stopped.load(ordering: .relaxed) {
            for index in descriptors.indices { descriptors[index].revents = 0 }
            guard poll(&descriptors, nfds_t(descriptors.count), timeout) > 0 else { continue }
            if stopped.load(ordering: .relaxed) { return }
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                queue.post(.terminate)
                return
            }
            if descriptors[2].revents & Int16(POLLIN) != 0 { drain(resizeDescriptor) }
            guard descriptors[0].revents & Int16(POLLIN) != 0 || descriptors[2].revents & Int16(POLLIN) != 0 else { continue }
            queue.postInputWaiting()
            readDone.wait()
        }
    }

    /// Empties the (non-blocking) resize pipe: one wake-up for any number of signals.
    private func drain(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &buffer, buffer.count) > 0 {}
    }
}
