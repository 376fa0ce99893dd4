import ChatApp
import ArgumentParser
import ChatCore
import Foundation
import Providers

/// `parley ask`: one question, the answer streamed to stdout as it arrives; retries and
/// fallback hops reported on stderr, one line each.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask one question and stream the answer to stdout.",
        discussion: """
        The prompt is the arguments, or standard input when it is piped (both: the arguments, \
        then the piped text). Retries, skipped providers and fallback hops go to stderr.
        Exit status: 0 answered, 1 no provider could answer or the answer broke off, 2 usage or configuration error.
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Model: ollama:llama2, openrouter:anthropic/claude-3.5-sonnet, or bare.", valueName: "model"))
    var model: String?

    @Option(help: ArgumentHelp("System prompt.", valueName: "text"))
    var system: String?

    @Option(help: ArgumentHelp("Sampling temperature, 0 to 2.", valueName: "t"))
    var temperature: Double?

    @Option(name: .customLong("max-tokens"), help: ArgumentHelp("Longest answer in tokens.", valueName: "n"))
    var maxTokens: Int?

    @Flag(name: .customLong("thinking"), help: "Also print the model's reasoning, to stderr.")
    var showThinking = false

    @Flag(name: [.short, .long], help: "Print which provider answered, and how fast, to stderr.")
    var verbose = false

    @Argument(help: "The prompt.")
    var prompt: [String] = []

    func validate() throws {
        if let temperature, !(0...2).contains(temperature) {
            throw ValidationError("--temperature \(temperature): expected a number from 0 to 2")
        }
        if let maxTokens, !ChatRequest.maxTokensRange.contains(maxTokens) {
            throw ValidationError("--max-tokens \(maxTokens): expected a whole number from 1 to \(ChatRequest.maxTokensRange.upperBound)")
        }
    }

    func run() async throws {
        let text = try readPrompt()
        let setup = try ProviderSetup.load(options)
        if let notice = await DefaultProviderChoice.settle(setup.registry, monitor: setup.monitor) {
            for line in notice { Terminal.error(line) }
        }
        var messages: [Message] = []
        if let system { messages.append(Message(role: .system, content: system)) }
        messages.append(Message(role: .user, content: text))
        let request = RoutedRequest(
            model: model ?? "", messages: messages, temperature: temperature, maxTokens: maxTokens,
            allowFallback: !options.noFallback
        )
        let status = await stream(setup.router.chat(request), logger: setup)
        await setup.client.shutdown()
        if status != 0 { throw ExitCodeError.failure }
    }

    /// Streams the events; returns the exit status.
    private func stream(_ chat: RoutedChat, logger setup: ProviderSetup) async -> Int32 {
        var endsWithNewline = true
        var wroteText = false
        do {
            for try await event in chat {
                if let line = ChatEventLog.line(for: event) { ChatEventLog.write(line, to: setup.logger) }
                switch event {
                case .text(let text):
                    Terminal.out(text)
                    wroteText = true
                    endsWithNewline = text.hasSuffix("\n")
                case .thinking(let text):
                    if showThinking { Terminal.errorData(text) }
                case .attempt:
                    break
                case .retry, .fallback, .skipped, .queued:
                    // The log's words are the user's: one line on stderr per step.
                    if let line = ChatEventLog.line(for: event) { Terminal.error(line.text) }
                case .done:
                    break
                case .completed(let outcome):
                    if wroteText && !endsWithNewline { Terminal.out("\n") }
                    if let interruption = outcome.interruption {
                        Terminal.error("the answer from \(outcome.answeredBy) broke off: \(interruption.message) — the partial answer is above; ask again to retry")
                        return 1
                    }
                    if verbose { Terminal.error(Self.footer(outcome)) }
                    return 0
                }
            }
        } catch {
            if wroteText && !endsWithNewline { Terminal.out("\n") }
            ChatEventLog.write(ChatEventLog.line(forFailure: error), to: setup.logger)
            Terminal.error("\(error)")
            return 1
        }
        return 1
    }

    static func footer(_ outcome: ChatOutcome) -> String {
        var parts = ["answered by \(outcome.answeredBy)"]
        if outcome.fellBack { parts.append("requested \(outcome.requested.description.isEmpty ? "default" : outcome.requested.description)") }
        if let first = outcome.timeToFirstTokenSeconds { parts.append(String(format: "%.2f s to first token", first)) }
        if let speed = outcome.tokensPerSecond { parts.append(String(format: "%.0f tok/s", speed)) }
        var usage = UsageTotals()
        usage.add(outcome.stats)
        if usage.hasUsage { parts.append(UsageText.summary(usage)) }
        parts.append("\(outcome.attempts) attempt\(outcome.attempts == 1 ? "" : "s")")
        return parts.joined(separator: " · ")
    }

    private func readPrompt() throws -> String {
        var parts = prompt.isEmpty ? [] : [prompt.joined(separator: " ")]
        if !Terminal.stdinIsTerminal {
            let piped = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            if !piped.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { parts.append(piped) }
        }
        guard !parts.isEmpty else {
            Terminal.error("no prompt: give one as arguments (parley ask \"why is the sky blue?\") or pipe it in")
            throw ExitCodeError.usage
        }
        return parts.joined(separator: "\n\n")
    }
}
