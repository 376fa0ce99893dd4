import ChatCore
import Testing

/// Which branch a conversation shows, from rows as a store hands them over.
@Suite struct MessageTreeTests {
    @Test func theBranchThroughANodeFollowsTheChoiceElseTheNewestChild() {
        // q ─┬─ a1 ── f
        //    └─ a2
        let tree = MessageTree<String>([(id: "q", parent: nil), (id: "a1", parent: "q"), (id: "a2", parent: "q"), (id: "f", parent: "a1")])
        #expect(tree.branch(through: nil) == ["q", "a2"])
        #expect(tree.branch(through: "a1") == ["q", "a1", "f"])
        #expect(tree.branch(through: "q") { $0 == "q" ? "a1" : nil } == ["q", "a1", "f"])
        #expect(tree.children["q"] == ["a1", "a2"], "siblings oldest first")
        #expect(tree.branch(through: "gone") == ["q", "a2"], "a leaf not in the tree shows the newest branch")
    }

    @Test func aMissingParentMakesARootAndALoopOfParentsEnds() {
        let orphan = MessageTree<String>([(id: "a", parent: "lost"), (id: "b", parent: "a")])
        #expect(orphan.branch(through: nil) == ["a", "b"])
        let loop = MessageTree<String>([(id: "x", parent: "y"), (id: "y", parent: "x"), (id: "z", parent: "z")])
        #expect(loop.branch(through: "x").count == 2)
        #expect(loop.branch(through: nil) == ["z"], "a node naming itself is a root")
    }
}
