import Foundation
import ChatCore
import TerminalUI

extension AppState {
    /// A key, paste, resize or wheel turn.
    mutating func handle(_ event: InputEvent) -> [Effect] {
        if case .resize(let size) = event {
            self.size = size
            return []
        }
        if case .refusedPaste(let bytes) = event {
            let limit = BracketedPaste.longestPasteBytes
            entries.append(.note(
                "That paste is \(Self.megabytes(bytes)); the message box takes at most \(Self.megabytes(limit)). Nothing was inserted — send a part of it, or save it to a file and ask about a summary.",
                .error
            ))
            return []
        }
        if let overlay { return handleOverlay(overlay, event) }
        switch event {
        case .control("c"):
            if active != nil { return stopAnswer() }
            overlay = .confirmQuit
            return []
        case .escape:
            if active == nil, codeCursor != nil {
                codeCursor = nil
                return []
            }
            return stopAnswer()
        case .function(1):
            showHelp()
            return []
        case .character("?") where focus != .input:
            showHelp()
            return []
        case .control("p"), .function(2):
            picker = ModelPicker()
            overlay = .modelPicker
            return []
        case .function(3), .control("s"):
            if !showsSidebar { overlay = .sidebar }
            return []
        case .control("r"):
            return retryInterrupted()
        case .control("t"):
            showsThinking.toggle()
            // Said in the status line: with no reasoning in view the key would seem dead.
            let anyReasoning = entries.contains { !$0.thinking.isEmpty }
            statusNote = (showsThinking ? "reasoning shown" : "reasoning folded") + (anyReasoning ? "" : " (no answer here has any)")
            return []
        case .control("y"):
            return copy(codeCursor == nil ? "" : "code")
        case .tab:
            focus = Focus(rawValue: (focus.rawValue + 1) % Focus.allCases.count) ?? .input
            if focus == .sidebar && !showsSidebar { focus = .input }
            if focus != .conversation { codeCursor = nil }
            return []
        case .backTab:
            focus = Focus(rawValue: (focus.rawValue + Focus.allCases.count - 1) % Focus.allCases.count) ?? .input
            if focus == .sidebar && !showsSidebar { focus = .conversation }
            if focus != .conversation { codeCursor = nil }
            return []
        case .pageUp, .wheelUp:
            scrollTarget = nil
            scrollOffset += event == .wheelUp ? 3 : max(1, size.height - 8)
            return []
        case .pageDown, .wheelDown:
            scrollTarget = nil
            scrollOffset = max(0, scrollOffset - (event == .wheelDown ? 3 : max(1, size.height - 8)))
            return []
        default:
            break
        }
        switch focus {
        case .input: return edit(event)
        case .conversation: return conversationKey(event)
        case .sidebar: return scroll(event)
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        "\(FixedPoint.text(Double(bytes) / 1_048_576, decimals: 1)) MiB"
    }

    /// Esc or Ctrl-C during an answer: it stops at once on screen, the partial text kept.
    mutating func stopAnswer() -> [Effect] {
        guard let active else { return [] }
        entries[active.entryIndex].isStreaming = false
        entries[active.entryIndex].wasCancelled = true
        if entries[active.entryIndex].text.isEmpty && entries[active.entryIndex].thinking.isEmpty {
            entries.remove(at: active.entryIndex)
        }
        self.active = nil
        statusNote = "stopped"
        return [.cancelChat(requestID: active.requestID)]
    }

    /// The help overlay, from its top.
    mutating func showHelp() {
        overlay = .help
        helpScroll = 0
    }

    /// Before the screen shows another conversation: stops the answer and has what the screen
    /// held of this one saved, its latest text and status included.
    mutating func leaveConversation() -> [Effect] {
        let stopped = stopAnswer()
        return stopped + [.keepConversation(header, entries)]
    }

    /// The conversation pane's keys: the code-block cursor, then scrolling.
    private mutating func conversationKey(_ event: InputEvent) -> [Effect] {
        switch event {
        case .character("["):
            moveCodeCursor(up: true)
            return []
        case .character("]"):
            moveCodeCursor(up: false)
            return []
        case .character("y") where codeCursor != nil, .enter where codeCursor != nil:
            return copy("code")
        default:
            return scroll(event)
        }
    }

    private mutating func scroll(_ event: InputEvent) -> [Effect] {
        switch event {
        case .up: scrollOffset += 1
        case .down: scrollOffset = max(0, scrollOffset - 1)
        case .home: scrollOffset = Int.max / 2
        case .end: scrollOffset = 0
        case .character, .paste, .enter:
            focus = .input
            codeCursor = nil
            return edit(event)
        default: break
        }
        return []
    }

    private mutating func edit(_ event: InputEvent) -> [Effect] {
        switch event {
        case .enter:
            return submit()
        case .control("j"), .altEnter:
            input.newline()
        case .character(let character):
            input.insert(String(character))
        case .paste(let text):
            input.insert(text)
        case .backspace: input.backspace()
        case .delete: input.deleteForward()
        case .left: input.moveLeft()
        case .right: input.moveRight()
        case .home, .control("a"): input.moveToLineStart()
        case .end, .control("e"): input.moveToLineEnd()
        case .control("k"): input.killToLineEnd()
        case .control("u"): input.killToLineStart()
        case .control("w"): input.deleteWordBackward()
        case .up:
            if input.isOnFirstLine, let previous = history.previous(current: input.text) {
                input.set(previous)
            } else {
                input.moveUp()
            }
        case .down:
            if input.isOnLastLine, let next = history.next() {
                input.set(next)
            } else {
                input.moveDown()
            }
        default:
            break
        }
        return []
    }

    private mutating func handleOverlay(_ current: Overlay, _ event: InputEvent) -> [Effect] {
        switch current {
        case .help:
            let screen = Rect(x: 0, y: 0, width: size.width, height: max(0, size.height - 1))
            let page = max(1, HelpText.layout(screen: screen).visible - 1)
            switch event {
            case .up: helpScroll -= 1
            case .down: helpScroll += 1
            case .pageUp: helpScroll -= page
            case .pageDown, .character(" "): helpScroll += page
            case .home: helpScroll = 0
            case .end: helpScroll = .max
            case .escape, .function(1), .enter, .character("q"): overlay = nil
            default: break
            }
            helpScroll = min(max(0, helpScroll), HelpText.maxScroll(screen: screen))
            return []
        case .sidebar:
            if event == .escape || event == .function(1) || event == .enter || event == .character("q") || event == .function(3) || event == .control("s") {
                overlay = nil
            }
            return []
        case .confirmQuit:
            switch event {
            case .character("y"), .character("Y"), .control("c"), .enter:
                return [.quit]
            default:
                overlay = nil
                return []
            }
        case .modelPicker:
            return pick(event)
        case .archive(let title, let items, let selection):
            switch event {
            case .up: overlay = .archive(title: title, items: items, selection: max(0, selection - 1))
            case .down: overlay = .archive(title: title, items: items, selection: min(items.count - 1, selection + 1))
            case .enter:
                overlay = nil
                let item = items[selection]
                return [.openConversation(id: item.conversationID, messageID: item.messageID)]
            case .escape, .character("q"): overlay = nil
            default: break
            }
            return []
        case .confirmDelete:
            overlay = nil
            guard event == .character("y") || event == .character("Y") else { return [] }
            let effects = stopAnswer() + [.deleteConversation(id: conversationID)]
            entries = [.note("Deleted the conversation. This is a new one.")]
            conversationID = UUID().uuidString
            customTitle = nil
            return effects
        }
    }

    private mutating func pick(_ event: InputEvent) -> [Effect] {
        let rows = picker.rows(order: providerOrder, models: models)
        switch event {
        case .escape, .control("p"), .function(2):
            overlay = nil
        case .up:
            picker.selection = max(0, picker.selection - 1)
        case .down:
            picker.selection = min(max(rows.count - 1, 0), picker.selection + 1)
        case .pageUp:
            picker.selection = max(0, picker.selection - 10)
        case .pageDown:
            picker.selection = min(max(rows.count - 1, 0), picker.selection + 10)
        case .backspace:
            if !picker.filter.isEmpty { picker.filter.removeLast() }
            picker.selection = 0
        case .character(let character):
            picker.filter.append(character)
            picker.selection = 0
        case .paste(let text):
            picker.filter += text.filter { $0 != "\n" }
            picker.selection = 0
        case .enter:
            guard rows.indices.contains(picker.selection) else { return [] }
            let chosen = rows[picker.selection]
            overlay = nil
            return selectModel("\(chosen.provider):\(chosen.name)")
        default:
            break
        }
        return []
    }
}
