@testable import ChatApp
import Foundation
import Testing

/// What the autosave hands the archive, decided from the entries and the time alone.
@Suite struct AutosaveTests {
    private let header = ConversationHeader(id: "c1", title: "Hello", model: "", systemPrompt: nil, temperature: nil)

    private func answer(_ text: String, streaming: Bool) -> ConversationEntry {
        var entry = ConversationEntry(kind: .assistant, text: text)
        entry.isStreaming = streaming
        return entry
    }

    @Test func notesAloneAreNotAConversationYet() {
        var autosave = Autosave()
        #expect(autosave.changes(header: header, entries: [.note("New conversation.")], now: .zero, force: true) == nil)
    }

    @Test func aNewMessageIsSavedAtOnceAndThenNotAgain() throws {
        var autosave = Autosave()
        let entries = [ConversationEntry(kind: .user, text: "hi")]
        let saveResult = autosave.changes(header: header, entries: entries, now: .zero, force: false)
        let save = try #require(saveResult)
        #expect(save.entries.map(\.entry.text) == ["hi"])
        #expect(save.entries.map(\.position) == [0])
        #expect(autosave.changes(header: header, entries: entries, now: .seconds(5), force: false) == nil)
    }

    @Test func aStreamingAnswerIsSavedAtMostOncePerIntervalUnlessForced() throws {
        var autosave = Autosave()
        var entries = [ConversationEntry(kind: .user, text: "hi"), answer("", streaming: true)]
        // Its first appearance is saved at once: the store knows an answer is under way.
        let first = autosave.changes(header: header, entries: entries, now: .zero, force: false)
        #expect(first?.entries.count == 2)
        entries[1].text = "Hel"
        #expect(autosave.changes(header: header, entries: entries, now: .milliseconds(500), force: false) == nil)
        let due = autosave.changes(header: header, entries: entries, now: .seconds(1), force: false)
        #expect(due?.entries.map(\.entry.text) == ["Hel"])
        entries[1].text = "Hello"
        #expect(autosave.changes(header: header, entries: entries, now: .milliseconds(1100), force: false) == nil)
        let forced = autosave.changes(header: header, entries: entries, now: .milliseconds(1200), force: true)
        #expect(forced?.entries.map(\.entry.text) == ["Hello"])
        entries[1].isStreaming = false
        // Finished: saved at once, whatever the time.
        let finished = autosave.changes(header: header, entries: entries, now: .milliseconds(1300), force: false)
        #expect(finished?.entries.map(\.entry.isStreaming) == [false])
    }

    @Test func anOpenAnswerThatLeavesTheScreenIsRemoved() throws {
        var autosave = Autosave()
        var entries = [ConversationEntry(kind: .user, text: "hi"), answer("", streaming: true)]
        _ = autosave.changes(header: header, entries: entries, now: .zero, force: false)
        let gone = entries.removeLast().id
        let saveResult = autosave.changes(header: header, entries: entries, now: .zero, force: false)
        let save = try #require(saveResult)
        #expect(save.removed == [gone])
        #expect(save.entries.isEmpty)
    }

    @Test func aRenameSavesTheHeaderAlone() throws {
        var autosave = Autosave()
        let entries = [ConversationEntry(kind: .user, text: "hi")]
        _ = autosave.changes(header: header, entries: entries, now: .zero, force: false)
        var renamed = header
        renamed.title = "Greetings"
        let saveResult = autosave.changes(header: renamed, entries: entries, now: .zero, force: false)
        let save = try #require(saveResult)
        #expect(save.header.title == "Greetings")
        #expect(save.entries.isEmpty)
    }

    @Test func aConversationMarkedSavedIsNotSavedAgainButWhatFollowsIs() throws {
        var autosave = Autosave()
        var entries = [ConversationEntry(kind: .user, text: "hi"), answer("hello", streaming: false)]
        autosave.markSaved(header, entries: entries)
        #expect(autosave.changes(header: header, entries: entries, now: .zero, force: true) == nil)
        entries.append(ConversationEntry(kind: .user, text: "more"))
        let saveResult = autosave.changes(header: header, entries: entries, now: .zero, force: false)
        let save = try #require(saveResult)
        #expect(save.entries.map(\.position) == [2])
    }

