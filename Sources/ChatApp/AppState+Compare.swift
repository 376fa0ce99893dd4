import ChatCore
import Foundation

extension AppState {
    /// Whether an answer is on its way: the conversation's, or a comparison's.
    var isAnswering: Bool { active != nil || comparison?.isRunning == true }

    /// A comparison's answers that have any text, to be saved as they stream: each a child of
    /// the prompt, so a crash leaves them as its siblings.
    var comparedAnswers: [ArchivedEntry] {
        guard let comparison, let question = comparison.questionID,
              let index = entries.lastIndex(where: { $0.id == question })
        else { return [] }
        return comparison.columns.filter { !$0.answer.text.isEmpty }
            .map { ArchivedEntry(position: index + 1, parentID: question, entry: $0.answer) }
    }

    /// `/compare [--parallel] M M [M [M]]`: the next message goes to these models side by
    /// side; `/compare off` drops a comparison not yet sent.
    mutating func compare(_ argument: String) -> [Effect] {
        var models = argument.split(separator: " ").map(String.init)
        let parallel = models.first == "--parallel"
        if parallel { models.removeFirst() }
        if let comparison, !comparison.columns.isEmpty {
            entries.append(.note("The comparison on screen comes first: pick the answer to go on with (Tab, then 1–\(comparison.columns.count), or /pick N).", .error))
            return []
        }
        if models == ["off"] {
            let had = comparison != nil
            comparison = nil
            entries.append(.note(had ? "Comparison off: the next message goes to \(modelLabel) alone." : "No comparison was set."))
            return []
        }
        guard Comparison.models.contains(models.count) else {
            entries.append(.note("/compare takes 2 to 4 models, e.g. /compare ollama:llama3 openrouter:openai/gpt-4o (/compare off drops it)", .error))
            return []
        }
        comparison = Comparison(models: models, parallel: parallel)
        let together = parallel ? " all at once (--parallel: models on one Ollama host too)" : ""
        entries.append(.note("The next message goes to \(models.joined(separator: ", ")) side by side\(together); then pick the answer to go on with. /compare off drops it."))
        return []
    }

    /// The prompt sent to every model of the comparison set with `/compare`.
    mutating func sendCompared(_ text: String) -> [Effect] {
        guard var comparison else { return [] }
        let question = ConversationEntry(kind: .user, text: text)
        entries.append(question)
        let known = Set(providerOrder)
        let providers = comparison.models.map { ModelRef(parsing: $0, knownProviders: known).provider ?? defaultProvider }
        let hosts = Set(pullTargets)
        comparison.start(question: question.id, providers: providers) { hosts.contains($0) }
        self.comparison = comparison
        interrupted = nil
        scrollOffset = 0
        scrollTarget = nil
        statusNote = "comparing \(comparison.columns.count) models"
        return comparison.columns.indices.filter { comparison.columns[$0].after == nil }.map { startColumn($0) }
    }

    private mutating func startColumn(_ index: Int) -> Effect {
        let requestID = nextRequestID
        nextRequestID += 1
        comparison?.columns[index].requestID = requestID
        comparison?.columns[index].startedAt = now
        let model = comparison?.columns[index].model ?? self.model
        return .startChat(requestID: requestID, model: model, messages: messagesForProvider, temperature: temperature, maxTokens: maxTokens, excluding: nil)
    }

    /// Streamed text or reasoning of a column's answer.
    mutating func append(_ streamed: StreamedText, toColumn index: Int) {
        guard var column = comparison?.columns[index] else { return }
        if streamed.isThinking {
            column.answer.appendReasoning(streamed.text)
        } else {
            column.answer.text += streamed.text
            column.tokens += streamed.pieces
            if column.firstTokenAt == nil { column.firstTokenAt = now }
            // Laid out as it grows, so a frame costs the new text, not each whole answer.
            let width = ComparisonView.columnWidth(comparison?.columns.count ?? 1, width: ConversationLayout(self).width)
            if column.answer.layout?.width == width {
                column.answer.layout?.append(streamed.text)
            } else {
                column.answer.layout = MarkdownLayout(column.answer.text, width: width, theme: theme)
            }
        }
        comparison?.columns[index] = column
    }

