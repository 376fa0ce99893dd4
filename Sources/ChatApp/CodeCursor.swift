import Foundation

/// The code block the conversation's cursor is on: `[` and `]` move it from block to block
/// while the conversation has focus, `y` or Enter copies the block.
public struct CodeCursor: Hashable, Sendable {
    /// The answer holding the block.
    public var entryID: UUID
    /// The block's place among the answer's code blocks, from 0.
    public var block: Int
}
