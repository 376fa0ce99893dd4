import ChatCore
import Foundation

/// The built-in provider named `demo`: no network, no key, a labelled reply streamed at a
/// realistic pace, so Parley can be tried before anything is set up.
public struct DemoProvider: ChatProvider {
    public static let modelName = "parley-demo"

    public let id = ProviderID.demo
    public let kind = ProviderKind.demo
    public let baseURL = ""
    public let defaultModel = DemoProvider.modelName
    public let configuration = ProviderConfiguration()
    public let unavailability: HealthStatus? = nil
    /// Pause between tokens; about 40 tokens a second by default.
    private let tokenInterval: Duration

    public init(tokenInterval: Duration = .milliseconds(25)) {
        self.tokenInterval = tokenInterval
    }

    public func listModels() async throws -> [ModelInfo] {
        [ModelInfo(provider: id, name: Self.modelName, family: "demo", contextLength: 4096)]
    }

    public func checkHealth() async -> HealthReport {
        HealthReport(
            status: HealthStatus(state: .healthy, checkedAt: Date(), latencySeconds: 0, modelCount: 1),
            models: try? await listModels()
        )
    }

    public func offers(_ name: String, in models: [ModelInfo]) -> Bool {
        name == Self.modelName
    }

    public func streamChat(_ request: ChatRequest) async throws -> ChatStream {
        let prompt = request.messages.last { $0.role == .user }?.content ?? ""
        let turn = request.messages.filter { $0.role == .user }.count
        var tokens = DemoTokens.split(DemoReplies.reply(to: prompt, turn: turn))
        if let limit = request.maxTokens, tokens.count > limit { tokens = Array(tokens.prefix(limit)) }
        return ChatStream(DemoReplyIterator(tokens: tokens, interval: tokenInterval, promptTokens: DemoTokens.split(prompt).count))
    }
}

/// Streams the demo reply's tokens with a pause between them, then its completion stats.
struct DemoReplyIterator: AsyncIteratorProtocol {
    let tokens: [String]
    let interval: Duration
    let promptTokens: Int
    private var index = 0
    private var start: ContinuousClock.Instant?
    private var finished = false

    init(tokens: [String], interval: Duration, promptTokens: Int) {
        self.tokens = tokens
        self.interval = interval
        self.promptTokens = promptTokens
    }

    mutating func next() async throws -> ChatEvent? {
        if finished { return nil }
        let start = self.start ?? .now
        self.start = start
        if index < tokens.count {
            // A little unevenness, as real generation has.
            try await Task.sleep(for: interval * Double.random(in: 0.6...1.4))
            defer { index += 1 }
            return .text(tokens[index])
        }
        finished = true
        let nanos = Int64((ContinuousClock.now - start).wholeNanoseconds)
        return .done(CompletionStats(finishReason: "stop", promptTokens: promptTokens, completionTokens: tokens.count, totalDurationNanos: nanos, generationDurationNanos: nanos))
    }
}

/// Cuts text into word-sized tokens that join back into the text.
enum DemoTokens {
    static func split(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if (character == " " || character == "\n") && !current.isEmpty && current.last != " " && current.last != "\n" {
                tokens.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