    /// An event of a column's chat other than its text.
    mutating func apply(_ event: ChatEvent, toColumn index: Int) -> [Effect] {
        if let (text, _) = Self.routeNote(event) {
            comparison?.columns[index].notes.append(text)
            return []
        }
        switch event {
        case .attempt(let target):
            comparison?.columns[index].answer.target = target
        case .completed(let outcome):
            comparison?.columns[index].answer.outcome = outcome
            usage.add(outcome.stats)
            if let interruption = outcome.interruption { comparison?.columns[index].failure = "broke off: \(interruption.message)" }
            return finishColumn(index)
        case .text(let text):
            append(StreamedText(text), toColumn: index)
        case .thinking(let text):
            append(StreamedText(text, isThinking: true), toColumn: index)
        default:
            break
        }
        return []
    }

    /// A column's chat failed: said in the column, and the next model on its host is asked.
    mutating func failColumn(_ index: Int, _ error: ProviderError) -> [Effect] {
        if error.kind != .cancelled { comparison?.columns[index].failure = "no answer: \(error)" }
        return finishColumn(index)
    }

    private mutating func finishColumn(_ index: Int) -> [Effect] {
        comparison?.columns[index].isDone = true
        comparison?.columns[index].answer.isStreaming = false
        comparison?.columns[index].answer.layout?.finish()
        guard let comparison else { return [] }
        let waiting = comparison.columns.indices.filter { comparison.columns[$0].after == index && comparison.columns[$0].requestID == nil }
        if comparison.isComplete {
            statusNote = "compared: \(keymap.key(.focusNext)), then 1–\(comparison.columns.count) picks the answer to go on with"
        }
        return waiting.map { startColumn($0) }
    }

    /// Esc during a comparison: every column stops, what each had is kept.
    mutating func stopComparison() -> [Effect] {
        guard var comparison, comparison.isRunning else { return [] }
        var effects: [Effect] = []
        for index in comparison.columns.indices where !comparison.columns[index].isDone {
            if let requestID = comparison.columns[index].requestID {
                effects.append(.cancelChat(requestID: requestID))
                comparison.columns[index].answer.wasCancelled = !comparison.columns[index].answer.text.isEmpty
                if comparison.columns[index].answer.text.isEmpty { comparison.columns[index].failure = "stopped before any answer" }
            } else {
                comparison.columns[index].failure = "not asked: stopped"
            }
            comparison.columns[index].isDone = true
            comparison.columns[index].answer.isStreaming = false
        }
        self.comparison = comparison
        statusNote = "stopped"
        return effects
    }

    /// `1`–`4` (conversation focused) or `/pick N` once a comparison is done: answer `number`
    /// goes on as the conversation's, the others stay as its siblings.
    mutating func pickAnswer(_ number: Int) -> [Effect] {
        guard let comparison, !comparison.columns.isEmpty else {
            statusNote = "no comparison to pick from: /compare MODEL MODEL sets one"
            return []
        }
        guard comparison.isComplete else {
            statusNote = "the answers are still coming; \(keymap.key(.stop)) stops them"
            return []
        }
        guard comparison.columns.indices.contains(number - 1), !comparison.columns[number - 1].answer.text.isEmpty else {
            statusNote = "there is no answer \(number) to go on with"
            return []
        }
        return settleComparison(choosing: number - 1)
    }

    /// The comparison's answers into the conversation: `chosen` after the question, the
    /// others (those with any text) parked beside it, each saved first; notes that came
    /// while comparing follow the answer.
    mutating func settleComparison(choosing chosen: Int) -> [Effect] {
        guard let comparison, let question = comparison.questionID,
              let questionIndex = entries.lastIndex(where: { $0.id == question })
        else {
            self.comparison = nil
            return []
        }
        self.comparison = nil
        let trailing = Array(entries[(questionIndex + 1)...])
        entries.removeSubrange((questionIndex + 1)...)
        let start = entries.count
        var effects: [Effect] = []
        for (index, column) in comparison.columns.enumerated() where index != chosen && !column.answer.text.isEmpty {
            entries.append(column.answer)
            effects.append(.keepConversation(header, entries))
            tree.park(entries[start...], at: start, under: question)
            entries.removeLast()
        }
        if comparison.columns.indices.contains(chosen), !comparison.columns[chosen].answer.text.isEmpty {
            let column = comparison.columns[chosen]
            entries.append(column.answer)
            tree.adopt(column.answer.id, under: question)
            messageCursor = column.answer.id
            statusNote = "going on with \(column.answer.target?.description ?? column.model)"
        }
        entries += trailing
        return effects
    }

    /// Before the conversation is left: a comparison's answers are kept, the first with
    /// any text going on.
    mutating func keepComparison() -> [Effect] {
        guard let comparison, !comparison.columns.isEmpty else {
            self.comparison = nil
            return []
        }
        let first = comparison.columns.firstIndex { !$0.answer.text.isEmpty } ?? 0
        return settleComparison(choosing: first)
    }
}
