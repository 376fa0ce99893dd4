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

    public init(
        registry: ProviderRegistry, monitor: HealthMonitor, router: FallbackRouter, archive: (any ConversationArchive)? = nil,
        logger: Logger = Logger(label: "parley.chat")
    ) {
        self.registry = registry
        self.monitor = monitor
        self.router = router
        self.archive = archive
        self.logger = logger
    }
}
