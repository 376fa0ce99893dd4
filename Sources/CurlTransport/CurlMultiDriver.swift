import CCurl
import ChatCore
import Foundation
import Providers
import Synchronization

/// Runs every transfer of one client on a single libcurl multi handle, from one thread.
/// Other threads never call libcurl on a live transfer: they queue a command and wake the
/// thread up, which then adds, resumes or aborts transfers between two polls.
///
/// It is also an executor for the tasks that read its transfers: their jobs run on the same
/// thread between two polls, so a chunk that arrives resumes its reader where it arrived,
/// without waking another thread for every read.
final class CurlMultiDriver: TaskExecutor, Sendable {
    private enum Command {
        case add(CurlTransfer)
        case resume(CurlTransfer)
        case cancel(CurlTransfer)
    }

    private struct Shared {
        var commands: [Command] = []
        /// Jobs of tasks that prefer this executor, run by the driver thread in order.
        var jobs: [UnownedJob] = []
        var stopping = false
        /// Set when the driver thread has ended: jobs then run on dispatch's threads.
        var ended = false
        var activeCount = 0
        /// Callers of `waitUntilIdle`, resumed when the last transfer finishes.
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The multi handle: created in `init`, then used by the driver thread alone, except for
    /// `curl_multi_wakeup`, which libcurl documents as callable from any thread.
    nonisolated(unsafe) private let multi: UnsafeMutableRawPointer
    private let shared = Locked(Shared())
    private let stopped = Locked<CheckedContinuation<Void, Never>?>(nil)
    private let finishedStopping = Locked(false)
    /// The driver thread, once it runs: a job enqueued from it needs no wake-up.
    private let driverThread = Atomic<UInt>(0)

    init() {
        CurlGlobal.initializeOnce()
        multi = curl_multi_init()!
        NamedThread.start("parley-curl") { [self] in self.run() }
    }

    /// Transfers added and not yet finished.
    var activeTransferCount: Int {
        shared.withLock { $0.activeCount }
    }

