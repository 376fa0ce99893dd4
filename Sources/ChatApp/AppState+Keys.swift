import ChatCore
import Foundation
import Providers
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
        if let action = keymap.action(for: event, focus: focus), let effects = perform(action) { return effects }
        switch event {
        case .wheelUp:
            scrollTarget = nil
            scrollOffset += 3
            return []
        case .wheelDown:
            scrollTarget = nil
            scrollOffset = max(0, scrollOffset - 3)
            return []
        default:
            break
        }
        switch focus {
        case .input: return edit(event)
        case .conversation: return scroll(event)
        case .sidebar: return scroll(event)
        }
    }

    /// Does what a key bound to `action` does; nil when it has nothing to do here and the key
    /// goes on as a plain key (Enter with no code block under the cursor).
    private mutating func perform(_ action: KeyAction) -> [Effect]? {
        switch action {
        case .send:
            return submit()
        case .newline:
            input.newline()
        case .stop:
            if isAnswering { return stopAnswer() }
            if editing != nil {
                leaveEdit()
                return []
            }
            if codeCursor != nil {
                codeCursor = nil
                return []
            }
            if let pull = pulls.keys.sorted(by: { ($0.provider, $0.model) < ($1.provider, $1.model) }).first {
                overlay = .confirmStopPull(pull)
                return []
            }
            return stopAnswer()
        case .stopOrQuit:
            if isAnswering { return stopAnswer() }
            overlay = .confirmQuit
        case .retryElsewhere:
            return retryInterrupted()
        case .pickModel:
            openModelPicker()
        case .scrollUp:
            scrollTarget = nil
            scrollOffset += max(1, size.height - 8)
        case .scrollDown:
            scrollTarget = nil
            scrollOffset = max(0, scrollOffset - max(1, size.height - 8))
        case .focusNext:
            focus = Focus(rawValue: (focus.rawValue + 1) % Focus.allCases.count) ?? .input
            if focus == .sidebar && !showsSidebar { focus = .input }
            if focus != .conversation { codeCursor = nil } else { placeMessageCursor() }
        case .focusPrevious:
            focus = Focus(rawValue: (focus.rawValue + Focus.allCases.count - 1) % Focus.allCases.count) ?? .input
            if focus == .sidebar && !showsSidebar { focus = .conversation }
            if focus != .conversation { codeCursor = nil } else { placeMessageCursor() }
        case .showSidebar:
            if !showsSidebar { overlay = .sidebar }
        case .toggleReasoning:
            showsThinking.toggle()
            // Said in the status line: with no reasoning in view the key would seem dead.
            let anyReasoning = entries.contains { !$0.thinking.isEmpty }
            statusNote = (showsThinking ? "reasoning shown" : "reasoning folded") + (anyReasoning ? "" : " (no answer here has any)")
        case .copy:
            return copy(codeCursor == nil ? "" : "code")
        case .codeBlockUp:
            moveCodeCursor(up: true)
        case .codeBlockDown:
            moveCodeCursor(up: false)
        case .copyCodeBlock:
            guard codeCursor != nil else { return nil }
            return copy("code")
        case .messageUp:
            moveMessageCursor(up: true)
        case .messageDown:
            moveMessageCursor(up: false)
        case .regenerate:
            return regenerate()
        case .editMessage:
            beginEdit()
        case .previousBranch:
            return showSibling(-1)
        case .nextBranch:
            return showSibling(1)
        case .pickAnswer1:
            return pickAnswer(1)
        case .pickAnswer2:
            return pickAnswer(2)
        case .pickAnswer3:
            return pickAnswer(3)
        case .pickAnswer4:
            return pickAnswer(4)
        case .lineStart:
            input.moveToLineStart()
        case .lineEnd:
            input.moveToLineEnd()
        case .killToLineEnd:
            input.killToLineEnd()
        case .killToLineStart:
            input.killToLineStart()
        case .deleteWord:
            input.deleteWordBackward()
        case .help:
            showHelp()
        }
        return []
    }

    private static func megabytes(_ bytes: Int) -> String {
        "\(FixedPoint.text(Double(bytes) / 1_048_576, decimals: 1)) MiB"
    }

    /// Esc or Ctrl-C during an answer: it stops at once on screen, the partial text kept.
    mutating func stopAnswer() -> [Effect] {
        guard let active else { return stopComparison() }
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
        let stopped = stopAnswer() + keepComparison()
        return stopped + [.keepConversation(header, entries)]
    }

    private mutating func scroll(_ event: InputEvent) -> [Effect] {
        switch event {
        case .up: scrollOffset += 1
        case .down: scrollOffset = max(0, scrollOffset - 1)
        case .home: scrollOffset = Int.max / 2
        case .end: scrollOffset = 0
        case .character, .paste, .enter:
            // Typing outside the message box goes to it, as the key would there.
            focus = .input
            codeCursor = nil
            return handle(event)
        default: break
        }
        return []
    }

    private mutating func edit(_ event: InputEvent) -> [Effect] {
        switch event {
        case .character(let character):
            input.insert(String(character))
        case .paste(let text):
            input.insert(text)
        case .backspace: input.backspace()
        case .delete: input.deleteForward()
        case .left: input.moveLeft()
        case .right: input.moveRight()
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
            let page = max(1, HelpText.layout(screen: screen, keymap: keymap).visible - 1)
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
            helpScroll = min(max(0, helpScroll), HelpText.maxScroll(screen: screen, keymap: keymap))
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
            let deleted = conversationID
            return startNewConversation(keepingThisOne: false, note: "Deleted the conversation. This is a new one.")
                + [.deleteConversation(id: deleted)]
        case .confirmDeleteModel(let model):
            overlay = nil
            guard event == .character("y") || event == .character("Y") else { return [] }
            return [.changeModel(ModelTarget(provider: model.provider, model: model.name), .delete)]
        case .confirmStopPull(let pull):
            overlay = nil
            guard event == .character("y") || event == .character("Y"), pulls[pull] != nil else { return [] }
            pulls[pull] = nil
            entries.append(.note("Stopped pulling \(pull.model) into \(pull.provider). Ollama may go on downloading it in the background; pulling it again later goes on from what it has."))
            return [.cancelPull(pull)]
        }
    }

    private mutating func pick(_ event: InputEvent) -> [Effect] {
        let rows = picker.rows(order: providerOrder, models: models)
        let offers = picker.pullOffers(targets: pullTargets, models: models)
        let last = max(rows.count + offers.count - 1, 0)
        switch event {
        case .escape, .control("p"), .function(2):
            overlay = nil
        case .up:
            picker.selection = max(0, picker.selection - 1)
        case .down:
            picker.selection = min(last, picker.selection + 1)
        case .pageUp:
            picker.selection = max(0, picker.selection - 10)
        case .pageDown:
            picker.selection = min(last, picker.selection + 10)
        case .backspace:
            if !picker.filter.isEmpty { picker.filter.removeLast() }
            picker.selection = 0
        case .character(" "):
            // Model names hold no spaces: Space marks the model to compare it.
            guard rows.indices.contains(picker.selection) else { return [] }
            let name = "\(rows[picker.selection].provider):\(rows[picker.selection].name)"
            if let at = picker.marked.firstIndex(of: name) {
                picker.marked.remove(at: at)
            } else if picker.marked.count < Comparison.models.upperBound {
                picker.marked.append(name)
            } else {
                statusNote = "a comparison takes at most \(Comparison.models.upperBound) models"
            }
        case .character(let character):
            picker.filter.append(character)
            picker.selection = 0
        case .paste(let text):
            picker.filter += text.filter { $0 != "\n" }
            picker.selection = 0
        case .control("d"), .control("l"), .control("u"):
            guard rows.indices.contains(picker.selection), pullTargets.contains(rows[picker.selection].provider) else { return [] }
            let model = rows[picker.selection]
            let target = ModelTarget(provider: model.provider, model: model.name)
            switch event {
            case .control("d"):
                overlay = .confirmDeleteModel(model)
                return []
            case .control("l"):
                overlay = nil
                entries.append(.note("Loading \(model.name) on \(model.provider)…"))
                return [.changeModel(target, .load)]
            default:
                overlay = nil
                return [.changeModel(target, .unload)]
            }
        case .enter where picker.marked.count >= Comparison.models.lowerBound:
            overlay = nil
            return compare(picker.marked.joined(separator: " "))
        case .enter:
            if offers.indices.contains(picker.selection - rows.count) {
                overlay = nil
                return startPull(offers[picker.selection - rows.count])
            }
            guard rows.indices.contains(picker.selection) else { return [] }
            let chosen = rows[picker.selection]
            overlay = nil
            return selectModel("\(chosen.provider):\(chosen.name)")
        default:
            break
        }
        return []
    }

    /// Starts pulling, or says the same pull is already on its way (it is not started twice).
    mutating func startPull(_ pull: ModelTarget) -> [Effect] {
        guard pulls[pull] == nil else {
            entries.append(.note("\(pull.model) is already being pulled into \(pull.provider): its progress is in the status line."))
            return []
        }
        pulls[pull] = PullProgress()
        entries.append(.note("Pulling \(pull.model) into \(pull.provider). Its progress shows in the status line; you can keep chatting, and it will be in the model picker when it is done."))
        return [.pullModel(pull)]
    }
}
