import ChatApp
import ChatCore
import Foundation
@testable import parley
import Storage
import Testing

@Suite struct StoreArchiveTests {
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
        try archive.save(ConversationHeader(id: "a", title: "Priced", model: "", systemPrompt: nil, temperature: nil), entries: Array(priced.enumerated().map { ($0.offset, $0.element) }), removing: [])
        try archive.save(ConversationHeader(id: "b", title: "Unreported", model: "", systemPrompt: nil, temperature: nil), entries: [(0, ConversationEntry(kind: .user, text: "q")), (1, answer(nil))], removing: [])
        let items = try archive.conversations()
        #expect(items.first { $0.title == "Priced" }?.detail.hasSuffix("3 messages · 1.2k in · 340 out · $0.0021") == true)
        #expect(items.first { $0.title == "Unreported" }?.detail.hasSuffix("2 messages") == true)
    }
}
