import ChatCore
import Hummingbird
import Logging
import Providers
import ServiceLifecycle

/// `parley serve`: the OpenAI API in front of Parley's providers, with its routing, fallback
/// and health, each answer saying who gave it. Shares the registry, monitor and router it is
/// given with whatever else runs in the process.
public actor GatewayServer {
    private let registry: ProviderRegistry
    private let monitor: HealthMonitor
    private let router: FallbackRouter
    private let configuration: GatewayConfiguration
    private let logger: Logger
    private var server: Task<Void, any Error>?

    /// Why it may not start is `configuration.refusal`; `start` throws it.
    public init(registry: ProviderRegistry, monitor: HealthMonitor, router: FallbackRouter, configuration: GatewayConfiguration, logger: Logger) {
        self.registry = registry
        self.monitor = monitor
        self.router = router
        self.configuration = configuration
        self.logger = logger
    }

    /// A configuration that must not run.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts listening and returns the port bound.
    @discardableResult
    public func start() async throws -> Int {
        let (bound, boundContinuation) = AsyncThrowingStream.makeStream(of: Int.self)
        let app = try application { port in
            boundContinuation.yield(port)
            boundContinuation.finish()
        }
        let task = Task {
            do {
                try await app.run()
                boundContinuation.finish()
            } catch {
                boundContinuation.finish(throwing: error)
                throw error
            }
        }
        server = task
        for try await port in bound { return port }
        task.cancel()
        throw CancellationError()
    }

    /// How long SIGINT or SIGTERM lets the answers under way go on before they are cut.
    public static let drainTime = Duration.seconds(5)

    /// Serves until SIGINT or SIGTERM, then stops taking requests, lets the answers under way
    /// finish for at most `drainTime`, and returns; `running` hears the port once it listens.
    public func serveUntilSignalled(running: @escaping @Sendable (Int) -> Void) async throws {
        var group = ServiceGroupConfiguration(
            services: [try application(running: running)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        group.maximumGracefulShutdownDuration = Self.drainTime
        try await ServiceGroup(configuration: group).run()
    }

    private func application(running: @escaping @Sendable (Int) -> Void) throws -> some ApplicationProtocol {
        if let refusal = configuration.refusal { throw Refusal(description: refusal) }
        let routes = Router()
        routes.add(middleware: AccessLog(logger: logger))
        if let token = configuration.token { routes.add(middleware: TokenCheck(token: BearerToken(token))) }
        let chat = ChatCompletionRoute(
            router: router, gate: ConcurrencyGate(limit: configuration.maxConcurrentChats),
            maxConcurrentChats: configuration.maxConcurrentChats, maxBodyBytes: configuration.maxBodyBytes
        )
        routes.post("/v1/chat/completions") { request, _ in try await chat.respond(to: request) }
        CatalogRoutes(registry: registry, monitor: monitor, load: router.load).register(on: routes)

        let port = configuration.port
        return Application(
            router: routes,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: port), serverName: "parley"),
            onServerRunning: { channel in running(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    /// Stops listening and ends open connections.
    public func stop() async {
        guard let server else { return }
        self.server = nil
        server.cancel()
        _ = await server.result
    }

}
