import ChatCore
import Foundation

/// Where the runtime keeps conversations as they happen. Implemented over the store by the
/// program; tests use none or their own.
public protocol ConversationArchive: Sendable {
    /// Saves the conversation's header and the given entries at their positions, and removes
    /// the entries that left the screen; durable when it returns.
    func save(_ conversation: ConversationHeader, entries: [ArchivedEntry], removing: [UUID]) throws
    /// Set when nothing can be saved (a store written by a newer Parley): it is only read.
    var isReadOnly: Bool { get }
    /// Writes the saved conversation to `path` as Markdown (or JSON for a `.json` path).
    func export(conversationID: String, to path: String) throws
    /// Messages of every conversation that hold the words, best first.
    func search(_ words: String) throws -> [ArchiveItem]
    /// Conversations, most recent first.
    func conversations() throws -> [ArchiveItem]
    /// A saved conversation, to continue it: on the branch it showed last, or on the one
    /// holding `messageID` (a search hit) when given.
    func load(conversationID: String, showing messageID: String?) throws -> SavedConversation?
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

/// An entry to save at its place: its position on its branch and the entry before it.
public struct ArchivedEntry: Sendable {
    public var position: Int
    public var parentID: UUID?
    public var entry: ConversationEntry

    public init(position: Int, parentID: UUID?, entry: ConversationEntry) {
        self.position = position
        self.parentID = parentID
        self.entry = entry
    }
}

/// A conversation read back: its header, the branch to show, and the rest of its tree.
public struct SavedConversation: Sendable {
    public var header: ConversationHeader
    public var entries: [ConversationEntry]
    public var tree: ConversationTree

    public init(header: ConversationHeader, entries: [ConversationEntry], tree: ConversationTree = ConversationTree()) {
        self.header = header
        self.entries = entries
        self.tree = tree
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
    /// The last entry of the branch on screen.
    public var leafID: UUID?

    public init(
        id: String, title: String, model: String, systemPrompt: String?, temperature: Double?, maxTokens: Int? = nil, leafID: UUID? = nil
    ) {
        self.id = id
        self.title = title
        self.model = model
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.leafID = leafID
    }
}

extension AppState {
    /// A saved conversation on screen with its own settings and its title as saved (a title
    /// given with /rename stays through the next save), `messageID` brought into view. The one
    /// way one is opened: from the list, a search hit, `--continue` or `--resume`. The answer
    /// on screen is stopped and the conversation left is saved: the effects say so.
    @discardableResult
    public mutating func open(_ saved: SavedConversation, showing messageID: String? = nil) -> [Effect] {
        let effects = leaveConversation()
        let header = saved.header
        conversationID = header.id
        customTitle = header.title
        model = header.model
        systemPrompt = header.systemPrompt
        temperature = header.temperature
        maxTokens = header.maxTokens
        entries = saved.entries
        tree = saved.tree
        // Every branch's answers were asked for, and counted.
        usage = UsageTotals()
        for outcome in (saved.entries + saved.tree.parked.values.map(\.entry)).compactMap(\.outcome) { usage.add(outcome.stats) }
        entries.append(.note("Continuing “\(header.title)” (\(header.id))."))
        interrupted = nil
        codeCursor = nil
        messageCursor = nil
        editing = nil
        comparison = nil
        scrollOffset = 0
        scrollTarget = messageID.flatMap(UUID.init(uuidString:))
        return effects
    }

    var header: ConversationHeader {
        ConversationHeader(
            id: conversationID, title: title, model: model, systemPrompt: systemPrompt, temperature: temperature,
            maxTokens: maxTokens, leafID: entries.last?.id
        )
    }
}
