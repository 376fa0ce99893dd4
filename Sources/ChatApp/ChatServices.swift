import ChatCore
import Providers

/// The provider side the runtime needs: the router for chats, the monitor for health, and
/// the registry for the default provider.
public struct ChatServices: Sendable {
    public let registry: ProviderRegistry
    public let monitor: HealthMonitor
    public let router: FallbackRouter

    public init(registry: ProviderRegistry, monitor: HealthMonitor, router: FallbackRouter) {
        self.registry = registry
        self.monitor = monitor
        self.router = router
    }
}
