import Foundation
import GRDB

/// Conversations kept in SQLite (WAL, synchronous=FULL): a message is on disk when `save`
/// returns. Opening never fails for a damaged file: it is moved aside, reported, and what
/// can still be read of it starts the new store.
public final class ConversationStore: Sendable {
    private let database: DatabasePool
    public let path: String

    /// The store at `path`, and what went wrong with the old one if it had to be set aside.
    /// A file SQLite will not open is moved aside and the rows still readable in it are
    /// carried into a new store.
    /// `beforeReadingBack` hears what happened before the rows are read back, which takes
    /// seconds for a large store.
    public static func open(at path: String, beforeReadingBack: (String) -> Void = { _ in }) -> (store: ConversationStore?, problem: String?) {
        do {
            return (try ConversationStore(path: path), nil)
        } catch {
            let aside = path + ".damaged-\(Int(Date().timeIntervalSince1970))"
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
            }
            let problem = "the conversation store \(path) could not be opened (\(error)); it was moved to \(aside)"
            let store: ConversationStore
            do {
                store = try ConversationStore(path: path)
            } catch {
                return (nil, "conversations cannot be saved: \(error)")
            }
            beforeReadingBack(problem + "; reading back what it still holds…")
            let salvage = StoreSalvage(scanning: aside)
            guard !salvage.isEmpty else { return (store, problem + "; nothing in it could be read, a new store was started") }
            do {
                try store.database.write { db in
                    try salvage.insert(into: db)
                    try Self.markCutOffAnswers(db)
                }
            } catch {
                return (store, problem + "; reading it back failed (\(error)), a new store was started")
            }
            let conversations = salvage.conversations.count, messages = salvage.messages.count
            let found = "\(conversations) conversation\(conversations == 1 ? "" : "s"), \(messages) message\(messages == 1 ? "" : "s")"
            return (store, problem + "; read back from it into a new store: \(found)")
        }
    }

    private init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        // SQLite given a file whose header it cannot read drops the rows still in its write-ahead
        // log (the log no longer matches the file), so such a file is not handed to it at all.
        guard SQLiteRecordScanner.hasReadableHeader(path) else { throw DamagedHeader() }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted rows are overwritten, not only unlinked: a deleted conversation is gone
            // from the file, and cannot come back when a damaged store is read back.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        database = try DatabasePool(path: path, configuration: configuration)
        // Conversations are private: the folder is 0700 already, the files follow (SQLite
        // gives its -wal and -shm files the database file's mode).
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + suffix)
        }
        try Self.migrator.migrate(database)
        // (A file that is not a database has failed already, in the migrator; a full integrity
        // check would read every page and make start-up grow with the store.)
        try database.write(Self.markCutOffAnswers)
    }

    /// Answers that were streaming when Parley last stopped were cut off.
    private static func markCutOffAnswers(_ db: Database) throws {
        try db.execute(sql: "UPDATE message SET status = 'interrupted' WHERE status = 'streaming'")
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: StoredConversation.databaseTableName) { table in
                table.primaryKey("id", .text)
                table.column("title", .text).notNull()
                table.column("model", .text).notNull()
                table.column("systemPrompt", .text)
                table.column("temperature", .double)
                table.column("maxTokens", .integer)
                table.column("createdAt", .datetime).notNull()
                table.column("updatedAt", .datetime).notNull().indexed()
            }
            try db.create(table: StoredMessage.databaseTableName) { table in
                table.primaryKey("id", .text)
                table.column("conversationID", .text).notNull()
                    .references(StoredConversation.databaseTableName, onDelete: .cascade)
                table.column("position", .integer).notNull()
                table.column("kind", .text).notNull()
                table.column("text", .text).notNull()
                table.column("thinking", .text).notNull()
                table.column("status", .text).notNull()
                table.column("target", .text)
                table.column("outcome", .blob)
                table.column("createdAt", .datetime).notNull()
                table.column("updatedAt", .datetime).notNull()
            }
            try db.create(index: "message_by_conversation", on: StoredMessage.databaseTableName, columns: ["conversationID", "position"])
        }
        migrator.registerMigration("v2-search") { db in
            // Only streaming rows are looked up by status (at start); keep that lookup small.
            try db.execute(sql: "CREATE INDEX message_streaming ON message(status) WHERE status = 'streaming'")
            // Full-text index of message text, kept in step with the table by triggers.
            try db.create(virtualTable: "message_fts", using: FTS5()) { table in
                table.synchronize(withTable: StoredMessage.databaseTableName)
                table.tokenizer = .unicode61(diacritics: .remove)
                // Prefix indexes: "ret" finds "retry" without scanning every term.
                table.prefixes = [2, 3]
                table.column("text")
            }
        }
        return migrator
    }

    /// Saves the conversation's header; creates it the first time.
    public func save(_ conversation: StoredConversation) throws {
        try database.write { db in try conversation.save(db) }
    }

    /// Saves messages (insert or update), and touches their conversation, in one transaction.
    public func save(_ messages: [StoredMessage]) throws {
        guard !messages.isEmpty else { return }
        try database.write { db in
            for message in messages { try message.save(db) }
            for id in Set(messages.map(\.conversationID)) {
                try db.execute(sql: "UPDATE conversation SET updatedAt = ? WHERE id = ?", arguments: [Date(), id])
            }
        }
    }

    /// The conversation used last.
    public func latest() throws -> StoredConversation? {
        try database.read { db in
            try StoredConversation.order(Column("updatedAt").desc).fetchOne(db)
        }
    }

    public func conversation(id: String) throws -> StoredConversation? {
        try database.read { db in try StoredConversation.fetchOne(db, key: id) }
    }

    /// A conversation's messages in order.
    public func messages(of conversationID: String) throws -> [StoredMessage] {
        try database.read { db in
            try StoredMessage.filter(Column("conversationID") == conversationID).order(Column("position")).fetchAll(db)
        }
    }

    /// At most this many of the newest matches are ranked: a word found in most of a long
    /// history would otherwise cost a ranking of all of it.
    static let rankedCandidates = 2000

    /// Messages of every conversation that hold all of `words` (as word prefixes), best
    /// match first (bm25) among the newest matches, each with a snippet around the match.
    public func search(_ words: String, limit: Int = 50) throws -> [SearchHit] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: words) else { return [] }
        return try database.read { db in
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

    public func delete(conversationID: String) throws {
        try database.write { db in
            _ = try StoredMessage.filter(Column("conversationID") == conversationID).deleteAll(db)
            _ = try StoredConversation.deleteOne(db, key: conversationID)
        }
    }

    /// How many messages each of `ids` has.
    public func messageCounts(_ ids: [String]) throws -> [String: Int] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT conversationID, COUNT(*) AS n FROM message GROUP BY conversationID")
            var counts: [String: Int] = [:]
            for row in rows where ids.contains(row["conversationID"]) { counts[row["conversationID"]] = row["n"] }
            return counts
        }
    }

    /// Conversations, most recent first.
    public func conversations(limit: Int = 100) throws -> [StoredConversation] {
        try database.read { db in
            try StoredConversation.order(Column("updatedAt").desc).limit(limit).fetchAll(db)
        }
    }
}

/// The store file does not start as a SQLite database does.
private struct DamagedHeader: Error, CustomStringConvertible {
    var description: String { "its header is damaged" }
}
