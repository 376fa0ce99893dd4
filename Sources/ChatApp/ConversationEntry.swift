import ChatCore
import Foundation
import TerminalUI

/// One item of the conversation pane: a message of the user or the model, or a note from
/// Parley itself (a fallback hop, a health change, a command's answer).
public struct ConversationEntry: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case user
        case assistant
        /// Parley speaking: `.info`, `.warning` or `.error`.
        case note(NoteLevel)
    }

    public enum NoteLevel: Hashable, Sendable {
        case info
        case warning
        case error
    }

    /// Stable identity, so a saved copy is updated rather than duplicated.
    public var id = UUID()
    public var kind: Kind
    public var text: String
    /// The model's reasoning before its answer; it grows by `appendReasoning`.
    public private(set) var thinking: String = ""
    /// The reasoning's length, which the folded reasoning line shows on every frame.
    private var thinkingCount = CharacterCount()
    /// For answers: the outcome once complete (provider, speed, interruption).
    public var outcome: ChatOutcome?
    /// For answers still streaming: the target being asked right now.
    public var target: ModelTarget?
    public var isStreaming = false
    /// Set when the user stopped the answer.
    public var wasCancelled = false
    /// Set on an answer restored from a store where it was still streaming: Parley stopped
    /// (or was killed) before it was complete.
    public var wasCutOff = false
    /// The answer's markdown rendered to the pane as it streams, so a token costs its block,
    /// not the whole answer.
    public var layout: MarkdownLayout?
    /// A message of the user wrapped once for the pane's width: a long paste above a streaming
    /// answer would otherwise be wrapped again on every frame.
    public var wrappedText: StreamingWrap?
    /// The reasoning wrapped as it streams, once it is shown (Ctrl-T): a token costs its last
    /// line, not the whole reasoning.
    public var reasoningLayout: StreamingWrap?

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    public mutating func appendReasoning(_ piece: String) {
        thinking += piece
        thinkingCount.append(piece)
    }

    /// The reasoning's length in characters.
    public var thinkingCharacters: Int { thinkingCount.characters }

    public static func note(_ text: String, _ level: NoteLevel = .info) -> ConversationEntry {
        ConversationEntry(kind: .note(level), text: text)
    }
}

/// What was last saved of an entry: enough to tell, cheaply while tokens stream, whether it
/// changed since (text only grows) or moved (another position, or another entry above it).
struct SaveMark: Equatable {
    var textBytes: Int
    var thinkingBytes: Int
    var isStreaming: Bool
    var wasCancelled: Bool
    var hasOutcome: Bool
    var position: Int
    var parentID: UUID?

    init(_ entry: ConversationEntry, position: Int, parentID: UUID?) {
        textBytes = entry.text.utf8.count
        thinkingBytes = entry.thinking.utf8.count
        isStreaming = entry.isStreaming
        wasCancelled = entry.wasCancelled
        hasOutcome = entry.outcome != nil
        self.position = position
        self.parentID = parentID
    }
}
