import ChatCore
import Foundation

/// The parts of a conversation that are not on the branch on screen, and where it branched.
/// The screen's `entries` are one branch (each entry's parent is the one above it); an answer
/// regenerated or a message edited starts a sibling branch, and what the screen held from
/// there down is parked here, to come back when the user moves to it.
public struct ConversationTree: Sendable {
    /// An entry off screen, with its place: the entry before it on its branch and its
    /// position (its index whenever its branch is on screen).
    public struct Parked: Sendable {
        public var entry: ConversationEntry
        public var parentID: UUID?
        public var position: Int

        public init(entry: ConversationEntry, parentID: UUID?, position: Int) {
            self.entry = entry
            self.parentID = parentID
            self.position = position
        }
    }

    public private(set) var parked: [UUID: Parked] = [:]
    /// The children of every entry that has parked ones or branched, oldest first; first
    /// messages under nil.
    private var children: [UUID?: [UUID]] = [:]
    /// The child last shown under each entry, followed when going back to a branch.
    private var shown: [UUID?: UUID] = [:]

    public init() {}

    /// A saved conversation's tree: the entries off the branch on screen, each entry's
    /// children oldest first, and the child on screen under each entry of the branch.
    public init(parked: [Parked], children: [UUID?: [UUID]], shown: [UUID?: UUID]) {
        for item in parked { self.parked[item.entry.id] = item }
        self.children = children
        self.shown = shown
    }

    public var isEmpty: Bool { parked.isEmpty }

    /// The entries sharing a parent with `id` (which is on screen), `id` among them, oldest
    /// first: those still parked and `id` itself.
    func siblings(of id: UUID, under parent: UUID?) -> [UUID] {
        let known = (children[parent] ?? []).filter { $0 == id || parked[$0] != nil }
        return known.contains(id) ? known : known + [id]
    }

    /// Parks a branch's tail leaving the screen: `tail` from `position` on, its first entry
    /// under `parent`.
    mutating func park(_ tail: ArraySlice<ConversationEntry>, at position: Int, under parent: UUID?) {
        var parentID = parent
        for (offset, entry) in tail.enumerated() {
            parked[entry.id] = Parked(entry: entry, parentID: parentID, position: position + offset)
            if children[parentID]?.contains(entry.id) != true { children[parentID, default: []].append(entry.id) }
            shown[parentID] = entry.id
            parentID = entry.id
        }
    }

    /// A new entry on screen under `parent`: the newest of its siblings, and the one shown.
    mutating func adopt(_ id: UUID, under parent: UUID?) {
        if children[parent]?.contains(id) != true { children[parent, default: []].append(id) }
        shown[parent] = id
    }

    /// Takes the branch from `first` (parked) down off the tree, following at each branching
    /// the child shown last there, else the newest: the entries to put on screen.
    mutating func unpark(from first: UUID) -> [ConversationEntry] {
        guard let start = parked[first] else { return [] }
        shown[start.parentID] = first
        // Only what is parked can come on screen: a child that is gone (an answer that failed
        // before its first word is taken off the screen) is not followed.
        let nodes = children.flatMap { parent, ids in ids.filter { parked[$0] != nil }.map { (id: $0, parent: parent) } }
        let path = MessageTree(nodes).branch(through: first) { self.shown[$0] }
        guard let from = path.firstIndex(of: first) else { return [] }
        var entries: [ConversationEntry] = []
        for id in path[from...] {
            guard let item = parked.removeValue(forKey: id) else { break }
            entries.append(item.entry)
        }
        return entries
    }
}
