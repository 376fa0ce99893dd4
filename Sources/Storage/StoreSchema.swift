import GRDB

/// The store's schema as forward-only migrations, applied in one immediate transaction so that
/// Parleys opening one store at once never run a migration twice. A migration, once released,
/// never changes; the schema grows by adding one. Applied identifiers live in
/// `grdb_migrations`, where every earlier release kept them.
enum StoreSchema {
    /// Where a store stands against the migrations this Parley knows.
    enum Standing: Equatable {
        case current
        /// Migrations a newer Parley applied that this one does not know.
        case newer(unknown: [String])
    }

    static let migrations: [(identifier: String, migrate: @Sendable (Database) throws -> Void)] = [
        ("v1", v1),
        ("v2-search", v2Search),
        ("v3-streamed-parts", v3StreamedParts),
        ("v4-branches", v4Branches),
    ]

    /// Applies what is missing (up to `last`, for tests that make an older store) and says
    /// where the store stands. Must be called outside a transaction.
    static func migrate(_ db: Database, upTo last: String? = nil) throws -> Standing {
        var standing = Standing.current
        try db.inTransaction(.immediate) {
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            let known = Set(migrations.map(\.identifier))
            let unknown = applied.subtracting(known).sorted()
            guard unknown.isEmpty else {
                standing = .newer(unknown: unknown)
                return .rollback
            }
            for (identifier, migrate) in migrations where !applied.contains(identifier) {
                try migrate(db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
                if identifier == last { break }
            }
            return .commit
        }
        return standing
    }

    private static func v1(_ db: Database) throws {
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

    private static func v2Search(_ db: Database) throws {
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

    /// A streaming answer is saved by appending what is new as a part, and indexed for search
    /// once it is complete: a save costs what it adds, not the whole answer again. Each
    /// streaming answer names the process writing it, so only one whose writer is gone is
    /// marked cut off.
    private static func v3StreamedParts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE message_part (
                messageID TEXT NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                text TEXT NOT NULL,
                thinking TEXT NOT NULL,
                PRIMARY KEY (messageID, seq)
            ) WITHOUT ROWID;
            CREATE TABLE message_writer (
                messageID TEXT NOT NULL PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
                writer TEXT NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO message_fts(message_fts, rowid, text) SELECT 'delete', rowid, text FROM message WHERE status = 'streaming';
            DROP TRIGGER __message_fts_ai;
            DROP TRIGGER __message_fts_ad;
            DROP TRIGGER __message_fts_au;
            CREATE TRIGGER message_fts_ai AFTER INSERT ON message WHEN new.status != 'streaming' BEGIN
                INSERT INTO message_fts(rowid, text) VALUES (new.rowid, new.text);
            END;
            CREATE TRIGGER message_fts_ad AFTER DELETE ON message WHEN old.status != 'streaming' BEGIN
                INSERT INTO message_fts(message_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
            END;
            CREATE TRIGGER message_fts_au AFTER UPDATE OF text, status ON message BEGIN
                INSERT INTO message_fts(message_fts, rowid, text) SELECT 'delete', old.rowid, old.text
                    WHERE old.status != 'streaming' AND (new.status = 'streaming' OR old.text IS NOT new.text);
                INSERT INTO message_fts(rowid, text) SELECT new.rowid, new.text
                    WHERE new.status != 'streaming' AND (old.status = 'streaming' OR old.text IS NOT new.text);
            END;
            """)
    }

    /// Messages name the message before them on their branch, so an answer regenerated or a
    /// message edited becomes a sibling instead of replacing it; a conversation names the last
    /// message of the branch it shows. A store made before is one branch: each message's parent
    /// is the one above it.
    private static func v4Branches(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE message ADD COLUMN parentID TEXT;
            ALTER TABLE conversation ADD COLUMN leafID TEXT;
            """)
        try linkUnbranched(db)
        try db.execute(sql: """
            UPDATE conversation SET leafID = (
                SELECT m.id FROM message m WHERE m.conversationID = conversation.id ORDER BY m.position DESC, m.rowid DESC LIMIT 1)
            """)
    }

    /// Conversations none of whose messages names a parent (saved before branches, or read
    /// back from a damaged store of that time) become one branch in the order of their positions.
    static func linkUnbranched(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE message SET parentID = (
                SELECT p.id FROM message p
                WHERE p.conversationID = message.conversationID
                  AND (p.position < message.position OR (p.position = message.position AND p.rowid < message.rowid))
                ORDER BY p.position DESC, p.rowid DESC LIMIT 1)
            WHERE conversationID IN (SELECT conversationID FROM message GROUP BY conversationID HAVING COUNT(parentID) = 0)
            """)
    }
}
