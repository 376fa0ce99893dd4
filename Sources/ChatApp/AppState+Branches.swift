import ChatCore
import Foundation

extension AppState {
    /// The entry under the message cursor, if it is on screen.
    var cursorIndex: Int? {
        guard let messageCursor else { return nil }
        return entries.firstIndex { $0.id == messageCursor }
    }

    /// Where the branch holding the entry at `index` starts: the entry itself, or the first of
    /// the notes right above it (a fallback's or a retry's note belongs to its answer).
    func branchStart(of index: Int) -> Int {
        var start = index
        while start > 0, case .note = entries[start - 1].kind { start -= 1 }
        return start
    }

    private func parent(ofBranchAt start: Int) -> UUID? {
        start > 0 ? entries[start - 1].id : nil
    }

    /// The first entries of the branches beside the one starting at `start`, itself among them.
    private func siblings(ofBranchAt start: Int) -> [UUID] {
        tree.siblings(of: entries[start].id, under: parent(ofBranchAt: start))
    }

    /// Why the branch on screen cannot change now (an answer is coming, or a comparison waits
    /// for its pick), if it cannot.
    var branchWait: String? {
        if isAnswering { return "an answer is coming; \(keymap.key(.stop)) stops it first" }
        if let comparison, !comparison.columns.isEmpty {
            return "pick the compared answer to go on with first: \(keymap.key(.focusNext)), then 1–\(comparison.columns.count)"
        }
        return nil
    }

    /// Which of its siblings the message at `index` is, and how many there are, when it has
    /// any: the "2/3" beside it. A note has a place only when it starts a branch (the error
    /// of an answer regenerated that failed stands beside the answer it would have replaced).
    func branchPlace(at index: Int) -> (number: Int, count: Int)? {
        guard !tree.isEmpty else { return nil }
        let start = branchStart(of: index)
        if case .note = entries[index].kind, start != index { return nil }
        let siblings = siblings(ofBranchAt: start)
        guard siblings.count > 1, let at = siblings.firstIndex(of: entries[start].id) else { return nil }
        return (at + 1, siblings.count)
    }

    /// Up and Down with the conversation focused: the cursor to the message above or below
    /// (from none, the last), the pane scrolled to show it.
    mutating func moveMessageCursor(up: Bool) {
        let messages = entries.indices.filter { isMessage(at: $0) }
        guard let last = messages.last else {
            statusNote = "no message here yet"
            return
        }
        let target: Int
        if let current = cursorIndex {
            target = up ? (messages.last { $0 < current } ?? current) : (messages.first { $0 > current } ?? current)
        } else {
            target = last
        }
        messageCursor = entries[target].id
        bringIntoView(entryAt: target)
    }

    /// Whether the message cursor stops at the entry at `index`: a message, or a note that
    /// stands beside other branches.
    private func isMessage(at index: Int) -> Bool {
        if case .note = entries[index].kind { return branchPlace(at: index) != nil }
        return true
    }

    /// The cursor on the last message when the conversation takes the focus with none on it.
    mutating func placeMessageCursor() {
        guard cursorIndex == nil else { return }
        messageCursor = entries.indices.last { isMessage(at: $0) }.map { entries[$0].id }
    }

    /// `r` on an answer (or `/regenerate`, on the answer under the cursor or else the last):
    /// the question above it asked again, of `model` or the model in use now, the new answer a
    /// sibling of the one there (which stays, a `<` away).
    mutating func regenerate(using model: String? = nil) -> [Effect] {
        let answer = cursorIndex.flatMap { entries[$0].kind == .assistant ? $0 : nil }
            ?? (model != nil || focus != .conversation ? entries.lastIndex { $0.kind == .assistant } : nil)
        guard let index = answer else {
            statusNote = "\(keymap.key(.regenerate)) works on an answer: move the cursor onto one"
            if focus != .conversation { entries.append(.note("No answer to regenerate yet.", .error)) }
            return []
        }
        if let wait = branchWait {
            statusNote = wait
            return []
        }
        let start = branchStart(of: index)
        guard entries[..<start].contains(where: { $0.kind == .user }) else {
            statusNote = "there is no question above this answer to ask again"
            return []
        }
        let parent = parent(ofBranchAt: start)
        let effects = branchOff(at: start)
        let started = startAnswer(messages: messagesForProvider, excluding: nil, model: model)
        if let answer = entries.last {
            tree.adopt(answer.id, under: parent)
            messageCursor = answer.id
        }
        statusNote = "regenerating with \(model ?? modelLabel)"
        return effects + started
    }

