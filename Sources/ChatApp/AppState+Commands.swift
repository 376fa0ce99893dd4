import ChatCore
import Foundation

extension AppState {
    /// Enter in the input box: a slash command, or a message to send.
    mutating func submit() -> [Effect] {
        let text = input.text
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        if !text.hasPrefix("/"), let comparison, !comparison.columns.isEmpty {
            // Kept in the box: it is sent once the comparison has an answer to follow.
            statusNote = comparison.isRunning
                ? "the compared answers are still coming; \(keymap.key(.stop)) stops them"
                : "pick the answer to go on with first: \(keymap.key(.focusNext)), then 1–\(comparison.columns.count) (or /pick N)"
            return []
        }
        history.record(text)
        input = InputBuffer()
        if text.hasPrefix("/") { return SlashCommand.run(text, on: &self) }
        return send(text)
    }

    private mutating func send(_ text: String) -> [Effect] {
        var effects = stopAnswer()
        if comparison != nil { return effects + sendCompared(text) }
        if let edited = appendEdited(text) {
            effects += edited
        } else {
            entries.append(ConversationEntry(kind: .user, text: text))
        }
        return effects + startAnswer(messages: messagesForProvider, excluding: nil)
    }

    /// An answer to `messages` starts streaming into a new entry, from `model` when given (one
    /// regenerated with another model), else the conversation's.
    mutating func startAnswer(messages: [Message], excluding: ProviderID?, model: String? = nil) -> [Effect] {
        var answer = ConversationEntry(kind: .assistant, text: "")
        answer.isStreaming = true
        entries.append(answer)
        let requestID = nextRequestID
        nextRequestID += 1
        active = ActiveChat(requestID: requestID, entryIndex: entries.count - 1, phase: .waiting, startedAt: now, firstTokenAt: nil, tokens: 0)
        interrupted = nil
        scrollOffset = 0
        statusNote = nil
        return [.startChat(requestID: requestID, model: model ?? self.model, messages: messages, temperature: temperature, maxTokens: maxTokens, excluding: excluding)]
    }

    /// Ctrl-R after an answer broke off: the same question on the next healthy provider.
    mutating func retryInterrupted() -> [Effect] {
        guard active == nil, let interrupted else {
            statusNote = active == nil
                ? "nothing to retry: \(keymap.key(.retryElsewhere)) asks again after an answer broke off"
                : "an answer is coming; \(keymap.key(.stop)) stops it"
            return []
        }
        entries.append(.note("Retrying on the next healthy provider after \(interrupted.target)…"))
        return startAnswer(messages: interrupted.messages, excluding: interrupted.target.provider)
    }

    mutating func selectModel(_ name: String) -> [Effect] {
        model = name
        entries.append(.note("Model: \(name.isEmpty ? "the default provider's default" : name)"))
        return []
    }

    /// `/temperature T`: a number from 0 to 2.
    mutating func setTemperature(_ text: String) -> [Effect] {
        guard let value = Double(text), (0...2).contains(value) else {
            entries.append(.note("/temperature takes a number from 0 to 2, e.g. /temperature 0.2", .error))
            return []
        }
        temperature = value
        entries.append(.note("Temperature: \(value)"))
        return []
    }

    /// The model picker, from its top with no filter.
    mutating func openModelPicker() {
        picker = ModelPicker()
        overlay = .modelPicker
        // After a model was not found or a pull failed: the picker opens on the offer to pull it.
        if let offered = offeredPull {
            offeredPull = nil
            picker.filter = "\(offered.provider):\(offered.model)"
            let offers = picker.pullOffers(targets: pullTargets, models: models)
            if let offer = offers.firstIndex(of: offered) {
                picker.selection = picker.rows(order: providerOrder, models: models).count + offer
            }
        }
    }

    /// The one way a new conversation starts (/new, /clear, after /delete): the answer is
    /// stopped, this conversation is saved as the screen holds it unless it is being deleted,
    /// and the screen starts empty but for `note`. The model and the prompt settings stay.
    mutating func startNewConversation(keepingThisOne: Bool, note: String?) -> [Effect] {
        let effects = keepingThisOne ? leaveConversation() : stopAnswer()
        entries = note.map { [.note($0)] } ?? []
        conversationID = UUID().uuidString
        customTitle = nil
        usage = UsageTotals()
        interrupted = nil
        scrollOffset = 0
        scrollTarget = nil
        codeCursor = nil
        tree = ConversationTree()
        messageCursor = nil
        editing = nil
        comparison = nil
        return effects
    }

    /// `/set temperature 0.2`, `/set max-tokens 500` (`/set max-tokens off` removes the limit).
    mutating func setting(_ argument: String) -> [Effect] {
        let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            entries.append(.note("/set takes a setting and a value: /set temperature 0.2, /set max-tokens 500", .error))
            return []
        }
        switch parts[0].lowercased() {
        case "temperature":
            return setTemperature(parts[1])
        case "max-tokens":
            if parts[1] == "off" {
                maxTokens = nil
                entries.append(.note("Max tokens: the provider's own limit."))
            } else if let value = Int(parts[1]), ChatRequest.maxTokensRange.contains(value) {
                maxTokens = value
                entries.append(.note("Max tokens: \(value)"))
            } else {
                entries.append(.note("/set max-tokens takes a whole number from 1 to \(ChatRequest.maxTokensRange.upperBound), or off", .error))
            }
            return []
        default:
            entries.append(.note("Unknown setting \(parts[0]); settings: temperature, max-tokens", .error))
            return []
        }
    }

    /// `/copy`: the last answer; `/copy code`: the code block under the cursor, or else the
    /// last answer's last code block.
    mutating func copy(_ argument: String) -> [Effect] {
        if argument == "code", let code = codeUnderCursor {
            entries.append(.note("Copied the code block under the cursor (\(code.count) characters) to the clipboard."))
            return [.copyToClipboard(code)]
        }
        guard let answer = entries.last(where: { $0.kind == .assistant && !$0.text.isEmpty })?.text else {
            entries.append(.note("Nothing to copy yet.", .error))
            return []
        }
        if argument == "code" {
            guard let code = CodeBlocks.all(in: answer).last else {
                entries.append(.note("The last answer has no code block.", .error))
                return []
            }
            entries.append(.note("Copied the last code block (\(code.count) characters) to the clipboard."))
            return [.copyToClipboard(code)]
        }
        entries.append(.note("Copied the last answer (\(answer.count) characters) to the clipboard."))
        return [.copyToClipboard(answer)]
    }

    func providerSummary() -> String {
        var lines = ["Providers (default: \(defaultProvider)):"]
        for provider in providerOrder {
            let status = health[provider] ?? .unknown
            let count = models[provider].map { " · \($0.count) models" } ?? ""
            lines.append("  \(provider): \(status.state.rawValue)\(count)\(status.reason.map { " · \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
