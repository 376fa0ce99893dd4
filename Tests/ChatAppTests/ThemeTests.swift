import ChatApp
import Foundation
import TerminalUI
import Testing

@Suite struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    @Test(arguments: ["dark", "light", "high-contrast"])
    func shippedThemesParseAndSetEveryRole(name: String) throws {
        let path = Self.themesFolder.appendingPathComponent("\(name).theme").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let theme = try ThemeFile.parse(text, name: name, file: path)
        for role in ColorRole.allCases {
            #expect(text.contains("\n\(role.rawValue) ="), "\(name) lacks \(role.rawValue)")
        }
        #expect(theme.name == name)
    }

    @Test func builtInDefaultMatchesTheDarkThemeFile() throws {
        let path = Self.themesFolder.appendingPathComponent("dark.theme").path
        let theme = try ThemeFile.parse(try String(contentsOfFile: path, encoding: .utf8), name: "dark", file: path)
        for role in ColorRole.allCases {
            #expect(theme[role] == Theme.builtInDark[role], "\(role)")
        }
    }

    @Test func styleSyntax() throws {
        let theme = try ThemeFile.parse("user = #ff8800 on 236 bold underline # orange\n# comment\n\nerror = bright-red", name: "t", file: "t.theme")
        #expect(theme[.user] == Style(foreground: .rgb(0xFF, 0x88, 0x00), background: .indexed(236), attributes: [.bold, .underline]))
        #expect(theme[.error] == Style(foreground: .ansi(9)))
        #expect(theme[.assistant] == Theme.builtInDark[.assistant])
    }

    @Test(arguments: [
        ("usr = red", 1, "unknown role 'usr'"),
        ("\nuser = reddish", 2, "'reddish' is not a colour"),
        ("user red", 1, "expected 'role = style'"),
        ("user = red on", 1, "'on' needs a background"),
        ("user = red blue", 1, "two foreground colours"),
    ])
    func badThemeLinesNameTheFileAndLine(text: String, line: Int, message: String) {
        #expect {
            _ = try ThemeFile.parse(text, name: "bad", file: "/x/bad.theme")
        } throws: { error in
            guard let problem = error as? ThemeFile.Problem else { return false }
            return problem.line == line && problem.file == "/x/bad.theme" && problem.description.contains(message)
                && problem.description.hasPrefix("/x/bad.theme:\(line): ")
        }
    }

    @Test func badOrMissingThemeFallsBackToTheBuiltInWithAMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("broken.theme")
        try "text = default\nborder = nonsense\n".write(to: bad, atomically: true, encoding: .utf8)
        let (theme, problem) = ThemeLibrary.load(bad.path, dataDirectory: folder.path)
        #expect(theme == .builtInDark)
        #expect(problem?.contains("broken.theme:2:") == true)
        let (missing, why) = ThemeLibrary.load("no-such-theme", dataDirectory: folder.path)
        #expect(missing == .builtInDark)
        #expect(why?.contains("theme 'no-such-theme' not found") == true)
        let (light, none) = ThemeLibrary.load(Self.themesFolder.appendingPathComponent("light.theme").path, dataDirectory: folder.path)
        #expect(light.name == "light")
        #expect(none == nil)
    }
}
