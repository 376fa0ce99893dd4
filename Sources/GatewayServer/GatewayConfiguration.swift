/// How `parley serve` listens and what it allows.
public struct GatewayConfiguration: Sendable {
    /// Where it listens; loopback unless told otherwise.
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// The bearer token clients must send (`PARLEY_SERVE_TOKEN`); nil lets every client in,
    /// which `GatewayServer` accepts only on loopback unless `allowsAnyone` says so.
    public var token: String?
    /// `--no-auth`: no token even off loopback.
    public var allowsAnyone: Bool
    /// The largest request body read; a larger one is answered 413.
    public var maxBodyBytes: Int
    /// Chats answered at once; past that a client gets 429 with `Retry-After`.
    public var maxConcurrentChats: Int

    public static let defaultPort = 8000

    public init(
        host: String = "127.0.0.1", port: Int = defaultPort, token: String? = nil, allowsAnyone: Bool = false,
        maxBodyBytes: Int = 4 * 1024 * 1024, maxConcurrentChats: Int = 64
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.allowsAnyone = allowsAnyone
        self.maxBodyBytes = maxBodyBytes
        self.maxConcurrentChats = maxConcurrentChats
    }

    /// Whether `host` is this machine only.
    public var isLoopback: Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// Why this configuration may not start, or nil: a server reachable from other machines
    /// needs a token, or `--no-auth` said out loud.
    public var refusal: String? {
        guard !isLoopback, token == nil, !allowsAnyone else { return nil }
        return "parley serve on \(host) would answer anyone who can reach it: set PARLEY_SERVE_TOKEN (clients send 'Authorization: Bearer TOKEN'), or pass --no-auth to allow that"
    }
}
