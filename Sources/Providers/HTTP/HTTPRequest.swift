import ChatCore

/// One HTTP request as a provider adapter builds it; the transport carries it out.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    public var timeouts: HTTPTimeouts
    /// What to tell the user when the connection cannot be made, e.g. "is Ollama running?
    /// Start it with 'ollama serve'". Nil gives a generic hint.
    public var connectionHint: String?
    /// The user and password for the server, sent as HTTP authentication; never in `url`.
    public var credentials: URLCredentials?

    public init(
        method: String = "GET", url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil,
        timeouts: HTTPTimeouts = HTTPTimeouts(), connectionHint: String? = nil, credentials: URLCredentials? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.connectionHint = connectionHint
        self.credentials = credentials
    }
}

/// One header field.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// How long a transfer may wait. There is deliberately no total limit: a long answer that
/// keeps streaming is never cut off.
public struct HTTPTimeouts: Sendable, Hashable {
    /// To open the connection (TCP and TLS).
    public var connect: Duration
    /// From the start of the request to the first byte of the response. Ollama sends nothing
    /// at all while it loads a model, so this is much longer than `idle`.
    public var firstByte: Duration
    /// Between two bytes once the response has started.
    public var idle: Duration

    public init(connect: Duration = .seconds(10), firstByte: Duration = .seconds(300), idle: Duration = .seconds(60)) {
        self.connect = connect
        self.firstByte = firstByte
        self.idle = idle
    }
}
