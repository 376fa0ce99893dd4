import Foundation
import Storage
import Testing

@Suite struct ConversationStoreTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func message(_ id: String, _ position: Int, _ text: String, status: StoredMessage.Status = .complete, in conversation: String = "c1") -> StoredMessage {
        StoredMessage(id: id, conversationID: conversation, position: position, kind: "user", text: text, thinking: "", status: status, outcome: nil, createdAt: Date(), updatedAt: Date())
    }

    private func conversation(_ id: String = "c1", title: String = "Hello") -> StoredConversation {
        StoredConversation(id: id, title: title, model: "ollama:llama2", systemPrompt: "Be brief.", temperature: 0.2, createdAt: Date(), updatedAt: Date())
    }

    @Test func conversationsAndMessagesRoundTrip() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            try store.save(conversation())
            try store.save([message("m1", 0, "first"), message("m2", 1, "second")])
            try store.save([message("m2", 1, "second, edited")])
        }
        let reopened = try #require(ConversationStore.open(at: path).store)
        let latest = try #require(try reopened.latest())
        #expect(latest.title == "Hello")
        #expect(latest.systemPrompt == "Be brief.")
        #expect(latest.temperature == 0.2)
        #expect(try reopened.messages(of: "c1").map(\.text) == ["first", "second, edited"])
    }

    @Test func answersStillStreamingWhenItStoppedComeBackInterrupted() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            try store.save(conversation())
            try store.save([message("m1", 0, "partial ans", status: .streaming)])
        }
        let reopened = try #require(ConversationStore.open(at: path).store)
        let messages = try reopened.messages(of: "c1")
        #expect(messages.first?.status == .interrupted)
        #expect(messages.first?.text == "partial ans")
    }

    @Test func damagedStoreIsSetAsideAndANewOneStarts() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        try Data("this is not a database, just garbage bytes \u{1}\u{2}".utf8).write(to: URL(fileURLWithPath: path))
        let (store, problem) = ConversationStore.open(at: path)
        #expect(store != nil)
        #expect(problem?.contains("moved to") == true)
        try store?.save(conversation())
        #expect(try store?.latest()?.id == "c1")
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".damaged-") }
        #expect(!aside.isEmpty)
    }

    @Test func latestIsTheMostRecentlyUsed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try #require(ConversationStore.open(at: dir.appendingPathComponent("s.sqlite").path).store)
        try store.save(conversation("a", title: "A"))
        try store.save(conversation("b", title: "B"))
        try store.save([message("x", 0, "to a", in: "a")])
        #expect(try store.latest()?.id == "a")
        #expect(try store.conversations().map(\.id) == ["a", "b"])
    }
}
