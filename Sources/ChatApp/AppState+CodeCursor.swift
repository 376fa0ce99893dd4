import Foundation

extension AppState {
    /// `[` moves the cursor to the code block above, `]` to the one below; the first press
    /// takes the lowest block in view. The pane scrolls to show the block. Blocks are found by
    /// walking up from the bottom only as far as the one wanted.
    mutating func moveCodeCursor(up: Bool) {
        let layout = ConversationLayout(self)
        if let offset = layout.offsetShowingTarget(self) {
            // A search hit shown at the pane's top: count from where the pane really is.
            scrollOffset = offset
        }
        scrollTarget = nil
        typealias Block = ConversationLayout.PlacedBlock
        var firstInView: Block?, topmost: Block?, previous: Block?, next: Block?
        var currentSeen = false
        let current = codeCursor, offset = scrollOffset
        layout.walkCodeBlocksUp(self) { block in
            defer { previous = block }
            topmost = block
            if firstInView == nil, block.top >= offset { firstInView = block }
            guard let current else { return firstInView == nil }
            if currentSeen {
                next = block
                return false
            }
            if block.cursor == current {
                currentSeen = true
                // Down: the block below, if any; up: this one until one above turns up.
                next = up ? block : (previous ?? block)
                return up
            }
            return true
        }
        // Without a cursor (or with one on a block that is gone), the lowest block in view.
        guard let chosen = currentSeen ? next : (firstInView ?? topmost) else {
            statusNote = "no code block in this conversation"
            return
        }
        codeCursor = chosen.cursor
        scroll(toShow: chosen.top, through: chosen.bottom, height: layout.height)
    }

    /// The pane scrolled as little as shows the lines from `top` down to `bottom` (counted up
    /// from the conversation's last line); what does not fit shows from its top.
    mutating func scroll(toShow top: Int, through bottom: Int, height: Int) {
        if top - bottom + 1 > height {
            scrollOffset = max(0, top - height + 1)
        } else if bottom < scrollOffset {
            scrollOffset = bottom
        } else if top > scrollOffset + height - 1 {
            scrollOffset = top - height + 1
        }
    }

    /// The pane scrolled to show the entry at `index`.
    mutating func bringIntoView(entryAt index: Int) {
        let layout = ConversationLayout(self)
        if let offset = layout.offsetShowingTarget(self) { scrollOffset = offset }
        scrollTarget = nil
        var placed: ConversationLayout.PlacedEntry?
        layout.walkUp(self) { entry in
            if entry.index == index { placed = entry }
            return placed == nil
        }
        guard let placed else { return }
        scroll(toShow: placed.top, through: placed.bottom, height: layout.height)
    }

    /// The text of the code block under the cursor, if the cursor is on one that still exists.
    var codeUnderCursor: String? {
        guard let cursor = codeCursor, let entry = entries.first(where: { $0.id == cursor.entryID }) else { return nil }
        let blocks = CodeBlocks.all(in: entry.text)
        return blocks.indices.contains(cursor.block) ? blocks[cursor.block] : nil
    }
}
