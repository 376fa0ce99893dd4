import ChatApp
import ChatCore
import Foundation
import Storage

/// The chat screen's conversations kept in the `ConversationStore`: entries become stored
/// messages and back.
struct StoreArchive: ConversationArchive {
    let store: ConversationStore

    var isReadOnly: Bool { store.isReadOnly }

    func save(_ conversation: ConversationHeader, entries: [(position: Int, entry: ConversationEntry)], removing: [UUID]) throws {
        let now = Date()
        let existing = try store.conversation(id: conversation.id)
        try store.save(StoredConversation(
            id: conversation.id, title: conversation.title, model: conversation.model,
            systemPrompt: conversation.systemPrompt, temperature: conversation.temperature,
            maxTokens: conversation.maxTokens, createdAt: existing?.createdAt ?? now, updatedAt: now
        ))
        try store.save(
            entries.map { Self.message($0.entry, position: $0.position, conversationID: conversation.id, now: now) },
            removing: removing.map(\.uuidString)
        )
    }

    func export(conversationID: String, to path: String) throws {
        guard let conversation = try store.conversation(id: conversationID) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "this conversation has no saved messages yet"])
        }
        let format: ConversationExport.Format = path.lowercased().hasSuffix(".json") ? .json : .markdown
        let text = try ConversationExport.render(conversation, try store.messages(of: conversationID), as: format)
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
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return list.map { conversation in
            let model = conversation.model.isEmpty ? "default model" : conversation.model
            var detail = "\(model) · \(formatter.string(from: conversation.updatedAt)) · \(counts[conversation.id] ?? 0) messages"
            if let totals = usage[conversation.id], totals.hasUsage { detail += " · " + UsageText.summary(totals) }
            return ArchiveItem(conversationID: conversation.id, messageID: nil, title: conversation.title, detail: detail)
        }
    }

    func load(conversationID: String) throws -> (header: ConversationHeader, entries: [ConversationEntry])? {
        guard let conversation = try store.conversation(id: conversationID) else { return nil }
        let header = ConversationHeader(
            id: conversation.id, title: conversation.title, model: conversation.model,
            systemPrompt: conversation.systemPrompt, temperature: conversation.temperature, maxTokens: conversation.maxTokens
        )
        return (header, try store.messages(of: conversationID).map(Self.entry))
    }

    func delete(conversationID: String) throws {
        try store.delete(conversationID: conversationID)
    }

    static func message(_ entry: ConversationEntry, position: Int, conversationID: String, now: Date) -> StoredMessage {
        let status: StoredMessage.Status = entry.isStreaming ? .streaming
            : entry.wasCancelled ? .stopped
            : (entry.outcome?.interruption != nil || entry.wasCutOff) ? .interrupted : .complete
        return StoredMessage(
            id: entry.id.uuidString, conversationID: conversationID, position: position, kind: kind(entry.kind),
            text: entry.text, thinking: entry.thinking, status: status, target: entry.target?.description,
            outcome: entry.outcome.flatMap { try? JSONEncoder().encode($0) }, createdAt: now, updatedAt: now
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
        entry.thinking = message.thinking
        entry.outcome = message.outcome.flatMap { try? JSONDecoder().decode(ChatOutcome.self, from: $0) }
        entry.target = entry.outcome?.answeredBy ?? message.target.flatMap(Self.target)
        entry.wasCancelled = message.status == .stopped
        entry.wasCutOff = message.status == .interrupted && entry.outcome == nil
        return entry
    }
}
