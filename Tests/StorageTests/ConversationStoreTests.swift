import Foundation
import GRDB
@testable import Storage
import Testing

@Suite struct ConversationStoreTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func message(_ id: String, _ position: Int, _ text: String, status: StoredMessage.Status = .complete, in conversation: String = "c1") -> StoredMessage {
        StoredMessage(id: id, conversationID: conversation, position: position, kind: "user", text: text, thinking: "", status: status, outcome: nil, createdAt: StoredTime.past, updatedAt: StoredTime.past)
    }

    private func conversation(_ id: String = "c1", title: String = "Hello", updatedAt: Date = StoredTime.past) -> StoredConversation {
        StoredConversation(id: id, title: title, model: "ollama:llama2", systemPrompt: "Be brief.", temperature: 0.2, createdAt: updatedAt, updatedAt: updatedAt)
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

    /// Dates are written in the form GRDB wrote before, so a store's old and new rows read and
    /// sort alike, but by `StoreDates` (a date before 1582 tells them apart: Foundation's
    /// formatter turns Julian there, SQLite and `UTCDateTime` stay Gregorian).
    @Test func datesAreWrittenInTheFormGRDBUsedAndItsRowsReadBack() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try #require(ConversationStore.open(at: path).store)
        try store.save(conversation(updatedAt: Date(timeIntervalSince1970: 1_796_652_189.25)))
        try store.save(conversation("c2", updatedAt: Date(timeIntervalSince1970: -14_826_628_800)))
        let queue = try DatabaseQueue(path: path)
        let written = try queue.read { try String.fetchAll($0, sql: "SELECT createdAt FROM conversation ORDER BY id") }
        #expect(written == ["2026-12-07 14:03:09.250", "1500-03-01 12:00:00.000"])
        let moment = Date(timeIntervalSince1970: 1_700_000_060.5)
        try queue.write { db in
            try db.execute(sql: "UPDATE conversation SET createdAt = ? WHERE id = 'c1'", arguments: [moment])
        }
        try queue.close()
        #expect(try store.conversations(limit: 10).first { $0.id == "c1" }?.createdAt == moment)
    }

    @Test func theStoreFilesAreReadableByTheirOwnerOnly() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("data/store.sqlite").path
        let store = try #require(ConversationStore.open(at: path).store)
        try store.save(conversation())
        for suffix in ["", "-wal", "-shm"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(suffix.isEmpty ? "database" : suffix) mode \(String(mode, radix: 8))")
        }
        let folderMode = try #require(try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("data").path)[.posixPermissions] as? Int)
        #expect(folderMode == 0o700)
    }

    @Test func answersStillStreamingWhenItStoppedComeBackInterrupted() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        do {
            // Written by a Parley that is gone (another boot).
            let gone = ProcessIdentity(boot: "an-earlier-boot", pid: 4242, startTicks: 7)
            let store = try #require(ConversationStore.open(at: path, writer: gone).store)
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
        #expect(problem?.contains("nothing in it could be read") == true)
        try store?.save(conversation())
        #expect(try store?.latest()?.id == "c1")
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".damaged-") }
        #expect(!aside.isEmpty)
    }

    @Test func aStoreWhoseFirstPageIsDestroyedIsReadBackIntoANewOne() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        // Longer than a page: read back through its overflow pages.
        let long = (0..<2000).map { "word\($0)" }.joined(separator: " ")
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            for index in 0..<40 {
                let id = "c\(index)"
                try store.save(conversation(id, title: "Conversation \(index)", updatedAt: base.addingTimeInterval(Double(index))))
                try store.save((0..<20).map { message("\(id)-m\($0)", $0, $0 == 0 ? long : "text of message \($0) in \(id)", in: id) })
            }
            try store.save([message("c7-m20", 20, "half an answer", status: .streaming, in: "c7")])
            try store.save([message("c8-m3", 3, "edited later", in: "c8")])
            for index in 30..<35 { try store.delete(conversationID: "c\(index)") }
        }
        // The header and the schema both live on page 1: without it SQLite sees no database.
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try file.write(contentsOf: Data(repeating: 0, count: 4096))
        try file.close()

        let (store, problem) = ConversationStore.open(at: path)
        let opened = try #require(store)
        #expect(problem?.contains("read back from it into a new store: 35 conversations, 701 messages") == true, "\(problem ?? "")")
        let ids = Set(try opened.conversations(limit: 100).map(\.id))
        #expect(ids == Set((0..<40).filter { !(30..<35).contains($0) }.map { "c\($0)" }), "deleted conversations stay deleted")
        let c8 = try opened.messages(of: "c8")
        #expect(c8.count == 20 && c8[0].text == long && c8[3].text == "edited later")
        let c8Header = try #require(try opened.conversation(id: "c8"))
        #expect(try opened.branch(of: c8Header).count == 20, "saved as one branch, read back as one")
        #expect(try opened.conversation(id: "c8")?.title == "Conversation 8")
        #expect(try opened.messages(of: "c7").last?.status == .interrupted)
        #expect(try opened.search("word1999").map(\.messageID).sorted().count == 35)
        #expect(try opened.search("in c12").map(\.conversationID).allSatisfy { $0 == "c12" })
    }

    @Test func rowsStillInTheWriteAheadLogAreReadBackToo() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let copy = dir.appendingPathComponent("copy.sqlite").path
        let store = try #require(ConversationStore.open(at: path).store)
        for index in 0..<10 {
            try store.save(conversation("c\(index)", title: "Conversation \(index)"))
            try store.save([message("c\(index)-m0", 0, "saved while running", in: "c\(index)")])
        }
        // The files as a kill -9 leaves them: recent rows only in the WAL, not checkpointed.
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
        }
        #expect(FileManager.default.fileExists(atPath: copy + "-wal"))
        // A damaged header: SQLite would read it, find no database, and drop the log.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: copy))
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 100))
        try handle.close()

        let (readBack, problem) = ConversationStore.open(at: copy)
        #expect(problem?.contains("10 conversations, 10 messages") == true, "\(problem ?? "")")
        #expect(try readBack?.messages(of: "c4").map(\.text) == ["saved while running"])
    }

    @Test func aStoreWithDamagedPagesStillOpensAndReadsWhatItCan() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            for index in 0..<40 {
                let id = "c\(index)"
                try store.save(conversation(id, title: "Conversation \(index)", updatedAt: base.addingTimeInterval(Double(index))))
                try store.save((0..<20).map { message("\(id)-m\($0)", $0, String(repeating: "text of message \($0) ", count: 20), in: id) })
            }
        }
        // Overwrite a run of pages in the middle of the file, as a bad disk block would.
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try file.seekToEnd()
        try file.seek(toOffset: size / 2)
        try file.write(contentsOf: Data(repeating: 0xA5, count: 4096 * 4))
        try file.close()

        let (store, problem) = ConversationStore.open(at: path)
        let opened = try #require(store, "the chat must still start: \(problem ?? "")")
        // Whatever the damage hit, reading reports it as an error instead of crashing, and the
        // store still takes new conversations.
        let readable = (0..<40).filter { index in (try? opened.messages(of: "c\(index)"))?.count == 20 }
        try opened.save(conversation("fresh", updatedAt: base.addingTimeInterval(100)))
        #expect(try opened.conversation(id: "fresh") != nil)
        // The damage hit some conversations (34 of 40 stay readable with today's layout), and
        // the rest load: the store was not set aside for a few bad pages.
        #expect(problem == nil)
        #expect(!readable.isEmpty && readable.count < 40, "\(readable.count) of 40 readable")
    }

    @Test func latestIsTheMostRecentlyUsed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try #require(ConversationStore.open(at: dir.appendingPathComponent("s.sqlite").path).store)
        // Stored times have millisecond precision: give the two a clear order.
        try store.save(conversation("a", title: "A", updatedAt: StoredTime.past.addingTimeInterval(-20)))
        try store.save(conversation("b", title: "B", updatedAt: StoredTime.past.addingTimeInterval(-10)))
        #expect(try store.latest()?.id == "b")
        try store.save([message("x", 0, "to a", in: "a")])
        #expect(try store.latest()?.id == "a")
        #expect(try store.conversations().map(\.id) == ["a", "b"])
    }
}

