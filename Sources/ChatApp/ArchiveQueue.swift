import ChatCore
import Dispatch
import Foundation

/// The archive's calls, made one at a time off the UI loop, in the order they were asked
/// for: a save that waits for a lock or a slow disk never holds up typing or streaming, and
/// saves reach the disk in order. A save that fails is retried with backoff until it
/// succeeds; saves of the same conversation asked for meanwhile are merged into it, so
/// nothing is dropped and the queue stays small. Results come back as messages.
final class ArchiveQueue: Sendable {
    /// One thing to do with the archive.
    enum Job: Sendable {
        case save(ArchiveSave)
        /// A read, export or delete; its result (or failure) is posted once, never retried.
        case call(@Sendable (any ConversationArchive) throws -> Msg)
    }

    /// How saves are retried, and after how long failing the user hears of it.
    struct Retry: Sendable {
        var firstDelay: Duration = .milliseconds(250)
        var maxDelay: Duration = .seconds(5)
        var noticeAfter: Duration = .seconds(5)
    }

    private struct Contents {
        var jobs: [Job] = []
        var running = false
    }

    private let contents = Locked(Contents())
    private let wake: AsyncStream<Void>.Continuation
    private let idle = DispatchSemaphore(value: 0)
    private let worker: Task<Void, Never>

    init(archive: any ConversationArchive, clock: any Clock<Duration>, retry: Retry = Retry(), post: @escaping @Sendable (Msg) -> Void) {
        let (wakeUps, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        let contents = self.contents
        let idle = self.idle
        // SQLite blocks while it waits for a lock: on a thread of its own, not one of the
        // few that run every task.
        let io = ArchiveThread()
        worker = Task {
            for await _ in wakeUps {
                while let job = contents.withLock({ contents -> Job? in
                    guard !contents.jobs.isEmpty else {
                        contents.running = false
                        return nil
                    }
                    contents.running = true
                    return contents.jobs.removeFirst()
                }) {
                    switch job {
                    case .save(let save):
                        await Self.saveUntilDone(save, archive: archive, io: io, clock: clock, retry: retry, contents: contents, post: post)
                    case .call(let call):
                        do {
                            post(try await io.run { try call(archive) })
                        } catch {
                            post(.notice("The conversation store failed: \(error)", failed: true))
                        }
                    }
                }
                idle.signal()
            }
        }
    }

    deinit {
        wake.finish()
        worker.cancel()
    }

    func enqueue(_ job: Job) {
        contents.withLock { contents in
            if case .save(let next) = job, case .save(let last)? = contents.jobs.last,
               last.header.id == next.header.id {
                contents.jobs[contents.jobs.count - 1] = .save(last.merged(with: next))
            } else {
                contents.jobs.append(job)
            }
        }
        wake.yield()
    }

    /// Waits (blocking the caller) until every job asked for so far is done, at most
    /// `timeout`; false when some are still waiting (a save that keeps failing).
    func waitUntilDone(timeout: Duration) -> Bool {
        let deadline = DispatchTime.now() + .nanoseconds(timeout.wholeNanoseconds)
        while contents.withLock({ !$0.jobs.isEmpty || $0.running }) {
            // The worker signals each time it runs dry; a signal left over from an earlier
            // drain only makes this look again.
            guard idle.wait(timeout: deadline) == .success else { return false }
        }
        return true
    }

    private static func saveUntilDone(
        _ first: ArchiveSave, archive: any ConversationArchive, io: ArchiveThread, clock: any Clock<Duration>, retry: Retry,
        contents: Locked<Contents>, post: @Sendable (Msg) -> Void
    ) async {
        var save = first
        var delay = retry.firstDelay
        var failingFor = Duration.zero
        var told = false
        while true {
            do {
                let attempt = save
                try await io.run { try archive.save(attempt.header, entries: attempt.entries, removing: attempt.removed) }
                if told { post(.saveTrouble(nil)) }
                return
            } catch {
                if failingFor >= retry.noticeAfter, !told {
                    told = true
                    post(.saveTrouble("\(error)"))
                }
                // Whatever was asked for meanwhile of the same conversation goes in the retry.
                save = contents.withLock { contents in
                    var merged = save
                    while case .save(let next)? = contents.jobs.first, next.header.id == merged.header.id {
                        merged = merged.merged(with: next)
                        contents.jobs.removeFirst()
                    }
                    return merged
                }
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    return
                }
                failingFor += delay
                delay = min(delay * 2, retry.maxDelay)
            }
        }
    }
}
