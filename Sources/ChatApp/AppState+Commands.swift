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
        return effects + startAnswer(messages: messagesForProvider, retryAfter: nil)
    }

    private mutating func startAnswer(messages: [Message], retryAfter: ModelTarget?) -> [Effect] {
        var answer = ConversationEntry(kind: .assistant, text: "")
        answer.isStreaming = true
        entries.append(answer)
        let requestID = nextRequestID
        nextRequestID += 1
        active = ActiveChat(requestID: requestID, entryIndex: entries.count - 1, phase: .waiting, startedAt: now, firstTokenAt: nil, tokens: 0)
        interrupted = nil
        scrollOffset = 0
        statusNote = nil
        return [.startChat(requestID: requestID, model: model, messages: messages, temperature: temperature, retryElsewhereAfter: retryAfter)]
    }

    /// Ctrl-R after an answer broke off: the same question on the next healthy provider.
    mutating func retryInterrupted() -> [Effect] {
        guard active == nil, let interrupted else { return [] }
        entries.append(.note("Retrying on the next healthy provider after \(interrupted.target)…"))
        return startAnswer(messages: interrupted.messages, retryAfter: interrupted.target)
    }

    mutating func selectModel(_ name: String) -> [Effect] {
        model = name
        entries.append(.note("Model: \(name.isEmpty ? "the default provider's default" : name)"))
        return []
    }

    /// The slash commands: /model, /models, /providers, /health, /clear, /system,
    /// /temperature, /help, /quit.
    private mutating func command(_ text: String) -> [Effect] {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first?.lowercased() ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
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
        case "health":
            entries.append(.note("Checking every provider now…"))
            return [.checkHealth(nil)]
        case "clear":
            let effects = stopAnswer()
            entries = []
            conversationID = UUID().uuidString
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
            overlay = .help
            return []
        case "quit", "exit", "q":
            return stopAnswer() + [.quit]
        default:
            entries.append(.note("Unknown command /\(name). Commands: /model NAME, /models, /providers, /health, /clear, /system TEXT, /temperature T, /help, /quit", .error))
            return []
        }
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
