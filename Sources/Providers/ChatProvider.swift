import ChatCore

/// A place that answers chats: Ollama, an OpenAI-compatible server, the built-in demo.
/// An adapter builds requests and maps replies; the transport is injected.
public protocol ChatProvider: Sendable {
    var id: ProviderID { get }
    var kind: ProviderKind { get }
    /// Where it lives, for people (empty for the demo).
    var baseURL: String { get }
    /// The model used when the provider has not got the one asked for, or none was named.
    /// Empty when the provider has no configured default (its first listed model serves).
    var defaultModel: String { get }
    /// Retries, health-check interval and request defaults, as the router needs them.
    var configuration: ProviderConfiguration { get }
    /// Why the provider cannot be used as configured (disabled, no key); nil when it can.
    var unavailability: HealthStatus? { get }

    func listModels() async throws -> [ModelInfo]
    /// Starts a chat. Connection and HTTP failures surface when iterating, as `ProviderError`s
    /// whose hints fit this provider.
    func streamChat(_ request: ChatRequest) async throws -> ChatStream
    /// Checks health now; the models seen on the way are returned too, for the resolver.
    func checkHealth() async -> HealthReport
    /// Whether `name` names a model of `models`, by this provider's naming rules.
    func offers(_ name: String, in models: [ModelInfo]) -> Bool
    /// `models` with what the provider can tell of each beyond its list (Ollama's context
    /// lengths), in their order.
    func details(of models: [ModelInfo]) async -> [ModelInfo]
}

/// A health check's finding, with the model list it fetched when it fetched one.
public struct HealthReport: Sendable {
    public var status: HealthStatus
    public var models: [ModelInfo]?

    public init(status: HealthStatus, models: [ModelInfo]? = nil) {
        self.status = status
        self.models = models
    }
}

extension ChatProvider {
    public func offers(_ name: String, in models: [ModelInfo]) -> Bool {
        models.contains { $0.name == name }
    }

    public func details(of models: [ModelInfo]) async -> [ModelInfo] {
        models
    }
}

/// The events of one provider's reply, read once, in one task.
public struct ChatStream: AsyncSequence {
    public typealias Element = ChatEvent

    private let iterator: any ChatEventIterator

    public init(_ iterator: some ChatEventIterator) {
        self.iterator = iterator
    }

    /// Events from an iterator that cannot say whether its next one is in hand.
    public init(_ iterator: some AsyncIteratorProtocol<ChatEvent, any Error>) {
        self.iterator = EventsReadOneByOne(base: iterator)
    }

    public struct AsyncIterator: ChatEventIterator {
        var base: any ChatEventIterator

        public mutating func nextInHand() -> ChatEvent? { base.nextInHand() }

        public mutating func next() async throws -> ChatEvent? {
            try await base.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: iterator)
    }
}
