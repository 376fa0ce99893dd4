import Foundation

/// Decides what the archive is handed, given the conversation on screen and the time: every
/// entry that changed since the last save (a streaming answer at most once per
/// `partialInterval`, unless a save is forced) and the entries that left the screen. A plain
/// value: it does no I/O and reads no clock, so it is tested by calling it.
struct Autosave {
    /// How often a streaming answer is saved.
    static let partialInterval = Duration.seconds(1)

    /// What was last handed to the archive of each entry of the conversation, and its header.
    private var marks: [UUID: SaveMark] = [:]
    private var header: ConversationHeader?
    /// Entries last saved while streaming: the only ones that can still change or leave the
    /// screen (a stopped or failed answer with no text).
    private var openEntries: Set<UUID> = []
    private var lastPartialSave: Duration

    /// `now` is when the count of `partialInterval` starts.
    init(now: Duration = .zero) {
        lastPartialSave = now
    }

    /// Records a conversation as saved as it is (restored or opened from the store), the
    /// branches off screen included. Notes after its last message are not taken as saved:
    /// the screen adds its own on opening ("Continuing …", a warning), and what follows them
    /// names them as its parent, so they must reach the store (a saved one is written again,
    /// unchanged).
    mutating func markSaved(_ header: ConversationHeader, entries: [ConversationEntry], tree: ConversationTree = ConversationTree()) {
        marks = [:]
        openEntries = []
        var parent: UUID?
        let last = entries.lastIndex { entry in if case .note = entry.kind { false } else { true } } ?? -1
        for (position, entry) in entries.prefix(last + 1).enumerated() {
            marks[entry.id] = SaveMark(entry, position: position, parentID: parent)
            parent = entry.id
        }
        for item in tree.parked.values {
            marks[item.entry.id] = SaveMark(item.entry, position: item.position, parentID: item.parentID)
        }
        self.header = header
    }

    /// What changed since the last save, walking up from the end: entries change only there,
    /// and an entry saved unchanged above every open one ends the walk. An open entry no longer
    /// on screen is removed. `beside` are entries saved off the branch shown (a comparison's
    /// answers as they stream), at the same pace; one that leaves is not removed: it is kept as
    /// a sibling. Nil when nothing is to be saved.
    mutating func changes(
        header: ConversationHeader, entries: [ConversationEntry], beside: [ArchivedEntry] = [], now: Duration, force: Bool
    ) -> ArchiveSave? {
        if let saved = self.header, saved.id != header.id {
            // Another conversation: the marks of the last one are not needed again.
            marks = [:]
            openEntries = []
            self.header = nil
        }
        // A conversation is kept from its first message on; notices alone are not one (a
        // conversation started by /new holds only a note until the first prompt).
        guard self.header != nil || entries.contains(where: { $0.kind == .user }) else { return nil }
        let partialDue = force || now - lastPartialSave >= Self.partialInterval
        var changed: [ArchivedEntry] = []
        var unvisited = openEntries
        for index in entries.indices.reversed() {
            let entry = entries[index]
            unvisited.remove(entry.id)
            let parentID = index > 0 ? entries[index - 1].id : nil
            let mark = SaveMark(entry, position: index, parentID: parentID), saved = marks[entry.id]
            if saved == mark {
                if unvisited.isEmpty { break }
                continue
            }
            if entry.isStreaming, let saved, saved.position == index, saved.parentID == parentID, !partialDue { continue }
            changed.append(ArchivedEntry(position: index, parentID: parentID, entry: entry))
        }
        for item in beside {
            let mark = SaveMark(item.entry, position: item.position, parentID: item.parentID)
            guard marks[item.entry.id] != mark, !item.entry.isStreaming || marks[item.entry.id] == nil || partialDue else { continue }
            changed.insert(item, at: 0)
        }
        let removed = Array(unvisited)
        guard !changed.isEmpty || !removed.isEmpty || header != self.header else { return nil }
        let besideIDs = Set(beside.map(\.entry.id))
        for item in changed {
            let entry = item.entry
            marks[entry.id] = SaveMark(entry, position: item.position, parentID: item.parentID)
            if entry.isStreaming, !besideIDs.contains(entry.id) { openEntries.insert(entry.id) } else { openEntries.remove(entry.id) }
        }
        for id in removed {
            marks[id] = nil
            openEntries.remove(id)
        }
        self.header = header
        if changed.contains(where: { $0.entry.isStreaming }) { lastPartialSave = now }
        return ArchiveSave(header: header, entries: changed.reversed(), removed: removed)
    }
}
