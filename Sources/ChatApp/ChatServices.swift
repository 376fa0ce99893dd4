import ChatCore
import Providers

/// What the runtime works with besides the screen: the router for chats, the monitor for
/// health, the registry for the default provider, and where conversations are kept.
public struct ChatServices: Sendable {
    public let registry: ProviderRegistry
    public let monitor: HealthMonitor
    public let router: FallbackRouter
    public let archive: (any ConversationArchive)?

    public init(registry: ProviderRegistry, monitor: HealthMonitor, router: FallbackRouter, archive: (any ConversationArchive)? = nil) {
        self.registry = registry
        self.monitor = monitor
        self.router = router
        self.archive = archive
    }
}
