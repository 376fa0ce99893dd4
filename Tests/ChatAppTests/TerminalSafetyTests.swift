@testable import ChatApp
import ChatCore
import Foundation
import Providers
import TerminalUI
import Testing

/// Nothing a model or a server sends can drive the terminal: each class of hostile text is
/// streamed as an answer, rendered, and every cell of the screen is checked. Cells are all
/// the terminal module ever writes, so a clean grid means a clean terminal.
@Suite struct TerminalSafetyTests {
    /// C0 (but the newline the renderer splits on), DEL, C1 and the bidi controls.
    static func isRawControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    static func screen(afterAnswer text: String, thinking: String? = nil) -> CellGrid {
        var state = Fixtures.state(width: 100, height: 30)
        _ = state.update(.input(.paste("Say something nasty")))
        _ = state.update(.input(.enter))
        var events: [ChatEvent] = [.attempt(Fixtures.ollama)]
        if let thinking { events.append(.thinking(thinking)) }
        events.append(.text(text))
        for event in events { _ = state.update(.chat(requestID: 1, event)) }
        return RootView.render(state).grid
    }

    static func assertClean(_ grid: CellGrid, shows visible: String, _ what: String) {
        let raw = grid.cells.flatMap { $0.text.unicodeScalars }.filter(isRawControl)
        #expect(raw.isEmpty, "\(what): raw control characters on screen: \(raw.map { String($0.value, radix: 16) })")
        #expect(grid.text.contains(visible), "\(what): '\(visible)' is not on screen")
    }

    @Test(arguments: [
        ("CSI: clear screen, move cursor, colours", "A\u{1B}[2J\u{1B}[H\u{1B}[31mred", "A␛[2J␛[H␛[31mred"),
        ("OSC 52: write the clipboard", "B\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}", "B␛]52;c;ZWNobyBwd25lZA==␇"),
        ("OSC 8: hyperlink", "C\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", "C␛]8;;https://evil.example␛\\click"),
        ("OSC 0/2: window title", "D\u{1B}]0;pwned\u{07}\u{1B}]2;pwned\u{1B}\\", "D␛]0;pwned␇␛]2;pwned"),
        ("C0: bell, backspace, carriage return, NUL", "E\u{07}\u{08}\u{08}x\ry\u{0}z", "E␇␈␈x␍y␀z"),
        ("DEL", "F\u{7F}", "F␡"),
        ("C1: 8-bit CSI and OSC", "G\u{9B}2J\u{9D}0;t\u{9C}", "G�2J�0;t�"),
    ] as [(String, String, String)])
    func escapeAndControlSequencesAreShownNotObeyed(name: String, payload: String, visible: String) {
        Self.assertClean(Self.screen(afterAnswer: payload), shows: visible, "\(name)")
        Self.assertClean(Self.screen(afterAnswer: "ok", thinking: payload), shows: "ok", "\(name) in the reasoning")
    }

    @Test func bidiOverridesAndIsolatesAreDropped() {
        let grid = Self.screen(afterAnswer: "H\u{202E}txt.exe\u{202C} and \u{2066}iso\u{2069}\u{200F}")
        Self.assertClean(grid, shows: "Htxt.exe and iso", "bidi")
    }

    @Test func invalidUTF8FromTheServerIsShownAsReplacementCharacters() throws {
        var bytes = Array(#"{"model":"m","message":{"role":"assistant","content":"I bad "#.utf8)
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80]
        bytes += Array(#" end"},"done":false}"#.utf8) + [0x0A]
        bytes += Array(#"{"model":"m","done":true}"#.utf8) + [0x0A]
        var decoder = OllamaChatStreamDecoder()
        var events: [ChatEvent] = []
        try decoder.decode(bytes, into: &events)
        try decoder.finish(into: &events)
        let text = events.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
        #expect(text.hasPrefix("I bad \u{FFFD}"))
        #expect(text.hasSuffix(" end"))
        Self.assertClean(Self.screen(afterAnswer: text), shows: "I bad \u{FFFD}", "invalid UTF-8")
    }

    @Test func hostileTextInAProviderErrorIsShownSafely() {
        var state = Fixtures.state(width: 100, height: 30)
        _ = state.update(.input(.paste("hi")))
        _ = state.update(.input(.enter))
        let error = ProviderError(.serverError, "boom \u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J", hint: "\u{9B}31m")
        _ = state.update(.chat(requestID: 1, .attempt(Fixtures.ollama)))
        _ = state.update(.chatFailed(requestID: 1, error))
        Self.assertClean(RootView.render(state).grid, shows: "boom ␛]52;c;ZXZpbA==", "error text")
    }
}

/// Every terminal size from 1x1 to 300x100 renders a screen of exactly that size: the panes
/// when there is room, the "too small" notice when there is not. The 30,000 renders run on a
/// thread of their own, one band at a time: on the test pool's two threads they would starve
/// the tests that wait on timers.
@Suite(.serialized) struct EverySizeTests {
    @Test(arguments: [1...100, 101...200, 201...300])
    func everySizeRendersAScreenOfThatSize(widths: ClosedRange<Int>) async {
        let wrong: [String] = await withCheckedContinuation { continuation in
            Thread {
                let base = Fixtures.conversationWithFallback()
                var wrong: [String] = []
                for width in widths {
                    for height in 1...100 {
                        var state = base
                        _ = state.update(.input(.resize(Size(width: width, height: height))))
                        let grid = RootView.render(state).grid
                        if grid.size != Size(width: width, height: height) {
                            wrong.append("\(width)x\(height): a \(grid.size.width)x\(grid.size.height) screen")
                        } else if width >= 40 && height >= 10, !grid.text.contains("Conversation") {
                            wrong.append("\(width)x\(height): no conversation pane")
                        } else if width < 40 || height < 10, width >= 18, height >= 2, !grid.text.contains("Terminal too small") {
                            wrong.append("\(width)x\(height): no 'too small' notice")
                        }
                    }
                }
                continuation.resume(returning: wrong)
            }.start()
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }
}
