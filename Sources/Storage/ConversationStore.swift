import ChatCore
import Foundation
import GRDB

/// Conversations kept in SQLite (WAL, synchronous=FULL on the connection that writes), shared
/// safely by any number of Parleys: every connection waits for a lock as `StoreLockWait` says
/// (10 s). Opening never fails for a damaged file: it is moved aside, reported, and what can
/// still be read of it starts the new store. A busy, full, unwritable or newer store is
/// reported as what it is and left alone.
public final class ConversationStore: Sendable {
    private let database: DatabasePool
    public let path: String
    /// The process that writes this store's streaming answers.
    private let writer: ProcessIdentity
    /// What this store put on disk of each answer it is streaming, so the next save appends
    /// only what is new. Held across a save, which also keeps saves one at a time.
    private let streamed = Locked<[String: StreamedLength]>([:])

    /// The store at `path`, and what went wrong if it could not be opened as it is. Only a
    /// damaged file is moved aside (the rows still readable in it are carried into a new
    /// store); any other failure returns no store and says why.
    /// `beforeReadingBack` hears what happened before the rows are read back, which takes
    /// seconds for a large store.
    public static func open(
        at path: String, writer: ProcessIdentity = .current, lockWait: StoreLockWait = .standard,
        beforeReadingBack: (String) -> Void = { _ in }
    ) -> (store: ConversationStore?, problem: String?) {
        // SQLite answers some lock conflicts at once instead of waiting (another Parley setting
        // up the same new file, a read that cannot become a write): those are tried again,
        // within the same time a lock is waited for.
        let deadline = ContinuousClock.now + .seconds(lockWait.seconds)
        var pause = Duration.milliseconds(50)
        while true {
            do {
                let store = try ConversationStore(path: path, writer: writer, lockWait: lockWait)
                return (store, store.isReadOnly ? store.readOnlyProblem : nil)
            } catch let failure as StoreFailure where failure.kind == .busy && ContinuousClock.now + pause < deadline {
                Thread.sleep(forTimeInterval: pause.inSeconds)
                pause = min(pause * 2, .seconds(1))
            } catch {
                return failedOpen(error, path: path, writer: writer, lockWait: lockWait, beforeReadingBack: beforeReadingBack)
            }
        }
    }

    private static func failedOpen(
        _ error: any Error, path: String, writer: ProcessIdentity, lockWait: StoreLockWait, beforeReadingBack: (String) -> Void
    ) -> (store: ConversationStore?, problem: String?) {
        let failure = StoreFailure(error, path: path)
        guard failure.kind == .damaged else { return (nil, failure.description) }
        return setAsideAndReadBack(
            failure, path: path, writer: writer, lockWait: lockWait, beforeReadingBack: beforeReadingBack
        )
    }

    private static func setAsideAndReadBack(
        _ failure: StoreFailure, path: String, writer: ProcessIdentity, lockWait: StoreLockWait,
        beforeReadingBack: (String) -> Void
    ) -> (store: ConversationStore?, problem: String?) {
        let aside = path + ".damaged-\(Int(Date().timeIntervalSince1970))"
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
        let problem = "\(failure); it was moved to \(aside)"
        let store: ConversationStore
        do {
            store = try ConversationStore(path: path, writer: writer, lockWait: lockWait)
        } catch {
            return (nil, "conversations cannot be saved: \(StoreFailure(error, path: path))")
        }
        beforeReadingBack(problem + "; reading back what it still holds…")
        let salvage = StoreSalvage(scanning: aside)
        guard !salvage.isEmpty else { return (store, problem + "; nothing in it could be read, a new store was started") }
        do {
            try store.database.write { db in
                try salvage.insert(into: db)
                try StoreSchema.linkUnbranched(db)
                try Self.markCutOffAnswers(db)
            }
        } catch {
            return (store, problem + "; reading it back failed (\(error)), a new store was started")
        }
        let conversations = salvage.conversations.count, messages = salvage.messages.count
        let found = "\(conversations) conversation\(conversations == 1 ? "" : "s"), \(messages) message\(messages == 1 ? "" : "s")"
        return (store, problem + "; read back from it into a new store: \(found)")
    }

