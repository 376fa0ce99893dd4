/// A response whose head has arrived and whose body streams on.
public struct HTTPResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: HTTPBody

    public init(head: HTTPResponseHead, body: HTTPBody) {
        self.head = head
        self.body = body
    }
}

/// Sends HTTP requests and streams their responses. Failures to connect, time-outs and broken
/// connections throw `ProviderError`; HTTP error statuses are responses like any other, for
/// the provider adapter to read.
public protocol HTTPStreaming: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
