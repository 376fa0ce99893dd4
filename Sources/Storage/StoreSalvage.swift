import Foundation
import GRDB

/// The conversations and messages read back from a store SQLite would not open, recognised
/// by the shape of their rows, newest copy of each row kept. A message whose conversation row
/// was lost gets a conversation titled after its first prompt, so nothing found is dropped.
public struct StoreSalvage {
    /// Conversation rows: id, title, model, systemPrompt, temperature, maxTokens, createdAt,
    /// updatedAt, leafID (null in a row written before branches).
    public private(set) var conversations: [[SQLiteRecordScanner.Value]] = []
    /// Message rows: id, conversationID, position, kind, text, thinking, status, target,
    /// outcome, createdAt, updatedAt, parentID (null in a row written before branches).
    public private(set) var messages: [[SQLiteRecordScanner.Value]] = []

    /// Columns of each row since branches; a row written before has one fewer (SQLite leaves
    /// an added column out of the rows it does not rewrite).
    private static let conversationColumns = 9, messageColumns = 12

    init(scanning path: String) {
        self.init(scanner: SQLiteRecordScanner(databasePath: path))
    }

    /// What a store file and its WAL hold, as bytes.
    public init(file: Data, wal: Data?) {
        self.init(scanner: SQLiteRecordScanner(file: file, wal: wal))
    }

    private init(scanner: SQLiteRecordScanner) {
        var conversations: [String: [SQLiteRecordScanner.Value]] = [:]
        var messages: [String: [SQLiteRecordScanner.Value]] = [:]
        for record in scanner.records() {
            if Self.isConversation(record), case .text(let id) = record[0] {
                let row = Self.padded(record, to: Self.conversationColumns)
                if Self.isNewer(row, than: conversations[id], updatedAt: 7) { conversations[id] = row }
            } else if Self.isMessage(record), case .text(let id) = record[0] {
                let row = Self.padded(record, to: Self.messageColumns)
                if Self.isNewer(row, than: messages[id], updatedAt: 10) { messages[id] = row }
            }
        }
        for (conversationID, rows) in Dictionary(grouping: messages.values, by: { Self.text($0[1]) ?? "" })
        where conversations[conversationID] == nil {
            conversations[conversationID] = Self.conversation(conversationID, for: rows)
        }
        self.conversations = conversations.values.sorted { Self.text($0[0])! < Self.text($1[0])! }
        self.messages = messages.values.sorted { Self.text($0[0])! < Self.text($1[0])! }
    }

    var isEmpty: Bool { conversations.isEmpty && messages.isEmpty }

    /// Writes what was found into `db`, whose schema is the store's.
    func insert(into db: Database) throws {
        let conversation = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO conversation (id, title, model, systemPrompt, temperature, maxTokens, createdAt, updatedAt, leafID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for row in conversations { try conversation.execute(arguments: StatementArguments(row.map(Self.databaseValue))) }
        let message = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO message (id, conversationID, position, kind, text, thinking, status, target, outcome, createdAt, updatedAt, parentID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for row in messages { try message.execute(arguments: StatementArguments(row.map(Self.databaseValue))) }
    }

    /// id, title, model, systemPrompt, temperature, maxTokens, createdAt, updatedAt[, leafID].
    private static func isConversation(_ row: [SQLiteRecordScanner.Value]) -> Bool {
        guard row.count == conversationColumns - 1 || row.count == conversationColumns,
              text(row[0]) != nil, text(row[1]) != nil, text(row[2]) != nil,
              isDate(row[6]), isDate(row[7]), row.count == 8 || text(row[8]) != nil || row[8] == .null
        else { return false }
        guard text(row[3]) != nil || row[3] == .null else { return false }
        switch row[4] {
        case .real, .integer, .null: break
        default: return false
        }
        if case .integer = row[5] { return true }
        return row[5] == .null
    }

    /// id, conversationID, position, kind, text, thinking, status, target, outcome,
    /// createdAt, updatedAt[, parentID].
    private static func isMessage(_ row: [SQLiteRecordScanner.Value]) -> Bool {
        guard row.count == messageColumns - 1 || row.count == messageColumns,
              row.count == 11 || text(row[11]) != nil || row[11] == .null,
              text(row[0]) != nil, text(row[1]) != nil, text(row[4]) != nil, text(row[5]) != nil,
              case .integer = row[2],
              let kind = text(row[3]), ["user", "assistant", "note-info", "note-warning", "note-error"].contains(kind),
              let status = text(row[6]), StoredMessage.Status(rawValue: status) != nil,
              isDate(row[9]), isDate(row[10])
        else { return false }
        switch (row[7], row[8]) {
        case (.text, .blob), (.text, .null), (.null, .blob), (.null, .null): return true
        default: return false
        }
    }

    /// Dates as the store writes them (`StoreDates`): `2026-11-28 01:02:03.456`.
    private static func isDate(_ value: SQLiteRecordScanner.Value) -> Bool {
        guard let text = text(value), text.utf8.count >= 19 else { return false }
        let bytes = Array(text.utf8)
        return bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-") && bytes[13] == UInt8(ascii: ":")
    }

    private static func text(_ value: SQLiteRecordScanner.Value) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }

    /// The copy saved last wins (its `updatedAt`, the column at `updatedAt`, is the latest).
    private static func isNewer(_ row: [SQLiteRecordScanner.Value], than other: [SQLiteRecordScanner.Value]?, updatedAt: Int) -> Bool {
        guard let other else { return true }
        return (text(row[updatedAt]) ?? "") >= (text(other[updatedAt]) ?? "")
    }

    /// A row written before a column was added, with that column null.
    private static func padded(_ row: [SQLiteRecordScanner.Value], to columns: Int) -> [SQLiteRecordScanner.Value] {
        row.count >= columns ? row : row + Array(repeating: .null, count: columns - row.count)
    }

    private static func conversation(_ id: String, for messages: [[SQLiteRecordScanner.Value]]) -> [SQLiteRecordScanner.Value] {
        let ordered = messages.sorted { position($0) < position($1) }
        let prompt = ordered.first { text($0[3]) == "user" }.flatMap { text($0[4]) } ?? ""
        let firstLine = prompt.split(separator: "\n").first.map { String($0.prefix(60)) } ?? ""
        let created = messages.compactMap { text($0[9]) }.min() ?? ""
        let updated = messages.compactMap { text($0[10]) }.max() ?? ""
        return [.text(id), .text(firstLine.isEmpty ? "Recovered conversation" : firstLine), .text(""), .null, .null, .null, .text(created), .text(updated), .null]
    }

    private static func position(_ row: [SQLiteRecordScanner.Value]) -> Int64 {
        if case .integer(let value) = row[2] { return value }
        return 0
    }

    private static func databaseValue(_ value: SQLiteRecordScanner.Value) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .blob(let value): value.databaseValue
        }
    }
}
