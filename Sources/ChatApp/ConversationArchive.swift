/// Where the runtime keeps conversations as they happen. Implemented over the store by the
/// program; tests use none or their own.
public protocol ConversationArchive: Sendable {
    /// Saves the conversation's header and the given entries at their positions; durable when
    /// it returns.
    func save(_ conversation: ConversationHeader, entries: [(position: Int, entry: ConversationEntry)]) throws
    /// Writes the saved conversation to `path` as Markdown (or JSON for a `.json` path).
    func export(conversationID: String, to path: String) throws
}

/// What is saved of a conversation besides its messages.
public struct ConversationHeader: Hashable, Sendable {
    public var id: String
    public var title: String
    public var model: String
    public var systemPrompt: String?
    public var temperature: Double?

    public init(id: String, title: String, model: String, systemPrompt: String?, temperature: Double?) {
        self.id = id
        self.title = title
        self.model = model
        self.systemPrompt = systemPrompt
        self.temperature = temperature
    }
}

extension AppState {
    var header: ConversationHeader {
        ConversationHeader(id: conversationID, title: title, model: model, systemPrompt: systemPrompt, temperature: temperature)
    }
}
