import Foundation

/// What one save hands the archive: the conversation's header, the entries that changed at
/// their places, and the entries that left the screen.
struct ArchiveSave: Sendable {
    var header: ConversationHeader
    var entries: [ArchivedEntry]
    var removed: [UUID]

    /// This save followed by `later` as one: the later header and the later copy of each entry.
    func merged(with later: ArchiveSave) -> ArchiveSave {
        let replaced = Set(later.entries.map(\.entry.id)).union(later.removed)
        let kept = entries.filter { !replaced.contains($0.entry.id) }
        return ArchiveSave(header: later.header, entries: kept + later.entries, removed: removed + later.removed)
    }
}
