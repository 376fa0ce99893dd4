import ChatCore
import Foundation
import GRDB
@testable import Storage
import Testing

/// One store used by several connections at once, as several Parleys use it; durability,
/// streaming saves, deletion and migrations.
@Suite(.timeLimit(.minutes(2))) struct SharedStoreTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func message(
        _ id: String, _ position: Int, _ text: String, status: StoredMessage.Status = .complete, in conversation: String = "c1"
    ) -> StoredMessage {
        StoredMessage(
            id: id, conversationID: conversation, position: position, kind: "assistant", text: text, thinking: "",
            status: status, outcome: nil, createdAt: StoredTime.past, updatedAt: StoredTime.past
        )
    }

    private func conversation(_ id: String = "c1", title: String = "Hello") -> StoredConversation {
        StoredConversation(id: id, title: title, model: "ollama:llama2", systemPrompt: nil, temperature: nil, createdAt: StoredTime.past, updatedAt: StoredTime.past)
    }

    /// A process that is not running: another boot.
    private let goneWriter = ProcessIdentity(boot: "an-earlier-boot", pid: 4242, startTicks: 7)

    /// Runs blocking store work on threads of its own and awaits them: SQLite waiting for a
    /// lock must not hold the few threads every other test's tasks run on.
    private func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                        Thread { continuation.resume(with: Result { try body(index) }) }.start()
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private func asideFiles(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("damaged") }
    }

    @Test func storesOpenedAndWrittenAtOnceLoseNothingAndNothingIsMovedAside() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        // Three writers open a new store at the same moment (each runs the migrations) and
        // save, while a fourth searches.
        try await onThreads(4) { [self] index in
            let (store, problem) = ConversationStore.open(at: path)
            #expect(problem == nil)
            let opened = try #require(store)
            guard index < 3 else {
                for _ in 0..<40 { _ = try opened.search("line") }
                return
            }
            try opened.save(conversation("w\(index)"))
            for line in 0..<40 {
                try opened.save([message("w\(index)-\(line)", line, "writer\(index) line \(line)", in: "w\(index)")])
            }
        }
        let store = try #require(ConversationStore.open(at: path).store)
        for writer in 0..<3 {
            #expect(try store.messages(of: "w\(writer)").count == 40)
        }
        #expect(try asideFiles(in: dir).isEmpty)
    }

    @Test func aStoreUnderAnotherConnectionsWriteLockIsWaitedForNotMovedAside() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            try store.save(conversation())
            try store.save([message("m1", 0, "kept")])
        }
        // Another program (a backup, an sqlite3 shell) holds the write lock until the store is
        // seen waiting for it.
        let other = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0), waiting = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                locked.signal()
                // Bounded only so that a store that never waits cannot hang the run.
                _ = waiting.wait(timeout: .now() + 60)
                try db.execute(sql: "COMMIT")
            }
        }
        holder.start()
        let waited = Locked(false)
        try await onThreads(1) { [self] _ in
            locked.wait()
            let lockWait = StoreLockWait(seconds: StoreLockWait.standard.seconds) {
                waited.withLock { $0 = true }
                waiting.signal()
            }
            let (store, problem) = ConversationStore.open(at: path, lockWait: lockWait)
            #expect(waited.withLock { $0 }, "the store did not meet the lock")
            #expect(problem == nil)
            let opened = try #require(store)
            try opened.save([message("m2", 1, "added while it was locked")])
            #expect(try opened.messages(of: "c1").map(\.text) == ["kept", "added while it was locked"])
        }
        #expect(try asideFiles(in: dir).isEmpty)
    }

    @Test func aLockHeldPastTheWaitIsReportedAsBusyAndTheStoreIsLeftAlone() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            try store.save(conversation())
        }
        try await onThreads(1) { _ in
            let other = try DatabaseQueue(path: path)
            try other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                let (store, problem) = ConversationStore.open(at: path, lockWait: StoreLockWait(seconds: 1))
                #expect(store == nil)
                #expect(problem?.contains("is locked by another program") == true)
                #expect(problem?.contains(path) == true)
                try db.execute(sql: "COMMIT")
            }
        }
        #expect(try asideFiles(in: dir).isEmpty)
        #expect(try ConversationStore.open(at: path).store?.latest()?.title == "Hello")
    }

    @Test func theWritingConnectionIsSynchronousFull() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try #require(ConversationStore.open(at: dir.appendingPathComponent("s.sqlite").path).store)
        #expect(try store.writerSynchronous() == 2)
    }

    @Test func anAnswerAnotherLiveParleyIsStreamingIsNotMarkedCutOff() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        let first = try #require(ConversationStore.open(at: path).store)
        try first.save(conversation())
        try first.save([message("m1", 0, "still coming", status: .streaming)])
        // A second window opens the same store while the first streams.
        let second = try #require(ConversationStore.open(at: path).store)
        #expect(try second.messages(of: "c1").first?.status == .streaming)
        try first.save([message("m1", 0, "still coming, and done")])
        #expect(try second.messages(of: "c1").first?.status == .complete)
    }

    @Test func anAnswerWhoseWriterIsGoneIsMarkedCutOffWithAllItsText() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        do {
            let gone = try #require(ConversationStore.open(at: path, writer: goneWriter).store)
            try gone.save(conversation())
            try gone.save([message("m1", 0, "partial", status: .streaming)])
            try gone.save([message("m1", 0, "partial answer", status: .streaming)])
        }
        let reopened = try #require(ConversationStore.open(at: path).store)
        let answer = try #require(try reopened.messages(of: "c1").first)
        #expect(answer.status == .interrupted)
        #expect(answer.text == "partial answer")
        #expect(try reopened.search("answer").count == 1)
    }

    @Test func aGrowingAnswerIsSavedByAppendingWhatIsNewAndIndexedOnceComplete() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        let store = try #require(ConversationStore.open(at: path).store)
        try store.save(conversation())
        var text = "héllo"
        try store.save([message("m1", 0, text, status: .streaming)])
        for index in 0..<20 {
            text += " wörd\(index)"
            try store.save([message("m1", 0, text, status: .streaming)])
        }
        let reader = try DatabaseQueue(path: path)
        // The row keeps its first text; each save added one part of its own.
        #expect(try reader.read { db in try String.fetchOne(db, sql: "SELECT text FROM message WHERE id = 'm1'") } == "héllo")
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message_part WHERE messageID = 'm1'") } == 20)
        #expect(try store.messages(of: "c1").first?.text == text)
        // Not searchable while it streams: it is indexed once, when complete.
        #expect(try store.search("wörd19").isEmpty)
        try store.save([message("m1", 0, text)])
        #expect(try reader.read { db in try String.fetchOne(db, sql: "SELECT text FROM message WHERE id = 'm1'") } == text)
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message_part") } == 0)
        #expect(try store.search("wörd19").count == 1)
        try reader.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO message_fts(message_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test func aDeletedConversationLeavesNoWordOfItInTheStoresFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        let secret = "quixotriumphal"
        let store = try #require(ConversationStore.open(at: path).store)
        try store.save(conversation("keep", title: "kept"))
        try store.save([message("k1", 0, "an ordinary answer about tea", in: "keep")])
        try store.save(conversation("gone", title: "the \(secret) plan"))
        for index in 0..<20 {
            try store.save([message("g\(index)", index, "line \(index) of the \(secret) plan", in: "gone")])
        }
        #expect(try store.search(secret).count == 20)
        try store.delete(conversationID: "gone")
        #expect(try store.search(secret).isEmpty)
        #expect(try store.search("tea").count == 1)
        for suffix in ["", "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path + suffix))) ?? Data()
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "found in \(suffix.isEmpty ? "the database" : suffix)")
        }
    }

    @Test func aStoreMadeByThePreviousSchemaMigratesWithNothingLost() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        // The previous release's schema (v1, v2-search) and rows as it wrote them, one answer
        // left streaming (it indexed every row).
        do {
            let old = try DatabasePool(path: path)
            _ = try old.writeWithoutTransaction { db in try StoreSchema.migrate(db, upTo: "v2-search") }
            try old.write { db in
                // The columns of that time: rows as it wrote them.
                try db.execute(sql: "INSERT INTO conversation (id, title, model, createdAt, updatedAt) VALUES ('c1', 'Hello', 'ollama:llama2', ?, ?)", arguments: [StoredTime.past, StoredTime.past])
                for (id, position, text, status) in [("m1", 0, "an old complete answer", "complete"), ("m2", 1, "an old streaming answer", "streaming")] {
                    try db.execute(
                        sql: "INSERT INTO message (id, conversationID, position, kind, text, thinking, status, createdAt, updatedAt) VALUES (?, 'c1', ?, 'user', ?, '', ?, ?, ?)",
                        arguments: [id, position, text, status, StoredTime.past, StoredTime.past]
                    )
                }
            }
        }
        let store = try #require(ConversationStore.open(at: path).store)
        let messages = try store.messages(of: "c1")
        #expect(messages.map(\.text) == ["an old complete answer", "an old streaming answer"])
        #expect(messages.map(\.status) == [.complete, .interrupted])
        #expect(try store.search("old").count == 2)
        #expect(try store.search("streaming").count == 1)
        try store.save([message("m2", 1, "an old streaming answer, finished")])
        #expect(try store.search("finished").count == 1)
        let check = try DatabaseQueue(path: path)
        try check.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO message_fts(message_fts, rank) VALUES ('integrity-check', 1)")
        }
        let applied = try check.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied == ["v1", "v2-search", "v3-streamed-parts", "v4-branches"])
    }

    @Test func aStoreFromANewerParleyOpensReadOnlyWithAClearMessage() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conversations.sqlite").path
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            try store.save(conversation())
            try store.save([message("m1", 0, "from before")])
        }
        let newer = try DatabaseQueue(path: path)
        try newer.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        let (store, problem) = ConversationStore.open(at: path)
        let opened = try #require(store)
        #expect(opened.isReadOnly)
        #expect(problem?.contains("written by a newer Parley") == true)
        #expect(problem?.contains("read-only") == true)
        #expect(try opened.messages(of: "c1").map(\.text) == ["from before"])
        #expect(try opened.search("before").count == 1)
        #expect(throws: StoreFailure.self) { try opened.save([message("m2", 1, "new")]) }
        #expect(try asideFiles(in: dir).isEmpty)
    }
}
