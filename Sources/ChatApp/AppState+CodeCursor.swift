import Foundation

extension AppState {
    /// A code block of the conversation with the lines it covers, counted up from the
    /// conversation's last line (the pane's scroll offset counts the same way).
    private struct PlacedBlock {
        var cursor: CodeCursor
        var bottom: Int
        var top: Int
    }

    /// `[` moves the cursor to the code block above, `]` to the one below; the first press
    /// takes the lowest block in view. The pane scrolls to show the block.
    mutating func moveCodeCursor(up: Bool) {
        let height = conversationTextHeight
        var (blocks, entryTops, total) = placedBlocks()
        if let target = scrollTarget, let top = entryTops[target] {
            // A search hit shown at the pane's top: count from where the pane really is.
            scrollOffset = max(0, min(top - height + 1, total - height))
        }
        scrollTarget = nil
        guard !blocks.isEmpty else {
            statusNote = "no code block in this conversation"
            return
        }
        let chosen: PlacedBlock
        if let current = codeCursor, let index = blocks.firstIndex(where: { $0.cursor == current }) {
            let next = up ? index + 1 : index - 1
            chosen = blocks.indices.contains(next) ? blocks[next] : blocks[index]
        } else {
            chosen = blocks.first { $0.top >= scrollOffset } ?? blocks.removeLast()
        }
        codeCursor = chosen.cursor
        if chosen.top - chosen.bottom + 1 > height {
            scrollOffset = max(0, chosen.top - height + 1)
        } else if chosen.bottom < scrollOffset {
            scrollOffset = chosen.bottom
        } else if chosen.top > scrollOffset + height - 1 {
            scrollOffset = chosen.top - height + 1
        }
    }

    /// The text of the code block under the cursor, if the cursor is on one that still exists.
    var codeUnderCursor: String? {
        guard let cursor = codeCursor, let entry = entries.first(where: { $0.id == cursor.entryID }) else { return nil }
        let blocks = CodeBlocks.all(in: entry.text)
        return blocks.indices.contains(cursor.block) ? blocks[cursor.block] : nil
    }

    /// Every code block from the bottom up, each entry's top line, and the number of lines, as
    /// the conversation pane lays them out.
    private func placedBlocks() -> (blocks: [PlacedBlock], entryTops: [UUID: Int], total: Int) {
        let width = conversationTextWidth
        var blocks: [PlacedBlock] = []
        var entryTops: [UUID: Int] = [:]
        var below = 0
        for entry in entries.reversed() {
            let lines = ConversationPane.lines(for: entry, state: self, width: width)
            for (block, range) in ConversationPane.codeBlockRanges(in: lines).enumerated().reversed() {
                blocks.append(PlacedBlock(
                    cursor: CodeCursor(entryID: entry.id, block: block),
                    bottom: below + lines.count - range.upperBound,
                    top: below + lines.count - 1 - range.lowerBound
                ))
            }
            entryTops[entry.id] = below + lines.count - 1
            below += lines.count + 1
        }
        return (blocks, entryTops, max(0, below - 1))
    }
}
