import ChatCore
import Logging
import Providers

/// What the runtime works with besides the screen: the router for chats, the monitor for
/// health, the registry for the default provider, where conversations are kept, and the log.
public struct ChatServices: Sendable {
    public let registry: ProviderRegistry
    public let monitor: HealthMonitor
    public let router: FallbackRouter
    public let archive: (any ConversationArchive)?
    /// Where each attempt, retry, fallback and outcome is written, as `parley ask` writes them.
    public let logger: Logger
    /// Where chats run, when the transport offers an executor on its own thread (see
    /// `CurlHTTPClient.readingExecutor`); nil runs them on the global executor.
    public let chatExecutor: (any TaskExecutor)?

    public init(
        registry: ProviderRegistry, monitor: HealthMonitor, router: FallbackRouter, archive: (any ConversationArchive)? = nil,
        logger: Logger = Logger(label: "parley.chat"), chatExecutor: (any TaskExecutor)? = nil
    ) {
        self.registry = registry
        self.monitor = monitor
        self.router = router
        self.archive = archive
        self.logger = logger
        self.chatExecutor = chatExecutor
    }
}
