import CCurl
import ChatCore
import Foundation
import Providers

/// One request on libcurl: its easy handle, the head and body chunks on their way to the
/// consumer, and the bookkeeping for time-outs and back-pressure.
///
/// Two sides meet here. The driver thread runs libcurl, whose callbacks append to `state`;
/// consumer tasks take from `state`. Everything they share is inside the `Locked` state.
final class CurlTransfer: Sendable {
    /// Over this many buffered bytes the transfer is paused instead of buffering more.
    static let highWater = 512 * 1024
    /// Below this many the paused transfer is resumed.
    static let lowWater = 128 * 1024

    let request: HTTPRequest
    private let statistics: TransferStatistics
    /// The easy handle and its header list. Touched only by `init`, and then by the driver
    /// thread alone (add, pause, remove, cleanup), so it needs no lock.
    nonisolated(unsafe) let handle: UnsafeMutableRawPointer
    nonisolated(unsafe) private let headerList: UnsafeMutablePointer<curl_slist>?
    /// libcurl keeps pointers to these while the transfer runs, so they live as long as it does.
    nonisolated(unsafe) private let errorBuffer: UnsafeMutablePointer<CChar>
    nonisolated(unsafe) private let bodyBytes: UnsafeMutablePointer<UInt8>?

    struct State {
        var headLines: [String] = []
        var head: HTTPResponseHead?
        var headWaiter: CheckedContinuation<HTTPResponseHead, any Error>?
        var chunks: [[UInt8]] = []
        var chunkIndex = 0
        var bufferedBytes = 0
        var bodyWaiter: CheckedContinuation<[UInt8]?, any Error>?
        var finished = false
        var failure: ProviderError?
        var paused = false
        var cancelled = false
        var started = ContinuousClock.now
        var lastActivity: ContinuousClock.Instant?
    }

    let state = Locked(State())

