import ChatApp
import ChatCore
import Foundation
@testable import parley
import Storage
import Testing

@Suite struct StoreArchiveTests {
    /// `entries` as one branch from the start.
    private func branch(_ entries: [ConversationEntry], from position: Int = 0, under parent: UUID? = nil) -> [ArchivedEntry] {
        var parentID = parent
        return entries.enumerated().map { offset, entry in
            defer { parentID = entry.id }
            return ArchivedEntry(position: position + offset, parentID: parentID, entry: entry)
        }
    }

    private func archive() throws -> (StoreArchive, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try #require(ConversationStore.open(at: folder.appendingPathComponent("conversations.sqlite").path).store)
        return (StoreArchive(store: store), folder)
    }

    @Test func aConversationComesBackOnTheBranchItShowedWithItsSiblingsParked() throws {
        let (archive, folder) = try archive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let question = ConversationEntry(kind: .user, text: "Why is the sky blue?")
        let first = ConversationEntry(kind: .assistant, text: "Rayleigh scattering.")
        let follow = ConversationEntry(kind: .user, text: "And sunsets?")
        let second = ConversationEntry(kind: .assistant, text: "Shorter wavelengths scatter more.")
        var header = ConversationHeader(id: "c", title: "Sky", model: "", systemPrompt: nil, temperature: nil, leafID: follow.id)
        try archive.save(header, entries: branch([question, first, follow]), removing: [])
        // Regenerated: a second answer beside the first, and shown.
        header.leafID = second.id
        try archive.save(header, entries: branch([second], from: 1, under: question.id), removing: [])

        let saved = try #require(try archive.load(conversationID: "c", showing: nil))
        #expect(saved.entries.map(\.text) == ["Why is the sky blue?", "Shorter wavelengths scatter more."])
        #expect(Set(saved.tree.parked.values.map(\.entry.text)) == ["Rayleigh scattering.", "And sunsets?"])
        #expect(saved.tree.parked[follow.id]?.parentID == first.id)
        #expect(saved.tree.parked[first.id]?.position == 1)

        // A search hit on the other branch opens that branch.
        let hit = try #require(try archive.load(conversationID: "c", showing: follow.id.uuidString))
        #expect(hit.entries.map(\.text) == ["Why is the sky blue?", "Rayleigh scattering.", "And sunsets?"])
        #expect(hit.tree.parked.values.map(\.entry.id) == [second.id])
    }

    @Test func theConversationListSaysWhatEachConversationUsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try #require(ConversationStore.open(at: folder.appendingPathComponent("conversations.sqlite").path).store)
        let archive = StoreArchive(store: store)
        func answer(_ stats: CompletionStats?) -> ConversationEntry {
            var entry = ConversationEntry(kind: .assistant, text: "answer")
            entry.outcome = ChatOutcome(
                requested: ModelRef(provider: nil, model: "m"), answeredBy: ModelTarget(provider: .openrouter, model: "m"), attempts: 1,
                timeToFirstTokenSeconds: nil, tokensPerSecond: nil, stats: stats, interruption: nil
            )
            return entry
        }
        let priced = [ConversationEntry(kind: .user, text: "q"), answer(CompletionStats(promptTokens: 1200, completionTokens: 340, costUSD: 0.0021)), answer(nil)]
        try archive.save(ConversationHeader(id: "a", title: "Priced", model: "", systemPrompt: nil, temperature: nil), entries: branch(priced), removing: [])
        try archive.save(ConversationHeader(id: "b", title: "Unreported", model: "", systemPrompt: nil, temperature: nil), entries: branch([ConversationEntry(kind: .user, text: "q"), answer(nil)]), removing: [])
        let items = try archive.conversations()
        #expect(items.first { $0.title == "Priced" }?.detail.hasSuffix("3 messages · 1.2k in · 340 out · $0.0021") == true)
        #expect(items.first { $0.title == "Unreported" }?.detail.hasSuffix("2 messages") == true)
    }
}