@Suite struct SearchTests {
    @Test func findsMessagesAcrossConversationsBestFirstWithSnippets() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try #require(ConversationStore.open(at: dir.appendingPathComponent("s.sqlite").path).store)
        let now = StoredTime.past
        for (id, title) in [("a", "Sky"), ("b", "Kitchen")] {
            try store.save(StoredConversation(id: id, title: title, model: "", systemPrompt: nil, temperature: nil, createdAt: now, updatedAt: now))
        }
        func message(_ id: String, _ conversation: String, _ position: Int, _ text: String) -> StoredMessage {
            StoredMessage(id: id, conversationID: conversation, position: position, kind: "assistant", text: text, thinking: "", status: .complete, outcome: nil, createdAt: now, updatedAt: now)
        }
        try store.save([
            message("a1", "a", 0, "Why is the sky blue? Rayleigh scattering of sunlight by the air."),
            message("a2", "a", 1, "Sunsets are red because blue light is scattered away over the long path."),
            message("b1", "b", 0, "A recipe: blue cheese dressing with scattered herbs."),
            message("b2", "b", 1, "Nothing relevant here at all."),
        ])
        let hits = try store.search("scatter blue")
        #expect(Set(hits.map(\.messageID)) == ["a1", "a2", "b1"])
        #expect(hits.allSatisfy { $0.snippet.contains("«") })
        #expect(hits.first { $0.messageID == "b1" }?.conversationTitle == "Kitchen")
        #expect(try store.search("rayleigh").map(\.messageID) == ["a1"])
        #expect(try store.search("Rayléigh").map(\.messageID) == ["a1"])
        #expect(try store.search("").isEmpty)
        #expect(try store.search("\"unbalanced quote AND OR").isEmpty)
        try store.save([message("b2", "b", 1, "Now it mentions rayleigh too, briefly.")])
        #expect(try store.search("rayleigh").count == 2)
        let ranked = try store.search("scattering")
        #expect(ranked.first?.messageID == "a1")
    }
}