    @Test func theNotesTheScreenAddsOnOpeningAreSavedSoWhatFollowsHasItsParentInTheStore() throws {
        var autosave = Autosave()
        let restored = [ConversationEntry(kind: .user, text: "hi"), answer("hello", streaming: false)]
        let notes = [ConversationEntry.note("Continuing “hi”."), ConversationEntry.note("a warning")]
        autosave.markSaved(header, entries: restored + notes)
        let next = ConversationEntry(kind: .user, text: "more")
        let result = autosave.changes(header: header, entries: restored + notes + [next], now: .zero, force: false)
        let save = try #require(result)
        #expect(save.entries.map(\.entry.id) == notes.map(\.id) + [next.id])
        #expect(save.entries.last?.parentID == notes[1].id)
    }

    @Test func anotherConversationStartsFromNothing() throws {
        var autosave = Autosave()
        let entries = [ConversationEntry(kind: .user, text: "hi")]
        _ = autosave.changes(header: header, entries: entries, now: .zero, force: false)
        var other = header
        other.id = "c2"
        let saveResult = autosave.changes(header: other, entries: entries, now: .zero, force: false)
        let save = try #require(saveResult)
        #expect(save.header.id == "c2")
        #expect(save.entries.map(\.entry.text) == ["hi"])
    }

    @Test func aBranchLeavingTheScreenIsKeptAndTheNewOneSavedUnderItsParent() throws {
        var autosave = Autosave()
        let question = ConversationEntry(kind: .user, text: "q")
        let old = answer("old", streaming: false)
        _ = autosave.changes(header: header, entries: [question, old], now: .zero, force: false)
        // Regenerated: the old answer parked, a new one in its place.
        let new = answer("", streaming: true)
        var branched = header
        branched.leafID = new.id
        let result = autosave.changes(header: branched, entries: [question, new], now: .seconds(1), force: false)
        let save = try #require(result)
        #expect(save.removed.isEmpty, "the parked answer is not deleted")
        #expect(save.entries.map(\.entry.id) == [new.id])
        #expect(save.entries.first?.parentID == question.id)
        #expect(save.entries.first?.position == 1)
        #expect(save.header.leafID == new.id)
    }

    @Test func answersBesideTheBranchAreSavedAtTheSamePaceAndKeptWhenTheyLeave() throws {
        var autosave = Autosave()
        let question = ConversationEntry(kind: .user, text: "q")
        _ = autosave.changes(header: header, entries: [question], now: .zero, force: false)
        var first = answer("Hel", streaming: true), second = answer("Bon", streaming: true)
        func beside() -> [ArchivedEntry] { [first, second].map { ArchivedEntry(position: 1, parentID: question.id, entry: $0) } }
        let started = autosave.changes(header: header, entries: [question], beside: beside(), now: .seconds(1), force: false)
        #expect(started?.entries.map(\.entry.id) == [first.id, second.id])
        #expect(started?.entries.allSatisfy { $0.parentID == question.id } == true)
        first.text = "Hello"
        #expect(autosave.changes(header: header, entries: [question], beside: beside(), now: .milliseconds(1500), force: false) == nil,
                "streaming text waits for the interval")
        let due = autosave.changes(header: header, entries: [question], beside: beside(), now: .seconds(2), force: false)
        #expect(due?.entries.map(\.entry.text) == ["Hello"])
        // Picked: the first goes on the branch, the second leaves the screen and is not removed.
        first.isStreaming = false
        let picked = autosave.changes(header: header, entries: [question, first], now: .seconds(3), force: false)
        #expect(picked?.removed.isEmpty == true)
    }

    @Test func anEntryWhoseParentChangedIsSavedAgain() throws {
        var autosave = Autosave()
        let question = ConversationEntry(kind: .user, text: "q")
        let reply = answer("a", streaming: false)
        _ = autosave.changes(header: header, entries: [question, reply], now: .zero, force: false)
        // A note put above the answer (a retry's) makes it the answer's parent.
        let note = ConversationEntry.note("retrying")
        let result = autosave.changes(header: header, entries: [question, note, reply], now: .seconds(1), force: false)
        let save = try #require(result)
        #expect(save.entries.map(\.entry.id) == [note.id, reply.id])
        #expect(save.entries.map(\.parentID) == [question.id, note.id])
    }
}
