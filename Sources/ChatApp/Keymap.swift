import Foundation
import TerminalUI

/// Which keys do which `KeyAction`: the defaults, changed by a keymap file
/// (`PARLEY_KEYMAP`). The key handling, the help overlay and README's key table all read it.
///
/// A keymap file has one `action = key, key` per line (`#` starts a comment): `pick-model =
/// ctrl-o, f2`. The keys listed replace the action's defaults; a key taken from another action
/// that works in the same place leaves it, and the file is told so. Key names: `enter`,
/// `alt-enter`, `esc`, `tab`, `shift-tab`, `backspace`, `delete`, `up`, `down`, `left`,
/// `right`, `home`, `end`, `pgup`, `pgdn`, `space`, `f1`…`f12`, `ctrl-a`…`ctrl-z`, `alt-x`,
/// or one character (`?`, `[`).
public struct Keymap: Sendable {
    /// Each action's keys, in the order the help lists them.
    private(set) var keys: [KeyAction: [InputEvent]]

    public static let defaults = Keymap(keys: [
        .send: [.enter],
        .newline: [.control("j"), .altEnter],
        .stop: [.escape],
        .stopOrQuit: [.control("c")],
        .retryElsewhere: [.control("r")],
        .pickModel: [.control("p"), .function(2)],
        .scrollUp: [.pageUp],
        .scrollDown: [.pageDown],
        .focusNext: [.tab],
        .focusPrevious: [.backTab],
        .showSidebar: [.function(3), .control("s")],
        .toggleReasoning: [.control("t")],
        .copy: [.control("y")],
        .codeBlockUp: [.character("[")],
        .codeBlockDown: [.character("]")],
        .copyCodeBlock: [.character("y"), .enter],
        .messageUp: [.up, .character("k")],
        .messageDown: [.down, .character("j")],
        .regenerate: [.character("r")],
        .editMessage: [.character("e")],
        .previousBranch: [.character("<"), .left],
        .nextBranch: [.character(">"), .right],
        .pickAnswer1: [.character("1")],
        .pickAnswer2: [.character("2")],
        .pickAnswer3: [.character("3")],
        .pickAnswer4: [.character("4")],
        .lineStart: [.home, .control("a")],
        .lineEnd: [.end, .control("e")],
        .killToLineEnd: [.control("k")],
        .killToLineStart: [.control("u")],
        .deleteWord: [.control("w")],
        .help: [.function(1), .character("?")],
    ])

    /// What `key` does with `focus`, if any action has it there.
    func action(for key: InputEvent, focus: AppState.Focus) -> KeyAction? {
        let typing = focus == .input
        return KeyAction.allCases.first { action in
            guard keys[action]?.contains(key) == true else { return false }
            switch action.scope {
            case .global:
                if case .character = key { return !typing }
                return true
            case .input: return focus == .input
            case .conversation: return focus == .conversation
            }
        }
    }

    /// The first key of `action`, for a hint on screen ("F1 help").
    func key(_ action: KeyAction) -> String {
        keys[action]?.first.map(KeyName.text) ?? "(no key)"
    }

    /// The keys of `action`, as the help writes them.
    func keysText(_ action: KeyAction) -> String {
        (keys[action] ?? []).map(KeyName.text).joined(separator: ", ")
    }

    /// Every action with its keys and what it does, for the help and README; an action left
    /// without a key says so.
    var helpRows: [(keys: String, does: String, action: KeyAction?)] {
        KeyAction.allCases.map { action in
            let keys = keysText(action)
            return (keys.isEmpty ? "(no key)" : keys, action.help, action)
        }
    }

    /// A problem with a keymap file, by file and line.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// The defaults changed by the keymap file `text` (named `file` in problems). Lines that
    /// cannot be read are skipped; each problem, and each key taken from another action, is
    /// reported.
    public static func reading(_ text: String, file: String) -> (keymap: Keymap, problems: [Problem]) {
        var keymap = defaults
        var problems: [Problem] = []
        /// Where each key was bound by the file, to tell two lines of it apart from a default.
        var boundAt: [InputEvent: (action: KeyAction, line: Int)] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let source = rawLine.trimmed
            if source.isEmpty || source.hasPrefix("#") { continue }
            func problem(_ message: String) { problems.append(Problem(file: file, line: line, message: message)) }
            guard let equals = source.firstIndex(of: "=") else {
                problem("expected 'action = key, key', got '\(source)'")
                continue
            }
            let name = source[..<equals].trimmed
            guard let action = KeyAction(rawValue: name.lowercased()) else {
                problem("unknown action '\(name)'; actions: \(KeyAction.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            var newKeys: [InputEvent] = []
            var readable = true
            for word in source[source.index(after: equals)...].split(separator: ",").map(\.trimmed) where !word.isEmpty {
                guard let key = KeyName.key(word) else {
                    problem("unknown key '\(word)' for \(action.rawValue); keys are written like ctrl-p, f2, alt-enter, pgup, or one character")
                    readable = false
                    break
                }
                if action.scope == .input, case .character = key {
                    problem("\(action.rawValue) works in the message box, where '\(word)' is typed; bind it to a key that types nothing")
                    readable = false
                    break
                }
                if !newKeys.contains(key) { newKeys.append(key) }
            }
            guard readable else { continue }
            for key in newKeys {
                for other in KeyAction.allCases where other != action && overlaps(other.scope, action.scope) && keymap.keys[other]?.contains(key) == true {
                    keymap.keys[other]?.removeAll { $0 == key }
                    let earlier = boundAt[key].map { "line \($0.line) bound it to \($0.action.rawValue)" } ?? "it was \(other.rawValue)'s"
                    let left = keymap.keys[other]?.isEmpty == true ? "; \(other.rawValue) has no key now" : ""
                    problem("\(KeyName.text(key)) is now \(action.rawValue) (\(earlier))\(left)")
                }
                boundAt[key] = (action, line)
            }
            keymap.keys[action] = newKeys
            if newKeys.isEmpty { problem("\(action.rawValue) has no key now") }
        }
        return (keymap, problems)
    }

    /// The keymap file at `path` (nothing for an empty path), and what to tell the user of it:
    /// its problems, or why it could not be read (the defaults are used then).
    public static func load(from path: String) -> (keymap: Keymap, problems: [String]) {
        guard !path.isEmpty else { return (defaults, []) }
        do {
            let (keymap, problems) = reading(try String(contentsOfFile: path, encoding: .utf8), file: path)
            return (keymap, problems.map { "Keymap \($0)" })
        } catch {
            return (defaults, ["Cannot read the keymap file \(path) (\(error.localizedDescription)); the default keys are used."])
        }
    }

    /// Whether keys of the two scopes can be pressed in the same place.
    private static func overlaps(_ first: KeyAction.Scope, _ second: KeyAction.Scope) -> Bool {
        first == second || first == .global || second == .global
    }
}
