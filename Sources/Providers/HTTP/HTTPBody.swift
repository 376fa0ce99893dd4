import ChatCore

/// Where a response body's chunks come from; implemented by a transport.
public protocol HTTPBodySource: AnyObject, Sendable {
    /// The next chunk, or nil at the end. Throws the transfer's error (`ProviderError`).
    func next() async throws -> [UInt8]?
    /// Stops the transfer and frees what it holds; later `next` calls end.
    func cancel()
}

/// A response body as an async sequence of byte chunks, read once. Dropping it before the end
/// cancels the transfer.
public struct HTTPBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let source: any HTTPBodySource

    public init(source: any HTTPBodySource) {
        self.source = source
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let source: any HTTPBodySource

        public mutating func next() async throws -> [UInt8]? {
            try await source.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(source: source)
    }

    public func cancel() {
        source.cancel()
    }

    /// At most the first `limit` bytes of the body; the rest is not read (the transfer is
    /// stopped). For bodies only shown, such as an error's.
    public func prefix(upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self {
            bytes += chunk.prefix(limit - bytes.count)
            if bytes.count >= limit {
                cancel()
                break
            }
        }
        return bytes
    }

    /// The whole body, failing when it exceeds `limit` bytes.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self {
            bytes += chunk
            if bytes.count > limit {
                cancel()
                throw ProviderError(
                    .malformedStream,
                    "the server sent a response larger than \(limit) bytes where a small one was expected",
                    hint: "check that the URL points at the provider's API"
                )
            }
        }
        return bytes
    }
}
