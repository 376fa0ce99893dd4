import Foundation
import GRDB

/// A saved conversation: its title and the settings it keeps of its own.
public struct StoredConversation: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "conversation"
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoreDates.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoreDates.decoding }

    public var id: String
    public var title: String
    /// The model as the user chose it; empty for the default.
    public var model: String
    public var systemPrompt: String?
    public var temperature: Double?
    public var maxTokens: Int?
    public var createdAt: Date
    public var updatedAt: Date
    /// The last message of the branch on screen when it was saved; nil shows the newest.
    public var leafID: String?

    public init(
        id: String, title: String, model: String, systemPrompt: String?, temperature: Double?, maxTokens: Int? = nil,
        createdAt: Date, updatedAt: Date, leafID: String? = nil
    ) {
        self.id = id
        self.title = title
        self.model = model
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.leafID = leafID
    }
}
