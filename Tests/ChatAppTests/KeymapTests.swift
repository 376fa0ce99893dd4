@testable import ChatApp
import Foundation
import TerminalUI
import Testing

/// The keymap: the keys the screen obeys, a user's file changing them, and README agreeing.
@Suite struct KeymapTests {
    @Test func aFileRebindsAnActionAndTheScreenObeysIt() {
        let (keymap, problems) = Keymap.reading("# tmux takes Ctrl-P\npick-model = ctrl-o, f2\ncode-block-up = ctrl-b\n", file: "keys")
        #expect(problems.isEmpty)
        var state = Fixtures.state()
        state.keymap = keymap
        _ = state.update(.input(.control("p")))
        #expect(state.overlay == nil)
        _ = state.update(.input(.control("o")))
        #expect(state.overlay == .modelPicker)
        #expect(HelpText.keyRows(keymap).contains { $0.keys == "Ctrl-O, F2" && $0.action == .pickModel })
    }

    @Test func aKeyTakenFromAnotherActionIsReportedAndMovesToTheNewOne() {
        let (keymap, problems) = Keymap.reading("toggle-reasoning = ctrl-s\n", file: "keys")
        #expect(problems == [Keymap.Problem(file: "keys", line: 1, message: "Ctrl-S is now toggle-reasoning (it was show-sidebar's)")])
        #expect(keymap.action(for: .control("s"), focus: .input) == .toggleReasoning)
        #expect(keymap.action(for: .function(3), focus: .input) == .showSidebar)
    }

    @Test func twoLinesOfTheFileWantingOneKeyAreAConflictTheLaterWins() {
        let (keymap, problems) = Keymap.reading("help = ctrl-g\ncopy = ctrl-g\n", file: "keys")
        #expect(problems.map(\.description) == ["keys:2: Ctrl-G is now copy (line 1 bound it to help); help has no key now"])
        #expect(keymap.action(for: .control("g"), focus: .input) == .copy)
    }

    @Test func scopesThatNeverMeetMayShareAKey() {
        // Enter sends in the message box and copies the block under the cursor in the conversation.
        let (_, problems) = Keymap.reading("copy-code-block = enter\n", file: "keys")
        #expect(problems.isEmpty)
    }

    @Test(arguments: [
        ("pick-model ctrl-o", "expected 'action = key, key'"),
        ("open-door = ctrl-o", "unknown action 'open-door'"),
        ("pick-model = hyper-o", "unknown key 'hyper-o'"),
        ("send = s", "where 's' is typed"),
        ("help =", "help has no key now"),
    ])
    func aLineThatCannotBeReadIsNamedWithItsLineAndSkipped(line: String, message: String) {
        let (keymap, problems) = Keymap.reading("\n" + line, file: "keys")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
        if !line.hasPrefix("help") { #expect(keymap.action(for: .control("p"), focus: .input) == .pickModel) }
    }

    @Test func aCharacterKeyWorksOutsideTheMessageBoxOnly() {
        var state = Fixtures.state()
        _ = state.update(.input(.character("?")))
        #expect(state.overlay == nil)
        #expect(state.input.text == "?")
        _ = state.update(.input(.tab))
        _ = state.update(.input(.character("?")))
        #expect(state.overlay == .help)
    }

    @Test func hintsOnScreenNameTheKeysAsBound() {
        var state = Fixtures.state(width: 100, height: 30)
        state.keymap = Keymap.reading("help = f5\npick-model = ctrl-o\n", file: "keys").keymap
        let screen = RootView.render(state).grid.text
        #expect(screen.contains("F5 help · Ctrl-O models"))
        #expect(screen.contains("F5 help · Ctrl-O pick a model"))
        #expect(!screen.contains("F1"))
        #expect(!screen.contains("Ctrl-P"))
    }

    @Test func aMissingFileIsSaidAndTheDefaultsServe() {
        let (keymap, problems) = Keymap.load(from: "/nonexistent/parley-keys")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("/nonexistent/parley-keys") == true)
        #expect(keymap.action(for: .control("p"), focus: .input) == .pickModel)
    }

    /// README.md, found from this file's path.
    private static func readme() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The rows of the README table whose header row is `header`.
    private static func table(after header: String, in readme: String) -> [String] {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: header) else { return [] }
        return Array(lines[(start + 2)...].prefix { $0.hasPrefix("|") })
    }

    private static func rows(_ rows: [[String]]) -> [String] {
        rows.map { cells in "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
    }

    @Test func readmesKeyTableIsTheKeymapsHelp() throws {
        let expected = Self.rows(HelpText.keyRows(.defaults).map { [$0.keys, $0.does, $0.action.map { "`\($0.rawValue)`" } ?? "—"] })
        #expect(Self.table(after: "| Key | Does | Keymap action |", in: try Self.readme()) == expected, "README's key table should read:\n\(expected.joined(separator: "\n"))")
    }

    @Test func readmesCommandTableIsTheCommandList() throws {
        let expected = Self.rows(HelpText.commandRows.map { ["`\($0.command)`", $0.does] })
        #expect(Self.table(after: "| Command | Does |", in: try Self.readme()) == expected, "README's command table should read:\n\(expected.joined(separator: "\n"))")
    }

    @Test func theUnknownCommandNoteNamesEveryCommand() {
        var state = Fixtures.state()
        _ = state.update(.input(.paste("/nope")))
        _ = state.update(.input(.enter))
        let note = state.entries.last?.text ?? ""
        for command in SlashCommand.all { #expect(note.contains("/\(command.names[0])")) }
    }
}