    /// Returns once no transfer is live (at once if none is).
    func waitUntilIdle() async {
        await withCheckedContinuation { continuation in
            let idle = shared.withLock { shared in
                if shared.activeCount == 0 { return true }
                shared.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    func add(_ transfer: CurlTransfer) {
        post(.add(transfer))
    }

    func resume(_ transfer: CurlTransfer) {
        post(.resume(transfer))
    }

    func cancel(_ transfer: CurlTransfer) {
        transfer.markCancelled()
        post(.cancel(transfer))
    }

    /// Aborts every transfer and ends the thread.
    func shutdown() async {
        let alreadyDone = finishedStopping.withLock { $0 }
        if alreadyDone { return }
        await withCheckedContinuation { continuation in
            stopped.withLock { $0 = continuation }
            shared.withLock { $0.stopping = true }
            curl_multi_wakeup(multi)
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let queued = shared.withLock { shared in
            if shared.ended { return false }
            shared.jobs.append(job)
            return true
        }
        guard queued else {
            // Only after `shutdown`: a task still reading finishes elsewhere.
            runElsewhere([job])
            return
        }
        if pthread_self() != driverThread.load(ordering: .relaxed) { curl_multi_wakeup(multi) }
    }

    private func post(_ command: Command) {
        shared.withLock { shared in
            shared.commands.append(command)
            if case .add = command { shared.activeCount += 1 }
        }
        curl_multi_wakeup(multi)
    }

    // MARK: - The driver thread

    private func run() {
        driverThread.store(pthread_self(), ordering: .relaxed)
        var transfers: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let (commands, stopping) = shared.withLock { shared -> ([Command], Bool) in
                defer { shared.commands.removeAll() }
                return (shared.commands, shared.stopping)
            }
            for command in commands {
                switch command {
                case .add(let transfer):
                    transfer.state.withLock { $0.started = .now }
                    if transfer.state.withLock({ $0.cancelled }) {
                        complete(transfer, ProviderError(.cancelled, "cancelled"), in: &transfers, added: false)
                    } else {
                        curl_multi_add_handle(multi, transfer.handle)
                        transfers[transfer.handle] = transfer
                    }
                case .resume(let transfer):
                    if transfers[transfer.handle] != nil {
                        transfer.state.withLock { $0.lastActivity = .now }
                        curl_easy_pause(transfer.handle, parley_curl_pause_cont())
                    }
                case .cancel(let transfer):
                    if transfers[transfer.handle] != nil {
                        complete(transfer, ProviderError(.cancelled, "cancelled"), in: &transfers)
                    }
                }
            }
            if stopping {
                for transfer in Array(transfers.values) {
                    complete(transfer, ProviderError(.cancelled, "the HTTP client shut down"), in: &transfers)
                }
                break
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            readCompletions(&transfers)
            runJobs()
            let wait = enforceTimeouts(&transfers)
            var curlWait = -1
            curl_multi_timeout(multi, &curlWait)
            // A job queued on this thread since, by a job or by a transfer that just timed out,
            // runs before the poll waits: nothing else would wake it.
            let jobsWaiting = shared.withLock { !$0.jobs.isEmpty }
            // With nothing due, the poll waits until a command or a job wakes it: an idle
            // client does not wake up at all.
            let waitMilliseconds = jobsWaiting ? 0 : [wait, curlWait >= 0 ? curlWait : nil].compactMap { $0 }.min() ?? Int(Int32.max)
            curl_multi_poll(multi, nil, 0, Int32(clamping: waitMilliseconds), nil)
        }
        // Jobs left, and any enqueued from now on, run on dispatch's threads.
        let left = shared.withLock { shared in
            shared.ended = true
            defer { shared.jobs = [] }
            return shared.jobs
        }
        runElsewhere(left)
        curl_multi_cleanup(multi)
        finishedStopping.withLock { $0 = true }
        stopped.withLock { continuation in
            continuation?.resume()
            continuation = nil
        }
    }

    /// Runs `jobs` on dispatch's threads: the driver thread has ended.
    private func runElsewhere(_ jobs: [UnownedJob]) {
        let executor = asUnownedTaskExecutor()
        for job in jobs { DispatchQueue.global().async { job.runSynchronously(on: executor) } }
    }

    /// Runs the jobs queued so far; a job may queue more, run on the next pass so that the
    /// transfers are not starved.
    private func runJobs() {
        let jobs = shared.withLock { shared in
            defer { shared.jobs.removeAll(keepingCapacity: true) }
            return shared.jobs
        }
        let executor = asUnownedTaskExecutor()
        for job in jobs { job.runSynchronously(on: executor) }
    }

    private func readCompletions(_ transfers: inout [UnsafeMutableRawPointer: CurlTransfer]) {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                  let transfer = transfers[handle] else { continue }
            let code = message.pointee.data.result
            let failure = code == CURLE_OK ? nil : CurlErrorMapping.error(code, transfer: transfer)
            complete(transfer, failure, in: &transfers)
        }
    }

    /// Aborts transfers past their first-byte or idle deadline; returns the milliseconds
    /// until the nearest deadline still ahead, nil when there is none.
    private func enforceTimeouts(_ transfers: inout [UnsafeMutableRawPointer: CurlTransfer]) -> Int? {
        let now = ContinuousClock.now
        var nearest: Duration?
        for transfer in Array(transfers.values) {
            let (started, lastActivity, paused) = transfer.state.withLock { ($0.started, $0.lastActivity, $0.paused) }
            if paused { continue }
            let timeouts = transfer.request.timeouts
            let deadline = lastActivity.map { $0 + timeouts.idle } ?? started + timeouts.firstByte
            if deadline <= now {
                let error = lastActivity == nil
                    ? CurlErrorMapping.noFirstByte(transfer)
                    : CurlErrorMapping.stalled(transfer)
                complete(transfer, error, in: &transfers)
            } else {
                nearest = min(nearest ?? deadline - now, deadline - now)
            }
        }
        return nearest.map { max(1, $0.wholeMilliseconds + 1) }
    }

    private func complete(_ transfer: CurlTransfer, _ failure: ProviderError?, in transfers: inout [UnsafeMutableRawPointer: CurlTransfer], added: Bool = true) {
        if added {
            curl_multi_remove_handle(multi, transfer.handle)
            transfers[transfer.handle] = nil
        }
        transfer.finish(failure)
        let waiters = shared.withLock { shared in
            shared.activeCount -= 1
            guard shared.activeCount == 0 else { return [CheckedContinuation<Void, Never>]() }
            defer { shared.idleWaiters = [] }
            return shared.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// `curl_global_init` must run once before any other libcurl call.
enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    static func initializeOnce() {
        _ = initialized
    }
}