    init(request: HTTPRequest, statistics: TransferStatistics) throws {
        guard let handle = curl_easy_init() else {
            throw ProviderError(.connectionFailed, "libcurl could not create a transfer", hint: "the system may be out of memory")
        }
        self.request = request
        self.statistics = statistics
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var list: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            list = curl_slist_append(list, "\(header.name): \(header.value)")
        }
        if request.body != nil, !request.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            list = curl_slist_append(list, "Content-Type: application/json")
        }
        // libcurl would otherwise send "Expect: 100-continue" for large bodies and wait.
        list = curl_slist_append(list, "Expect:")
        headerList = list
        if let body = request.body {
            let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(body.count, 1))
            bytes.initialize(from: body, count: body.count)
            bodyBytes = bytes
        } else {
            bodyBytes = nil
        }
        configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
        bodyBytes?.deallocate()
    }

    private func configure() {
        let timeouts = request.timeouts
        curl_setopt(CURLOPT_URL, request.url)
        curl_setopt(CURLOPT_NOSIGNAL, 1)
        curl_setopt(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        curl_setopt(CURLOPT_HTTPHEADER, headerList)
        curl_setopt(CURLOPT_CONNECTTIMEOUT_MS, timeouts.connect.wholeMilliseconds)
        curl_setopt(CURLOPT_TCP_KEEPALIVE, 1)
        // A fast stream is read in pieces this big (libcurl's default is 16 KiB): each piece
        // costs a hand-over to the reading task, so fewer, larger ones cost less. A slow
        // stream still hands over each token as it arrives.
        curl_setopt(CURLOPT_BUFFERSIZE, 128 * 1024)
        // TLS verification is always on; there is no setting that turns it off.
        curl_setopt(CURLOPT_SSL_VERIFYPEER, 1)
        curl_setopt(CURLOPT_SSL_VERIFYHOST, 2)
        // Redirects are followed over http(s) only. libcurl (>= 7.58) drops a custom
        // Authorization header when a redirect leads to another host; a test pins that.
        curl_setopt(CURLOPT_FOLLOWLOCATION, 1)
        curl_setopt(CURLOPT_MAXREDIRS, 5)
        curl_setopt(CURLOPT_UNRESTRICTED_AUTH, 0)
        if let credentials = request.credentials?.revealedForRequest {
            // libcurl copies the strings; with UNRESTRICTED_AUTH off it sends them to this
            // host only, never to where a redirect leads.
            curl_setopt(CURLOPT_USERNAME, credentials.user)
            curl_setopt(CURLOPT_PASSWORD, credentials.password)
        }
        parley_curl_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        parley_curl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        switch request.method {
        case "GET":
            break
        case "HEAD":
            curl_setopt(CURLOPT_NOBODY, 1)
        default:
            parley_curl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let bodyBytes, let body = request.body {
            curl_setopt(CURLOPT_POSTFIELDSIZE, body.count)
            curl_setopt(CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(bodyBytes))
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        parley_curl_easy_set_write_callback(handle, curlWriteCallback, context)
        parley_curl_easy_set_header_callback(handle, curlHeaderCallback, context)
    }

    private func curl_setopt(_ option: CURLoption, _ value: Int) {
        parley_curl_easy_setopt_long(handle, option, value)
    }

    private func curl_setopt(_ option: CURLoption, _ value: String) {
        parley_curl_easy_setopt_string(handle, option, value)
    }

    private func curl_setopt(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        parley_curl_easy_setopt_pointer(handle, option, value)
    }

    private func curl_setopt(_ option: CURLoption, _ value: UnsafeMutablePointer<curl_slist>?) {
        parley_curl_easy_setopt_slist(handle, option, value)
    }

    /// libcurl's own words for the last failure.
    var curlErrorText: String {
        String(cString: errorBuffer)
    }

    // MARK: - Driver thread: callbacks

    /// A header line arrived. A blank line ends a header block; the block of the final
    /// response (not 1xx, not a redirect being followed) becomes the head.
    func receiveHeader(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        var waiter: CheckedContinuation<HTTPResponseHead, any Error>?
        var head: HTTPResponseHead?
        state.withLock { state in
            state.lastActivity = .now
            guard state.head == nil else { return }
            guard trimmed.isEmpty else {
                state.headLines.append(trimmed)
                return
            }
            var status = 0
            parley_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            let lines = state.headLines
            state.headLines = []
            let headers = lines.dropFirst().compactMap(Self.header)
            if status < 200 { return }
            if (300..<400).contains(status), headers.contains(where: { $0.name.lowercased() == "location" }) { return }
            let complete = HTTPResponseHead(status: status, headers: headers)
            state.head = complete
            waiter = state.headWaiter
            state.headWaiter = nil
            head = complete
        }
        if let waiter, let head { waiter.resume(returning: head) }
    }

    private static func header(_ line: String) -> HTTPHeader? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return HTTPHeader(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// Body bytes arrived. Answers how many were taken: all, 0 to abort a cancelled transfer,
    /// or the pause code when the consumer has too much unread already.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        var waiter: CheckedContinuation<[UInt8]?, any Error>?
        var chunk: [UInt8]?
        var pausing = false
        let taken: Int = state.withLock { state in
            if state.cancelled { return 0 }
            state.lastActivity = .now
            if state.bufferedBytes >= Self.highWater {
                state.paused = true
                pausing = true
                return Int(parley_curl_writefunc_pause())
            }
            let copy = [UInt8](bytes)
            if let bodyWaiter = state.bodyWaiter {
                state.bodyWaiter = nil
                waiter = bodyWaiter
                chunk = copy
            } else {
                state.chunks.append(copy)
                state.bufferedBytes += copy.count
                statistics.recordBuffered(state.bufferedBytes)
            }
            return bytes.count
        }
        waiter?.resume(returning: chunk)
        if pausing { statistics.recordPause() }
        return taken
    }

    /// The transfer is over: `failure` nil means the body ended normally.
    func finish(_ failure: ProviderError?) {
        var headWaiter: CheckedContinuation<HTTPResponseHead, any Error>?
        var bodyWaiter: CheckedContinuation<[UInt8]?, any Error>?
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            if state.failure == nil { state.failure = failure }
            headWaiter = state.headWaiter
            state.headWaiter = nil
            bodyWaiter = state.bodyWaiter
            state.bodyWaiter = nil
            if state.head == nil, state.failure == nil {
                state.failure = ProviderError(.connectionLost, "the server closed the connection without a complete response")
            }
        }
        let error = state.withLock { $0.failure }
        if let headWaiter {
            if let error { headWaiter.resume(throwing: error) } else { headWaiter.resume(throwing: CancellationError()) }
        }
        if let bodyWaiter {
            if let error { bodyWaiter.resume(throwing: error) } else { bodyWaiter.resume(returning: nil) }
        }
    }

    // MARK: - Consumer side

    func awaitHead() async throws -> HTTPResponseHead {
        try await withCheckedThrowingContinuation { continuation in
            let outcome: Result<HTTPResponseHead, any Error>? = state.withLock { state in
                if let head = state.head { return .success(head) }
                if state.finished { return .failure(state.failure ?? CancellationError()) }
                state.headWaiter = continuation
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    /// The next chunk; sets `resume` when a paused transfer may go on.
    func nextChunk(resume: @Sendable () -> Void) async throws -> [UInt8]? {
        try await withCheckedThrowingContinuation { continuation in
            var shouldResume = false
            let outcome: Result<[UInt8]?, any Error>? = state.withLock { state in
                if state.chunkIndex < state.chunks.count {
                    let chunk = state.chunks[state.chunkIndex]
                    state.chunkIndex += 1
                    if state.chunkIndex == state.chunks.count {
                        state.chunks.removeAll(keepingCapacity: true)
                        state.chunkIndex = 0
                    }
                    state.bufferedBytes -= chunk.count
                    if state.paused, state.bufferedBytes <= Self.lowWater {
                        state.paused = false
                        shouldResume = true
                    }
                    return .success(chunk)
                }
                if state.finished {
                    if let failure = state.failure { return .failure(failure) }
                    return .success(nil)
                }
                if state.paused {
                    state.paused = false
                    shouldResume = true
                }
                state.bodyWaiter = continuation
                return nil
            }
            if shouldResume { resume() }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    /// Marks the transfer cancelled; the driver removes it.
    func markCancelled() {
        state.withLock { $0.cancelled = true }
    }
}



/// libcurl's write callback: hands the bytes to the transfer named by `context`.
private func curlWriteCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

/// libcurl's header callback: one header line at a time, line end included.
private func curlHeaderCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    transfer.receiveHeader(String(decoding: bytes, as: UTF8.self))
    return size * count
}