@Suite struct SQLiteRecordScannerTests {
    /// With the header gone, the page size is found from the pages themselves.
    @Test(arguments: [1024, 8192, 65536])
    func aFileOfAnotherPageSizeIsReadWithoutItsHeader(pageSize: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-scan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("other.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA page_size = \(pageSize)")
                try db.execute(sql: "CREATE TABLE t(name TEXT, n INTEGER, x REAL, b BLOB)")
            }
            try queue.write { db in
                for index in 0..<2000 {
                    try db.execute(sql: "INSERT INTO t VALUES (?, ?, ?, ?)", arguments: ["row \(index) " + String(repeating: "·", count: index % 300), index * 1000, Double(index) / 4, Data([UInt8(index % 256)])])
                }
            }
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.replaceSubrange(0..<100, with: Data(repeating: 0, count: 100))
        let rows = SQLiteRecordScanner(file: bytes, wal: nil).records().filter { $0.count == 4 }
        #expect(rows.count == 2000)
        #expect(rows.contains([.text("row 1999 " + String(repeating: "·", count: 1999 % 300)), .integer(1_999_000), .real(499.75), .blob(Data([UInt8(1999 % 256)]))]))
    }

    /// Reading back a damaged store must never trap, whatever the bytes: a store file with
    /// bytes flipped at random, cut short, or replaced by noise.
    @Test func damagedBytesAreReadWithoutTrapping() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-scan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        do {
            let store = try #require(ConversationStore.open(at: path).store)
            let now = StoredTime.past
            for index in 0..<5 {
                try store.save(StoredConversation(id: "c\(index)", title: "T", model: "", systemPrompt: nil, temperature: nil, createdAt: now, updatedAt: now))
                try store.save((0..<5).map {
                    StoredMessage(id: "c\(index)-\($0)", conversationID: "c\(index)", position: $0, kind: "user",
                                  text: String(repeating: "long text ", count: 50 * $0), thinking: "", status: .complete,
                                  outcome: nil, createdAt: now, updatedAt: now)
                })
            }
        }
        let intact = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(SQLiteRecordScanner(file: intact, wal: nil).records().count >= 30)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<120 {
            var bytes = [UInt8](intact)
            switch round % 3 {
            case 0:
                for _ in 0..<50 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            case 1:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            default:
                bytes = (0..<Int.random(in: 0..<20_000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            _ = SQLiteRecordScanner(file: Data(bytes), wal: Data(bytes.reversed())).records()
        }
    }
}

/// The time the tests' records carry: fixed, and in the past, so that a save the store stamps
/// with the wall clock (a message touching its conversation) always comes after it.
enum StoredTime {
    static let past = Date(timeIntervalSince1970: 1_700_000_000)
}
