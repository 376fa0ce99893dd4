import ChatCore
import Foundation

/// Where the runtime keeps conversations as they happen. Implemented over the store by the
/// program; tests use none or their own.
public protocol ConversationArchive: Sendable {
    /// Saves the conversation's header and the given entries at their positions, and removes
    /// the entries that left the screen; durable when it returns.
    func save(_ conversation: ConversationHeader, entries: [(position: Int, entry: ConversationEntry)], removing: [UUID]) throws
    /// Set when nothing can be saved (a store written by a newer Parley): it is only read.
    var isReadOnly: Bool { get }
    /// Writes the saved conversation to `path` as Markdown (or JSON for a `.json` path).
    func export(conversationID: String, to path: String) throws
    /// Messages of every conversation that hold the words, best first.
    func search(_ words: String) throws -> [ArchiveItem]
    /// Conversations, most recent first.
    func conversations() throws -> [ArchiveItem]
    /// A saved conversation, to continue it.
    func load(conversationID: String) throws -> (header: ConversationHeader, entries: [ConversationEntry])?
    func delete(conversationID: String) throws
}

extension ConversationArchive {
    public var isReadOnly: Bool { false }
}

/// A row of the conversation list or of search results: what to show, and where it leads.
public struct ArchiveItem: Hashable, Sendable {
    public var conversationID: String
    /// The message to show first when opened (a search hit), if any.
    public var messageID: String?
    public var title: String
    public var detail: String

    public init(conversationID: String, messageID: String?, title: String, detail: String) {
        self.conversationID = conversationID
        self.messageID = messageID
        self.title = title
        self.detail = detail
    }
}

/// What is saved of a conversation besides its messages.
public struct ConversationHeader: Hashable, Sendable {
    public var id: String
    public var title: String
    public var model: String
    public var systemPrompt: String?
    public var temperature: Double?
    public var maxTokens: Int?

    public init(id: String, title: String, model: String, systemPrompt: String?, temperature: Double?, maxTokens: Int? = nil) {
        self.id = id
        self.title = title
        self.model = model
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.maxTokens = maxTokens
    }
}

extension AppState {
    /// A saved conversation on screen with its own settings and its title as saved (a title
    /// given with /rename stays through the next save), `messageID` brought into view. The one
    /// way one is opened: from the list, a search hit, `--continue` or `--resume`. The answer
    /// on screen is stopped and the conversation left is saved: the effects say so.
    @discardableResult
    public mutating func open(_ header: ConversationHeader, _ saved: [ConversationEntry], showing messageID: String? = nil) -> [Effect] {
        let effects = leaveConversation()
        conversationID = header.id
        customTitle = header.title
        model = header.model
        systemPrompt = header.systemPrompt
        temperature = header.temperature
        maxTokens = header.maxTokens
        entries = saved
        usage = UsageTotals()
        for outcome in saved.compactMap(\.outcome) { usage.add(outcome.stats) }
        entries.append(.note("Continuing “\(header.title)” (\(header.id))."))
        interrupted = nil
        codeCursor = nil
        scrollOffset = 0
        scrollTarget = messageID.flatMap(UUID.init(uuidString:))
        return effects
    }

    var header: ConversationHeader {
        ConversationHeader(id: conversationID, title: title, model: model, systemPrompt: systemPrompt, temperature: temperature, maxTokens: maxTokens)
    }
}
