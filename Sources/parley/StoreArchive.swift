import ChatApp
import ChatCore
import Foundation
import Storage

/// The chat screen's conversations kept in the `ConversationStore`: entries become stored
/// messages and back.
struct StoreArchive: ConversationArchive {
    let store: ConversationStore

    var isReadOnly: Bool { store.isReadOnly }

    func save(_ conversation: ConversationHeader, entries: [ArchivedEntry], removing: [UUID]) throws {
        let now = Date()
        let existing = try store.conversation(id: conversation.id)
        try store.save(StoredConversation(
            id: conversation.id, title: conversation.title, model: conversation.model,
            systemPrompt: conversation.systemPrompt, temperature: conversation.temperature,
            maxTokens: conversation.maxTokens, createdAt: existing?.createdAt ?? now, updatedAt: now,
            leafID: conversation.leafID?.uuidString
        ))
        try store.save(
            entries.map { Self.message($0, conversationID: conversation.id, now: now) },
            removing: removing.map(\.uuidString)
        )
    }

    func export(conversationID: String, to path: String) throws {
        guard let conversation = try store.conversation(id: conversationID) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "this conversation has no saved messages yet"])
        }
        let format: ConversationExport.Format = path.lowercased().hasSuffix(".json") ? .json : .markdown
        let text = try ConversationExport.render(conversation, try store.branch(of: conversation), as: format)
        let expanded = (path as NSString).expandingTildeInPath
        try text.write(toFile: expanded, atomically: true, encoding: .utf8)
    }

    func search(_ words: String) throws -> [ArchiveItem] {
        try store.search(words).map { hit in
            ArchiveItem(conversationID: hit.conversationID, messageID: hit.messageID, title: hit.conversationTitle, detail: "\(hit.kind): \(hit.snippet)")
        }
    }

    func conversations() throws -> [ArchiveItem] {
        let list = try store.conversations(limit: 200)
        let counts = try store.messageCounts(list.map(\.id))
        var usage: [String: UsageTotals] = [:]
        let decoder = JSONDecoder()
        for (conversationID, data) in try store.answerOutcomes(of: list.map(\.id)) {
            guard let outcome = try? decoder.decode(ChatOutcome.self, from: data) else { continue }
            usage[conversationID, default: UsageTotals()].add(outcome.stats)
        }
        return list.map { conversation in
            let model = conversation.model.isEmpty ? "default model" : conversation.model
            var detail = "\(model) · \(LocalClock.dateAndMinute(conversation.updatedAt)) · \(counts[conversation.id] ?? 0) messages"
            if let totals = usage[conversation.id], totals.hasUsage { detail += " · " + UsageText.summary(totals) }
            return ArchiveItem(conversationID: conversation.id, messageID: nil, title: conversation.title, detail: detail)
        }
    }

    func load(conversationID: String, showing messageID: String?) throws -> SavedConversation? {
        guard let conversation = try store.conversation(id: conversationID) else { return nil }
        let messages = try store.messages(of: conversationID)
        let tree = MessageTree(messages.map { (id: $0.id, parent: $0.parentID) })
        let branch = tree.branch(through: messageID.flatMap { tree.contains($0) ? $0 : nil } ?? conversation.leafID)
        let header = ConversationHeader(
            id: conversation.id, title: conversation.title, model: conversation.model,
            systemPrompt: conversation.systemPrompt, temperature: conversation.temperature, maxTokens: conversation.maxTokens,
            leafID: branch.last.flatMap(UUID.init(uuidString:))
        )
        let entries = Dictionary(messages.map { ($0.id, Self.entry($0)) }, uniquingKeysWith: { first, _ in first })
        let onBranch = Set(branch)
        let parked = messages.filter { !onBranch.contains($0.id) }.compactMap { message in
            entries[message.id].map { entry in
                ConversationTree.Parked(entry: entry, parentID: tree.parent(of: message.id).flatMap { entries[$0]?.id }, position: message.position)
            }
        }
        var children: [UUID?: [UUID]] = [:]
        for (parent, ids) in tree.children {
            children[parent.flatMap { entries[$0]?.id }] = ids.compactMap { entries[$0]?.id }
        }
        var shown: [UUID?: UUID] = [:]
        for (index, id) in branch.enumerated() {
            guard let entry = entries[id] else { continue }
            shown[index > 0 ? entries[branch[index - 1]]?.id : nil] = entry.id
        }
        return SavedConversation(
            header: header, entries: branch.compactMap { entries[$0] },
            tree: ConversationTree(parked: parked, children: children, shown: shown)
        )
    }

    func delete(conversationID: String) throws {
        try store.delete(conversationID: conversationID)
    }

    static func message(_ placed: ArchivedEntry, conversationID: String, now: Date) -> StoredMessage {
        let entry = placed.entry
        let status: StoredMessage.Status = entry.isStreaming ? .streaming
            : entry.wasCancelled ? .stopped
            : (entry.outcome?.interruption != nil || entry.wasCutOff) ? .interrupted : .complete
        return StoredMessage(
            id: entry.id.uuidString, conversationID: conversationID, position: placed.position, kind: kind(entry.kind),
            text: entry.text, thinking: entry.thinking, status: status, target: entry.target?.description,
            outcome: entry.outcome.flatMap { try? JSONEncoder().encode($0) }, createdAt: now, updatedAt: now,
            parentID: placed.parentID?.uuidString
        )
    }

    /// `provider:model` back to a target; the model may hold colons (`ollama:llama3:8b`).
    private static func target(_ text: String) -> ModelTarget? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return ModelTarget(provider: ProviderID(String(text[..<colon])), model: String(text[text.index(after: colon)...]))
    }

    private static func kind(_ kind: ConversationEntry.Kind) -> String {
        switch kind {
        case .user: "user"
        case .assistant: "assistant"
        case .note(.info): "note-info"
        case .note(.warning): "note-warning"
        case .note(.error): "note-error"
        }
    }

    /// A saved message as a conversation entry again; an answer that was still streaming
    /// when Parley stopped comes back marked as cut off.
    static func entry(_ message: StoredMessage) -> ConversationEntry {
        let kind: ConversationEntry.Kind = switch message.kind {
        case "user": .user
        case "assistant": .assistant
        case "note-warning": .note(.warning)
        case "note-error": .note(.error)
        default: .note(.info)
        }
        var entry = ConversationEntry(kind: kind, text: message.text)
        entry.id = UUID(uuidString: message.id) ?? UUID()
        entry.appendReasoning(message.thinking)
        entry.outcome = message.outcome.flatMap { try? JSONDecoder().decode(ChatOutcome.self, from: $0) }
        entry.target = entry.outcome?.answeredBy ?? message.target.flatMap(Self.target)
        entry.wasCancelled = message.status == .stopped
        entry.wasCutOff = message.status == .interrupted && entry.outcome == nil
        return entry
    }
}