    /// `e` on a message of the user's: its text into the message box; sending it makes a
    /// sibling of it (the original stays, a `<` away). Esc leaves the edit.
    mutating func beginEdit() {
        guard let index = cursorIndex, entries[index].kind == .user else {
            statusNote = "\(keymap.key(.editMessage)) works on a message of yours: move the cursor onto one"
            return
        }
        if let wait = branchWait {
            statusNote = wait
            return
        }
        editing = entries[index].id
        input.set(entries[index].text)
        focus = .input
        codeCursor = nil
        statusNote = "editing a message: \(keymap.key(.send)) sends it as a new branch, \(keymap.key(.stop)) leaves it"
    }

    /// Esc while editing: the message box emptied, nothing changed.
    mutating func leaveEdit() {
        editing = nil
        input = InputBuffer()
        statusNote = "edit left; nothing changed"
    }

    /// Sends `text` as the new version of the message being edited: what followed that
    /// message is parked and the new one starts its own branch. Nil when no edit is under way
    /// or the edited message is no longer on screen (the text is then an ordinary message).
    mutating func appendEdited(_ text: String) -> [Effect]? {
        defer { editing = nil }
        guard let editing, let index = entries.firstIndex(where: { $0.id == editing }) else { return nil }
        let start = branchStart(of: index)
        let parent = parent(ofBranchAt: start)
        let effects = branchOff(at: start)
        let message = ConversationEntry(kind: .user, text: text)
        entries.append(message)
        tree.adopt(message.id, under: parent)
        return effects
    }

    /// `<` and `>` on a message with siblings: the branch of the sibling before or after it
    /// comes on screen, from there down as it was last shown.
    mutating func showSibling(_ step: Int) -> [Effect] {
        guard let index = cursorIndex else {
            statusNote = "move the cursor onto a message with a branch marker (2/3) first"
            return []
        }
        if let wait = branchWait {
            statusNote = wait
            return []
        }
        let start = branchStart(of: index)
        let siblings = siblings(ofBranchAt: start)
        guard siblings.count > 1 else {
            statusNote = "this message has no other branch"
            return []
        }
        guard let at = siblings.firstIndex(of: entries[start].id), siblings.indices.contains(at + step) else {
            statusNote = step < 0 ? "this is the first branch" : "this is the last branch"
            return []
        }
        let effects = branchOff(at: start)
        entries += tree.unpark(from: siblings[at + step])
        let shown = entries.indices.first { $0 >= start && (entries[$0].kind == .user || entries[$0].kind == .assistant) }
            ?? entries.indices.first { $0 >= start && isMessage(at: $0) }
        messageCursor = shown.map { entries[$0].id }
        if let shown { bringIntoView(entryAt: shown) }
        statusNote = "branch \(at + step + 1) of \(siblings.count)"
        return effects
    }

    /// `/fork`: a new conversation holding this branch up to the message under the cursor
    /// (the whole branch without one); this conversation stays as it is. The copies' tokens
    /// and cost are not counted again: they were spent here.
    mutating func fork() -> [Effect] {
        if let wait = branchWait {
            entries.append(.note("Not now: \(wait).", .error))
            return []
        }
        let end = (focus == .conversation ? cursorIndex : nil) ?? entries.count - 1
        guard end >= 0, entries[...end].contains(where: { $0.kind == .user }) else {
            entries.append(.note("Nothing to fork yet: a fork starts from a message of this conversation.", .error))
            return []
        }
        let title = self.title
        let copies = entries[...end].map { entry in
            var copy = entry
            copy.id = UUID()
            copy.outcome?.stats = nil
            return copy
        }
        let effects = startNewConversation(keepingThisOne: true, note: nil)
        entries = copies
        entries.append(.note("Forked from “\(title)” up to here; the original is unchanged (/chats lists both)."))
        customTitle = String((title + " (fork)").prefix(80))
        return effects
    }

    /// The branch's tail from `start` leaves the screen for the tree, after the screen as it is
    /// is saved (the effect), so nothing parked is unsaved.
    private mutating func branchOff(at start: Int) -> [Effect] {
        let kept: [Effect] = [.keepConversation(header, entries)]
        tree.park(entries[start...], at: start, under: parent(ofBranchAt: start))
        entries.removeSubrange(start...)
        interrupted = nil
        codeCursor = nil
        scrollOffset = 0
        scrollTarget = nil
        return kept
    }
}
