import ChatCore

/// What one wire format makes of each unit its framing delivers: chat events, an error, or
/// the end of the reply.
public protocol ChatChunkMapping: Sendable {
    associatedtype Framing: StreamFraming

    /// `usesFastPath` reads the common delta in place instead of through `JSONDecoder`.
    init(usesFastPath: Bool)
    /// Whether the reply's final record has arrived; units after it are ignored.
    var isComplete: Bool { get }
    /// Appends what `unit` says to `events`; throws on an error record or a malformed unit.
    mutating func map(_ unit: Framing.Unit, into events: inout [ChatEvent]) throws
    /// The error of a stream that ended before its final record.
    static var truncation: ProviderError { get }
}

extension ChatChunkMapping {
    /// A stream that ended early, saying how in `message`; what came is kept.
    static func truncated(_ message: String) -> ProviderError {
        ProviderError(.truncatedStream, message, hint: "the reply so far is kept; retry to get a complete answer")
    }
}
