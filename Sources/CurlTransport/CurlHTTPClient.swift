import ChatCore
import Providers

/// `HTTPStreaming` on libcurl: many concurrent transfers on one multi handle driven by one
/// thread; head before body; body chunks with bounded buffering (a lagging consumer pauses
/// the transfer); Task cancellation aborts the transfer; connect, first-byte and idle
/// time-outs but no total one; TLS verification always on.
public final class CurlHTTPClient: HTTPStreaming {
    private let driver = CurlMultiDriver()
    private let statistics = TransferStatistics()

    public init() {}

    /// Transfers started and not yet finished; zero when nothing leaks.
    public var activeTransferCount: Int {
        driver.activeTransferCount
    }

    /// The most body bytes any transfer has held unread; bounded by the pause threshold
    /// plus one libcurl write, however slow the consumer.
    public var peakBufferedBytes: Int {
        statistics.peakBuffered.load(ordering: .relaxed)
    }

    /// Returns once some transfer has been paused because its consumer had too much unread
    /// (at once if one has been).
    public func waitForPause() async {
        await statistics.waitForPause()
    }

    /// An executor on the client's own thread, for a task that reads its streams: each chunk
    /// then resumes the reader on the thread it arrived on, where another executor would wake
    /// a thread of its own for every read.
    public var readingExecutor: any TaskExecutor { driver }

    /// Returns once every transfer has finished or been aborted (at once if none is live).
    public func waitUntilIdle() async {
        await driver.waitUntilIdle()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let transfer = try CurlTransfer(request: request, statistics: statistics)
        let driver = self.driver
        driver.add(transfer)
        let head = try await withTaskCancellationHandler {
            try await transfer.awaitHead()
        } onCancel: {
            driver.cancel(transfer)
        }
        return HTTPResponse(head: head, body: HTTPBody(source: CurlBodySource(transfer: transfer, driver: driver)))
    }

    /// Aborts every transfer and stops the driver thread.
    public func shutdown() async {
        await driver.shutdown()
    }
}

/// The body side of one transfer; dropping it cancels the transfer.
final class CurlBodySource: HTTPBodySource {
    private let transfer: CurlTransfer
    private let driver: CurlMultiDriver

    init(transfer: CurlTransfer, driver: CurlMultiDriver) {
        self.transfer = transfer
        self.driver = driver
    }

    deinit {
        if !transfer.state.withLock({ $0.finished }) { driver.cancel(transfer) }
    }

    func next() async throws -> [UInt8]? {
        let driver = self.driver
        let transfer = self.transfer
        return try await withTaskCancellationHandler {
            try await transfer.nextChunk { driver.resume(transfer) }
        } onCancel: {
            driver.cancel(transfer)
        }
    }

    func cancel() {
        driver.cancel(transfer)
    }
}
