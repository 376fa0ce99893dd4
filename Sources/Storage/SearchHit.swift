import Foundation
import GRDB

/// A message found by a search, with the words around the match.
public struct SearchHit: Codable, Hashable, Sendable, FetchableRecord {
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoreDates.decoding }

    public var conversationID: String
    public var conversationTitle: String
    public var messageID: String
    public var position: Int
    public var kind: String
    /// The match in context, the matched words between « and ».
    public var snippet: String
    public var updatedAt: Date
}
