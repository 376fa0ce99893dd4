import ChatCore
import Foundation

extension AppState {
    /// Enter in the input box: a slash command, or a message to send.
    mutating func submit() -> [Effect] {
        let text = input.text
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        history.record(text)
        input = InputBuffer()
        if text.hasPrefix("/") { return command(text) }
        return send(text)
    }

    private mutating func send(_ text: String) -> [Effect] {
        let effects = stopAnswer()
        entries.append(ConversationEntry(kind: .user, text: text))
        return effects + startAnswer(messages: messagesForProvider, excluding: nil)
    }

    private mutating func startAnswer(messages: [Message], excluding: ProviderID?) -> [Effect] {
        var answer = ConversationEntry(kind: .assistant, text: "")
        answer.isStreaming = true
        entries.append(answer)
        let requestID = nextRequestID
        nextRequestID += 1
        active = ActiveChat(requestID: requestID, entryIndex: entries.count - 1, phase: .waiting, startedAt: now, firstTokenAt: nil, tokens: 0)
        interrupted = nil
        scrollOffset = 0
        statusNote = nil
        return [.startChat(requestID: requestID, model: model, messages: messages, temperature: temperature, maxTokens: maxTokens, excluding: excluding)]
    }

    /// Ctrl-R after an answer broke off: the same question on the next healthy provider.
    mutating func retryInterrupted() -> [Effect] {
        guard active == nil, let interrupted else {
            statusNote = active == nil ? "nothing to retry: Ctrl-R asks again after an answer broke off" : "an answer is coming; Esc stops it"
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

    private static let commandsWithoutArgument: Set = ["models", "providers", "health", "clear", "help", "new", "chats", "delete", "quit", "exit", "q"]

    /// The slash commands: /model, /models, /providers, /health, /clear, /system,
    /// /temperature, /help, /quit.
    private mutating func command(_ text: String) -> [Effect] {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first?.lowercased() ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        // A stray word after a command that takes none is a typo, not a request: `/delete now`
        // must not ask to delete, `/copy foo` must not copy something else.
        if Self.commandsWithoutArgument.contains(name), !argument.isEmpty {
            entries.append(.note("/\(name) takes no argument; nothing was done. (F1 lists every command.)", .error))
            return []
        }
        if name == "copy", !["", "code"].contains(argument) {
            entries.append(.note("/copy takes nothing (the last answer) or 'code' (a code block); nothing was copied.", .error))
            return []
        }
        switch name {
        case "model":
            guard !argument.isEmpty else {
                entries.append(.note("Model: \(modelLabel). Use /model NAME (e.g. /model ollama:llama2) or Ctrl-P to pick."))
                return []
            }
            return selectModel(argument)
        case "models":
            picker = ModelPicker()
            overlay = .modelPicker
            return []
        case "providers":
            entries.append(.note(providerSummary()))
            return []
        case "default":
            let provider = ProviderID(argument)
            guard providerOrder.contains(provider) else {
                entries.append(.note("/default takes a provider: \(providerOrder.map(\.rawValue).joined(separator: ", "))", .error))
                return []
            }
            defaultProvider = provider
            entries.append(.note("Default provider: \(provider). Bare model names go there first."))
            return [.setDefaultProvider(provider)]
        case "health":
            entries.append(.note("Checking every provider now…"))
            return [.checkHealth(nil)]
        case "clear":
            let effects = leaveConversation()
            entries = []
            conversationID = UUID().uuidString
            customTitle = nil
            interrupted = nil
            scrollOffset = 0
            return effects
        case "system":
            systemPrompt = argument.isEmpty ? nil : argument
            entries.append(.note(argument.isEmpty ? "System prompt cleared." : "System prompt set."))
            return []
        case "temperature":
            guard let value = Double(argument), (0...2).contains(value) else {
                entries.append(.note("/temperature takes a number from 0 to 2, e.g. /temperature 0.2", .error))
                return []
            }
            temperature = value
            entries.append(.note("Temperature: \(value)"))
            return []
        case "help":
            showHelp()
            return []
        case "new":
            let effects = leaveConversation()
            entries = [.note("New conversation. The previous one is saved; 'parley --continue' or search brings it back.")]
            conversationID = UUID().uuidString
            customTitle = nil
            interrupted = nil
            scrollOffset = 0
            return effects
        case "rename":
            guard !argument.isEmpty else {
                entries.append(.note("/rename takes a title, e.g. /rename Retry strategies", .error))
                return []
            }
            customTitle = argument
            entries.append(.note("Renamed to “\(argument)”."))
            return []
        case "set":
            return setting(argument)
        case "export":
            guard !argument.isEmpty else {
                entries.append(.note("/export takes a file name, e.g. /export chat.md (or .json)", .error))
                return []
            }
            return [.export(path: argument)]
        case "copy":
            return copy(argument)
        case "search":
            guard !argument.isEmpty else {
                entries.append(.note("/search takes words, e.g. /search retry backoff", .error))
                return []
            }
            return [.search(argument)]
        case "chats":
            return [.listConversations]
        case "delete":
            overlay = .confirmDelete
            return []
        case "quit", "exit", "q":
            return stopAnswer() + [.quit]
        default:
            entries.append(.note("Unknown command /\(name). Commands: \(HelpText.commands.map(\.command).joined(separator: ", ")); F1 shows what each does.", .error))
            return []
        }
    }

    /// `/set temperature 0.2`, `/set max-tokens 500` (`/set max-tokens off` removes the limit).
    private mutating func setting(_ argument: String) -> [Effect] {
        let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            entries.append(.note("/set takes a setting and a value: /set temperature 0.2, /set max-tokens 500", .error))
            return []
        }
        switch parts[0].lowercased() {
        case "temperature":
            return command("/temperature \(parts[1])")
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

    private func providerSummary() -> String {
        var lines = ["Providers (default: \(defaultProvider)):"]
        for provider in providerOrder {
            let status = health[provider] ?? .unknown
            let count = models[provider].map { " · \($0.count) models" } ?? ""
            lines.append("  \(provider): \(status.state.rawValue)\(count)\(status.reason.map { " · \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
