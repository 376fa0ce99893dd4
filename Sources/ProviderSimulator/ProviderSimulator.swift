import Hummingbird
import Logging

/// A provider on loopback that speaks Ollama's native API and the OpenAI/OpenRouter API with
/// scripted replies and faults, for tests, benchmarks and `parley-sim`. Every byte it sends
/// crosses a real socket.
public actor ProviderSimulator {
    private let state: SimulatorState
    private let logger: Logger
    private var server: Task<Void, any Error>?
    private var reopen: Task<Void, Never>?
    /// The port it listens on, or last listened on while down.
    public private(set) var port: Int?
    public let host: String

    public init(scenario: SimulatorScenario = SimulatorScenario(), host: String = "127.0.0.1", logger: Logger? = nil) {
        state = SimulatorState(scenario: scenario)
        self.host = host
        self.logger = logger ?? Logger(label: "parley-sim") { _ in SwiftLogNoOpLogHandler() }
    }

    /// The base URL of the Ollama API, e.g. `http://127.0.0.1:41234`.
    public var baseURL: String {
        "http://\(host):\(port ?? 0)"
    }

    /// Starts listening on `port` (0 = any free port) and returns the bound port.
    @discardableResult
    public func start(port requested: Int = 0) async throws -> Int {
        guard server == nil else { return port ?? 0 }
        let (bound, task) = try await launch(port: requested)
        server = task
        port = bound
        return bound
    }

    /// Stops listening and ends every open connection, stalled ones included.
    public func stop() async {
        reopen?.cancel()
        reopen = nil
        await closeServer()
    }

    /// Refuses connections until `resumeListening`, as a provider that is not running.
    public func stopListening() async {
        await closeServer()
    }

    /// Listens again on the same port.
    public func resumeListening() async throws {
        guard server == nil, let port else { return }
        let (_, task) = try await launch(port: port)
        server = task
    }

    /// Refuses connections for `seconds`, then listens again.
    public func goDown(for seconds: Double) async {
        await stopListening()
        reopen?.cancel()
        reopen = Task {
            try? await Task.sleep(for: .seconds(seconds))
            guard !Task.isCancelled else { return }
            try? await self.resumeListening()
        }
    }

    public var scenario: SimulatorScenario { state.scenario }

    public func replaceScenario(_ scenario: SimulatorScenario) {
        state.replaceScenario(scenario)
    }

    /// Sets how `model` answers from the next request on; nil sets the default behaviour.
    public func setBehavior(_ behavior: ModelBehavior, for model: String? = nil) {
        state.setBehavior(behavior, for: model)
    }

    /// Requests seen per path (`/api/chat`, `/api/v1/chat/completions`, ...), and under
    /// `with Authorization` those that carried that header.
    public var requestCounts: [String: Int] { state.requestCounts }

    /// Returns once `count` requests to `path` have arrived: a test awaits this instead of
    /// sleeping until a request is surely under way.
    public func waitForRequests(to path: String, count: Int = 1) async {
        await state.waitForRequests(to: path, count: count)
    }

    /// What the last chat request asked of sampling (stop, top_p, seed), in either family.
    public var lastChatSampling: SimulatedSampling? { state.lastSampling }

    /// The most requests to each path handled at once.
    public var mostInFlight: [String: Int] { state.mostInFlight }

    private func closeServer() async {
        guard let server else { return }
        self.server = nil
        server.cancel()
        _ = await server.result
    }

    private func launch(port: Int) async throws -> (Int, Task<Void, any Error>) {
        let router = Router()
        router.add(middleware: RequestCounter(state: state))
        OllamaRoutes(state: state).register(on: router)
        OpenAIRoutes(state: state, openRouterStyle: true).register(on: router, prefix: "/api/v1")
        OpenAIRoutes(state: state, openRouterStyle: false).register(on: router, prefix: "/v1")
        ControlRoutes(state: state) { [weak self] seconds in
            Task {
                // Stopping the server cuts its open connections: let the reply to this
                // request go out first (curl saw an empty reply, exit 52, when it did not).
                try? await Task.sleep(for: .milliseconds(100))
                await self?.goDown(for: seconds)
            }
        }.register(on: router)

        let (bound, boundContinuation) = AsyncThrowingStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? port)
                boundContinuation.finish()
            },
            logger: logger
        )
        let task = Task {
            do {
                try await app.run()
                boundContinuation.finish()
            } catch {
                boundContinuation.finish(throwing: error)
                throw error
            }
        }
        for try await port in bound {
            return (port, task)
        }
        task.cancel()
        throw CancellationError()
    }
}
