import ChatCore
import Foundation

/// One prompt put to two to four models at once (`/compare`), their answers side by side until
/// the user picks the one to go on with; the others stay as its siblings. Models on the same
/// Ollama host answer one after the other (one GPU loading two models at once thrashes); models
/// on different providers answer together.
public struct Comparison: Sendable {
    /// One model's answer.
    public struct Column: Sendable {
        /// The model as the user wrote it.
        public var model: String
        public var answer: ConversationEntry
        /// The chat answering it; nil until it is asked.
        public var requestID: Int?
        public var startedAt: Date?
        public var firstTokenAt: Date?
        public var tokens = 0
        /// Fallbacks, retries and waits, as they happened.
        public var notes: [String] = []
        /// Why there is no (whole) answer.
        public var failure: String?
        /// The column this one waits for (the same Ollama host), until that one is done.
        public var after: Int?
        public var isDone = false

        init(model: String) {
            self.model = model
            answer = ConversationEntry(kind: .assistant, text: "")
            answer.isStreaming = true
        }
    }

    /// How many models a comparison takes.
    public static let models = 2...4

    public var models: [String]
    /// Models on one Ollama host answer at once too (`/compare --parallel`): for a host with
    /// the memory to hold them all.
    public var parallel = false
    /// Empty until the prompt is sent.
    public var columns: [Column] = []
    /// The prompt the columns answer.
    public var questionID: UUID?

    public init(models: [String], parallel: Bool = false) {
        self.models = models
        self.parallel = parallel
    }

    public var isRunning: Bool { columns.contains { !$0.isDone } }
    public var isComplete: Bool { !columns.isEmpty && !isRunning }

    func column(of requestID: Int) -> Int? {
        columns.firstIndex { $0.requestID == requestID }
    }

    /// The columns for the prompt, each asked at once or after the one before it on the same
    /// Ollama host (`sharesHost` says which providers are such hosts).
    mutating func start(question: UUID, providers: [ProviderID], sharesHost: (ProviderID) -> Bool) {
        questionID = question
        columns = models.map(Column.init(model:))
        var lastOnHost: [ProviderID: Int] = [:]
        for (index, provider) in providers.enumerated() where !parallel && sharesHost(provider) {
            if let before = lastOnHost[provider] { columns[index].after = before }
            lastOnHost[provider] = index
        }
    }
}