    private init(path: String, writer: ProcessIdentity, lockWait: StoreLockWait) throws {
        self.path = path
        self.writer = writer
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            // SQLite given a file whose header it cannot read drops the rows still in its
            // write-ahead log (the log no longer matches the file), so such a file is not
            // handed to it at all.
            guard SQLiteRecordScanner.hasReadableHeader(path) else {
                throw StoreFailure(.damaged, path: path, detail: "its header is damaged")
            }
            var configuration = Configuration()
            configuration.busyMode = lockWait.busyMode
            configuration.prepareDatabase { db in
                // Deleted rows are overwritten, not only unlinked: a deleted conversation is
                // gone from the file, and cannot come back when a damaged store is read back.
                try db.execute(sql: "PRAGMA secure_delete = ON")
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                // GRDB sets NORMAL on the writer after `prepareDatabase`; FULL is what makes a
                // committed save survive power loss, so it is set here, last.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // A checkpointed log shrinks to nothing, so words of a deleted conversation do
                // not linger in frames of the log that are never written again.
                try db.execute(sql: "PRAGMA journal_size_limit = 0")
            }
            // Conversations are private: the folder is 0700 already, the files follow (SQLite
            // gives its -wal and -shm files the database file's mode).
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + suffix)
            }
            // (A file that is not a database fails here; a full integrity check would read
            // every page and make start-up grow with the store.)
            let standing = try pool.writeWithoutTransaction { db in try StoreSchema.migrate(db) }
            if case .newer(let unknown) = standing {
                newerSchema = "schema \(unknown.joined(separator: ", "))"
            } else {
                newerSchema = nil
                try pool.write(Self.markCutOffAnswers)
            }
            database = pool
        } catch {
            throw StoreFailure(error, path: path)
        }
    }

    /// The migrations of a newer Parley found in the store, which make it read-only.
    private let newerSchema: String?

    /// Set when a newer Parley wrote the store: it is read, never written.
    public var isReadOnly: Bool { newerSchema != nil }

    private var readOnlyProblem: String? {
        newerSchema.map { StoreFailure(.newerSchema, path: path, detail: $0).description }
    }

    /// Answers left streaming by a writer that is gone (it stopped or was killed) were cut
    /// off: what was saved of them is folded into one text and they are marked interrupted.
    /// One another live Parley is streaming right now is left alone.
    private static func markCutOffAnswers(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.id AS id, w.writer AS writer FROM message m
            LEFT JOIN message_writer w ON w.messageID = m.id
            WHERE m.status = 'streaming'
            """)
        for row in rows {
            let id: String = row["id"]
            let writer = (row["writer"] as String?).flatMap(ProcessIdentity.init)
            if writer?.isRunning == true { continue }
            let (text, thinking) = try parts(of: id, db)
            try db.execute(
                sql: "UPDATE message SET text = text || ?, thinking = thinking || ?, status = 'interrupted' WHERE id = ?",
                arguments: [text, thinking, id]
            )
            try db.execute(sql: "DELETE FROM message_part WHERE messageID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM message_writer WHERE messageID = ?", arguments: [id])
        }
    }

    /// What was appended to a streaming answer after its row, in order.
    private static func parts(of id: String, _ db: Database) throws -> (text: String, thinking: String) {
        var text = "", thinking = ""
        let cursor = try Row.fetchCursor(db, sql: "SELECT text, thinking FROM message_part WHERE messageID = ? ORDER BY seq", arguments: [id])
        while let row = try cursor.next() {
            text += row["text"] as String
            thinking += row["thinking"] as String
        }
        return (text, thinking)
    }

    /// Runs a write, its failure said as what it is.
    private func writing<T>(_ body: () throws -> T) throws -> T {
        if let newerSchema { throw StoreFailure(.newerSchema, path: path, detail: newerSchema) }
        do {
            return try body()
        } catch {
            throw StoreFailure(error, path: path)
        }
    }

    /// Saves the conversation's header; creates it the first time.
    public func save(_ conversation: StoredConversation) throws {
        try writing { try database.write { db in try conversation.save(db) } }
    }

    /// Saves messages (insert or update), removes `removed` ones, and touches their
    /// conversation, in one transaction. A streaming answer saved before by this store gets
    /// only its new text appended; a complete one is written whole (and indexed) once.
    public func save(_ messages: [StoredMessage], removing removed: [String] = []) throws {
        guard !messages.isEmpty || !removed.isEmpty else { return }
        try writing {
            try streamed.withLock { streamed in
                var next = streamed
                try database.write { db in
                    for message in messages { try save(message, db, streamed: &next) }
                    for id in removed {
                        try db.execute(sql: "DELETE FROM message WHERE id = ?", arguments: [id])
                        next[id] = nil
                    }
                    for id in Set(messages.map(\.conversationID)) {
                        try db.execute(sql: "UPDATE conversation SET updatedAt = ? WHERE id = ?", arguments: [StoreDates.text(Date()), id])
                    }
                }
                streamed = next
            }
        }
    }

    private func save(_ message: StoredMessage, _ db: Database, streamed: inout [String: StreamedLength]) throws {
        let length = StreamedLength(message)
        if message.status == .streaming, let saved = streamed[message.id], let added = saved.added(upTo: message) {
            if !added.text.isEmpty || !added.thinking.isEmpty {
                try db.execute(
                    sql: "INSERT INTO message_part (messageID, seq, text, thinking) VALUES (?, ?, ?, ?)",
                    arguments: [message.id, saved.parts, added.text, added.thinking]
                )
            }
            try db.execute(
                sql: "UPDATE message SET position = ?, parentID = ?, target = ?, outcome = ?, updatedAt = ? WHERE id = ?",
                arguments: [message.position, message.parentID, message.target, message.outcome, StoreDates.text(message.updatedAt), message.id]
            )
            streamed[message.id] = StreamedLength(length, parts: saved.parts + (added.text.isEmpty && added.thinking.isEmpty ? 0 : 1))
            return
        }
        try db.execute(sql: """
            INSERT INTO message (id, conversationID, position, parentID, kind, text, thinking, status, target, outcome, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET conversationID = excluded.conversationID, position = excluded.position,
                parentID = excluded.parentID, kind = excluded.kind, text = excluded.text, thinking = excluded.thinking,
                status = excluded.status, target = excluded.target, outcome = excluded.outcome, updatedAt = excluded.updatedAt
            """, arguments: [
                message.id, message.conversationID, message.position, message.parentID, message.kind, message.text, message.thinking,
                message.status.rawValue, message.target, message.outcome, StoreDates.text(message.createdAt), StoreDates.text(message.updatedAt),
            ])
        try db.execute(sql: "DELETE FROM message_part WHERE messageID = ?", arguments: [message.id])
        if message.status == .streaming {
            try db.execute(
                sql: "INSERT OR REPLACE INTO message_writer (messageID, writer) VALUES (?, ?)",
                arguments: [message.id, writer.description]
            )
            streamed[message.id] = length
        } else {
            try db.execute(sql: "DELETE FROM message_writer WHERE messageID = ?", arguments: [message.id])
            streamed[message.id] = nil
        }
    }

    /// The conversation used last.
    public func latest() throws -> StoredConversation? {
        try reading { db in try StoredConversation.order(Column("updatedAt").desc).fetchOne(db) }
    }

    public func conversation(id: String) throws -> StoredConversation? {
        try reading { db in try StoredConversation.fetchOne(db, key: id) }
    }

    /// A conversation's messages on every branch, by position and, among siblings, oldest
    /// first; a streaming answer with all its saved parts.
    public func messages(of conversationID: String) throws -> [StoredMessage] {
        try reading { db in
            var messages = try StoredMessage.filter(Column("conversationID") == conversationID)
                .order(Column("position"), Column("createdAt"), Column.rowID).fetchAll(db)
            for index in messages.indices where messages[index].status == .streaming {
                let (text, thinking) = try Self.parts(of: messages[index].id, db)
                messages[index].text += text
                messages[index].thinking += thinking
            }
            return messages
        }
    }

    /// The messages of the branch the conversation showed when it was last saved, in order.
    public func branch(of conversation: StoredConversation) throws -> [StoredMessage] {
        let all = try messages(of: conversation.id)
        let tree = MessageTree(all.map { (id: $0.id, parent: $0.parentID) })
        let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return tree.branch(through: conversation.leafID).compactMap { byID[$0] }
    }

    /// The outcomes saved with answers (JSON, as the chat screen wrote them: who answered,
    /// tokens, cost), each with its conversation: of answers saved since `since`, of the
    /// conversations `ids`, or all.
    public func answerOutcomes(since: Date? = nil, of ids: [String]? = nil) throws -> [(conversationID: String, outcome: Data)] {
        try reading { db in
            var request = StoredMessage.filter(Column("kind") == "assistant" && Column("outcome") != nil)
            if let since { request = request.filter(Column("createdAt") >= StoreDates.text(since)) }
            if let ids { request = request.filter(ids.contains(Column("conversationID"))) }
            return try Row.fetchAll(db, request.select(Column("conversationID"), Column("outcome"))).map { ($0["conversationID"], $0["outcome"]) }
        }
    }

    private func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw StoreFailure(error, path: path)
        }
    }

    /// At most this many of the newest matches are ranked: a word found in most of a long
    /// history would otherwise cost a ranking of all of it.
    static let rankedCandidates = 2000

    /// Messages of every conversation that hold all of `words` (as word prefixes), best
    /// match first (bm25) among the newest matches, each with a snippet around the match.
    /// An answer still streaming is found once it is complete.
    public func search(_ words: String, limit: Int = 50) throws -> [SearchHit] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: words) else { return [] }
        return try reading { db in
            try SearchHit.fetchAll(db, sql: """
                SELECT m.conversationID AS conversationID, c.title AS conversationTitle, m.id AS messageID,
                       m.position AS position, m.kind AS kind, m.updatedAt AS updatedAt,
                       snippet(message_fts, 0, '«', '»', '…', 12) AS snippet
                FROM message_fts
                JOIN message m ON m.rowid = message_fts.rowid
                JOIN conversation c ON c.id = m.conversationID
                WHERE message_fts MATCH ?
                  AND message_fts.rowid >= (
                      SELECT MIN(rowid) FROM (
                          SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid DESC LIMIT ?))
                ORDER BY message_fts.rank
                LIMIT ?
                """, arguments: [pattern, pattern, Self.rankedCandidates, limit])
        }
    }

    /// Deletes a conversation so that none of its words remain in the store's files: its rows
    /// are overwritten (`secure_delete`), the search index is merged into one segment (a
    /// deleted row otherwise leaves its words in the index as a tombstone until some later
    /// merge), and the write-ahead log is checkpointed and truncated.
    public func delete(conversationID: String) throws {
        try writing {
            try database.write { db in
                try db.execute(sql: "DELETE FROM message WHERE conversationID = ?", arguments: [conversationID])
                _ = try StoredConversation.deleteOne(db, key: conversationID)
                try db.execute(sql: "INSERT INTO message_fts(message_fts) VALUES ('optimize')")
            }
            // Another process reading right now can keep the log from being truncated; its
            // frames then go at the next checkpoint.
            try database.writeWithoutTransaction { db in
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }

    /// How many messages each of `ids` has.
    public func messageCounts(_ ids: [String]) throws -> [String: Int] {
        try reading { db in
            let rows = try Row.fetchAll(db, sql: "SELECT conversationID, COUNT(*) AS n FROM message GROUP BY conversationID")
            var counts: [String: Int] = [:]
            for row in rows where ids.contains(row["conversationID"]) { counts[row["conversationID"]] = row["n"] }
            return counts
        }
    }

    /// Conversations, most recent first.
    public func conversations(limit: Int = 100) throws -> [StoredConversation] {
        try reading { db in
            try StoredConversation.order(Column("updatedAt").desc).limit(limit).fetchAll(db)
        }
    }

    /// `PRAGMA synchronous` on the connection that writes (2 is FULL).
    func writerSynchronous() throws -> Int {
        try database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }
}
