/// A conversation's messages as a tree: each message names the one before it on its branch,
/// and a message with several children is where the conversation branched (an answer
/// regenerated, a message edited). The one rule for which branch a saved conversation shows,
/// read by the chat screen and by export alike. Built from rows read from a store, so it
/// takes whatever they say: a parent that is not among the nodes makes a root, and a loop of
/// parents ends the walk instead of going round.
public struct MessageTree<ID: Hashable & Sendable>: Sendable {
    /// Each node's children, oldest first; roots under nil.
    public private(set) var children: [ID?: [ID]] = [:]
    private var parents: [ID: ID] = [:]
    private var nodes: Set<ID> = []

    /// `nodes` oldest first, each with the message before it (nil for a first message).
    public init(_ nodes: [(id: ID, parent: ID?)]) {
        self.nodes = Set(nodes.map(\.id))
        for node in nodes {
            let parent = node.parent.flatMap { self.nodes.contains($0) && $0 != node.id ? $0 : nil }
            if let parent { parents[node.id] = parent }
            children[parent, default: []].append(node.id)
        }
    }

    public func parent(of id: ID) -> ID? { parents[id] }

    public func contains(_ id: ID) -> Bool { nodes.contains(id) }

    /// The branch through `node`: its ancestors from the root, then on down, at each branching
    /// taking the child `choice` names, else the newest. Without a node (or with one not in the
    /// tree), from the newest root.
    public func branch(through node: ID?, choosing choice: (ID?) -> ID? = { _ in nil }) -> [ID] {
        var path: [ID] = []
        var seen = Set<ID>()
        var current = node.flatMap { nodes.contains($0) ? $0 : nil }
        while let id = current, seen.insert(id).inserted {
            path.append(id)
            current = parents[id]
        }
        path.reverse()
        var last = path.last
        while let next = Self.pick(children[last] ?? [], choice(last)), seen.insert(next).inserted {
            path.append(next)
            last = next
        }
        return path
    }

    private static func pick(_ children: [ID], _ chosen: ID?) -> ID? {
        if let chosen, children.contains(chosen) { return chosen }
        return children.last
    }
}
