import Foundation
import GRDB

/// A saved message, note or answer: its place on its branch (`position`, from 0, and the
/// message before it) and what it holds.
public struct StoredMessage: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "message"
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoreDates.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoreDates.decoding }

    /// Where an answer stands; a `streaming` one found at start was cut off by a crash.
    public enum Status: String, Codable, Sendable {
        case complete
        case streaming
        case interrupted
        case stopped
    }

    public var id: String
    public var conversationID: String
    public var position: Int
    /// `user`, `assistant`, `note-info`, `note-warning` or `note-error`.
    public var kind: String
    public var text: String
    public var thinking: String
    public var status: Status
    /// The provider and model asked for the answer (`ollama:llama2`), known before it completes.
    public var target: String?
    /// The answer's outcome (who answered, how fast, hops), JSON.
    public var outcome: Data?
    public var createdAt: Date
    public var updatedAt: Date
    /// The message before this one on its branch; nil for a conversation's first.
    public var parentID: String?

    public init(
        id: String, conversationID: String, position: Int, kind: String, text: String, thinking: String,
        status: Status, target: String? = nil, outcome: Data?, createdAt: Date, updatedAt: Date, parentID: String? = nil
    ) {
        self.id = id
        self.conversationID = conversationID
        self.position = position
        self.kind = kind
        self.text = text
        self.thinking = thinking
        self.status = status
        self.target = target
        self.outcome = outcome
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.parentID = parentID
    }
}
