import ChatCore
import Foundation
import GRDB
@testable import Storage
import Testing

/// Branches in the store: a store made before them migrates to one branch with nothing lost,
/// the branch a conversation showed comes back, export writes it or the whole tree, and a
/// damaged store reads back with its branches.
@Suite struct BranchStoreTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-branches-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func message(
        _ id: String, _ position: Int, _ text: String, kind: String = "user", parent: String? = nil, in conversation: String = "c1",
        at time: Date = StoredTime.past
    ) -> StoredMessage {
        StoredMessage(
            id: id, conversationID: conversation, position: position, kind: kind, text: text, thinking: "", status: .complete,
            outcome: nil, createdAt: time, updatedAt: time, parentID: parent
        )
    }

    private func conversation(_ id: String = "c1", leaf: String? = nil) -> StoredConversation {
        StoredConversation(id: id, title: "Sky", model: "", systemPrompt: nil, temperature: nil, createdAt: StoredTime.past, updatedAt: StoredTime.past, leafID: leaf)
    }

    /// q → a1 → f (follow-up), and a2 a sibling of a1 saved later; the conversation shows a2.
    private func branched(_ store: ConversationStore) throws {
        try store.save(conversation(leaf: "a2"))
        try store.save([
            message("q", 0, "Why is the sky blue?"),
            message("a1", 1, "Rayleigh scattering.", kind: "assistant", parent: "q"),
            message("f", 2, "And sunsets?", parent: "a1"),
        ])
        try store.save([message("a2", 1, "Short wavelengths scatter.", kind: "assistant", parent: "q", at: StoredTime.past.addingTimeInterval(5))])
    }

    @Test func aStoreMadeByTodaysSchemaMigratesToOneBranchWithNothingLost() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        do {
            let old = try DatabasePool(path: path)
            _ = try old.writeWithoutTransaction { db in try StoreSchema.migrate(db, upTo: "v3-streamed-parts") }
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO conversation (id, title, model, createdAt, updatedAt) VALUES ('c1', 'Sky', '', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
                    INSERT INTO conversation (id, title, model, createdAt, updatedAt) VALUES ('c2', 'Empty', '', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
                    """)
                for (index, text) in ["Why is the sky blue?", "Rayleigh scattering.", "And sunsets?", "Longer path."].enumerated() {
                    try db.execute(
                        sql: "INSERT INTO message (id, conversationID, position, kind, text, thinking, status, createdAt, updatedAt) VALUES (?, 'c1', ?, ?, ?, '', 'complete', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')",
                        arguments: ["m\(index)", index, index % 2 == 0 ? "user" : "assistant", text]
                    )
                }
            }
        }
        let store = try #require(ConversationStore.open(at: path).store)
        let messages = try store.messages(of: "c1")
        #expect(messages.map(\.text) == ["Why is the sky blue?", "Rayleigh scattering.", "And sunsets?", "Longer path."])
        #expect(messages.map(\.parentID) == [nil, "m0", "m1", "m2"])
        let sky = try #require(try store.conversation(id: "c1"))
        #expect(sky.leafID == "m3")
        #expect(try store.branch(of: sky).map(\.id) == ["m0", "m1", "m2", "m3"])
        #expect(try store.conversation(id: "c2")?.leafID == nil)
        #expect(try store.search("sunsets").count == 1)
    }

    @Test func theBranchShownLastComesBackAndTheOthersStay() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try #require(ConversationStore.open(at: dir.appendingPathComponent("s.sqlite").path).store)
        try branched(store)
        let sky = try #require(try store.conversation(id: "c1"))
        #expect(try store.branch(of: sky).map(\.id) == ["q", "a2"])
        #expect(try store.messages(of: "c1").map(\.id) == ["q", "a1", "a2", "f"], "siblings oldest first")
        var other = sky
        other.leafID = "f"
        #expect(try store.branch(of: other).map(\.id) == ["q", "a1", "f"])
        // Search finds text on a branch not shown.
        #expect(try store.search("sunsets").map(\.messageID) == ["f"])
    }

    @Test func exportWritesTheBranchShownOrEveryBranch() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try #require(ConversationStore.open(at: dir.appendingPathComponent("s.sqlite").path).store)
        try branched(store)
        let sky = try #require(try store.conversation(id: "c1"))
        let branch = try store.branch(of: sky)
        let shown = try ConversationExport.render(sky, branch, as: .markdown)
        #expect(shown.contains("Short wavelengths scatter."))
        #expect(!shown.contains("Rayleigh"))
        let tree = try ConversationExport.renderTree(sky, branch: branch, all: try store.messages(of: "c1"), as: .markdown)
        #expect(tree.contains("Short wavelengths scatter."))
        #expect(tree.contains("# Other branch 1 of 1 after “Why is the sky blue?”\n\n## assistant\n\nRayleigh scattering.\n\n## You\n\nAnd sunsets?"))
        let json = try ConversationExport.renderTree(sky, branch: branch, all: try store.messages(of: "c1"), as: .json)
        #expect(json.contains(#""branch" : ["#))
        #expect(json.contains(#""parent" : "a1""#))
    }

    @Test func aDamagedStoreIsReadBackWithItsBranches() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            try branched(store)
        }
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try file.write(contentsOf: Data(repeating: 0, count: 4096))
        try file.close()
        let (store, problem) = ConversationStore.open(at: path)
        let opened = try #require(store)
        #expect(problem?.contains("read back from it") == true, "\(problem ?? "")")
        let sky = try #require(try opened.conversation(id: "c1"))
        #expect(sky.leafID == "a2")
        #expect(try opened.messages(of: "c1").map(\.parentID) == [nil, "q", "q", "a1"])
        #expect(try opened.branch(of: sky).map(\.id) == ["q", "a2"])
    }
}
