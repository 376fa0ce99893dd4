import ChatCore
import Foundation
import TerminalUI

extension AppState {
    /// Applies one message and returns the effects it calls for. Pure: no I/O, no clock but
    /// the one in the messages.
    public mutating func update(_ message: Msg) -> [Effect] {
        let effects = apply(message)
        ConversationLayout.layOutAnswersInView(&self)
        return effects
    }

    private mutating func apply(_ message: Msg) -> [Effect] {
        switch message {
        case .input(let event):
            return handle(event)
        case .chat(let requestID, let event):
            if let column = comparison?.column(of: requestID) { return apply(event, toColumn: column) }
            guard let active, active.requestID == requestID else { return [] }
            switch event {
            case .text(let text): append(StreamedText(text), to: active)
            case .thinking(let text): append(StreamedText(text, isThinking: true), to: active)
            default: return apply(event, to: active)
            }
            return []
        case .streamed(let requestID, let streamed):
            if let column = comparison?.column(of: requestID) {
                append(streamed, toColumn: column)
                return []
            }
            guard let active, active.requestID == requestID else { return [] }
            append(streamed, to: active)
            return []
        case .chatFailed(let requestID, let error):
            if let column = comparison?.column(of: requestID) { return failColumn(column, error) }
            guard let active, active.requestID == requestID else { return [] }
            var entry = entries[active.entryIndex]
            entry.isStreaming = false
            entries[active.entryIndex] = entry
            if entry.text.isEmpty && entry.thinking.isEmpty { entries.remove(at: active.entryIndex) }
            if error.kind != .cancelled { entries.append(.note("No answer: \(error)", .error)) }
            if error.kind == .modelNotFound, let target = entry.target, pullTargets.contains(target.provider) {
                offeredPull = ModelTarget(provider: target.provider, model: target.model)
                entries.append(.note("\(keymap.key(.pickModel)) then Enter pulls \(target.model) into \(target.provider) from here."))
            }
            statusNote = error.kind == .cancelled ? "cancelled" : "failed: \(error.message)"
            self.active = nil
            return []
        case .healthChecked(let provider, let status):
            let previous = health[provider]?.state
            health[provider] = status
            if let previous, previous != status.state, previous != .unknown {
                let level: ConversationEntry.NoteLevel = status.state == .down ? .warning : .info
                let reason = status.reason.map { " — \($0)" } ?? ""
                let text = "\(provider) is \(status.state.rawValue) (was \(previous.rawValue))\(reason)"
                entries.append(.note(text, level))
                statusNote = "\(provider) \(status.state.rawValue)"
            }
            return []
        case .modelsListed(let provider, let list):
            models[provider] = list
            return []
        case .defaultProvider(let provider, let notice):
            defaultProvider = provider
            if let notice { entries.append(.note(notice.joined(separator: "\n"), .warning)) }
            return []
        case .tick(let date):
            now = date
            if var active, active.phase == .waiting, date.timeIntervalSince(active.startedAt) > 5 {
                active.phase = .loading
                self.active = active
            }
            if var active, let first = active.firstTokenAt, active.tokens > 1 {
                let elapsed = date.timeIntervalSince(first)
                let second = elapsed.rounded(.down)
                if second >= 1, second > active.rateSecond {
                    active.shownRate = Double(active.tokens - 1) / elapsed
                    active.rateSecond = second
                    self.active = active
                }
            }
            return []
        case .pullProgressed(let pull, let progress):
            if pulls[pull] != nil { pulls[pull] = progress }
            return []
        case .pullFinished(let pull, let failure):
            pulls[pull] = nil
            // A pull stopped from here was said so when it was stopped.
            if failure?.kind == .cancelled { return [] }
            if let failure {
                entries.append(.note("The pull of \(pull.model) into \(pull.provider) failed: \(failure.description)", .error))
                if failure.kind != .modelNotFound {
                    offeredPull = pull
                    entries.append(.note("\(keymap.key(.pickModel)) then Enter pulls it again; Ollama goes on from the layers it has."))
                }
                return []
            }
            entries.append(.note("\(pull.model) is now on \(pull.provider): pick it with \(keymap.key(.pickModel))."))
            return [.checkHealth(pull.provider)]
        case .modelChanged(let target, let change, let failure):
            if let failure {
                entries.append(.note("\(target.model) was not \(change.done) \(target.provider): \(failure.description)", .error))
                return []
            }
            entries.append(.note("\(target.model) \(change.done) \(target.provider)."))
            return [.checkHealth(target.provider)]
        case .terminate:
            return stopAnswer() + [.quit]
        case .notice(let text, let failed):
            entries.append(.note(text, failed ? .error : .info))
            return []
        case .saveTrouble(let trouble):
            if let trouble {
                entries.append(.note("Saving has been failing for a while (\(trouble)). Parley keeps retrying; nothing on screen is lost while it runs.", .warning))
                statusNote = "not saved yet — retrying"
            } else if saveTrouble != nil {
                entries.append(.note("Saving works again: everything on screen is saved."))
                statusNote = "saved"
            }
            saveTrouble = trouble
            return []
        case .archiveListed(let title, let items):
            guard !items.isEmpty else {
                entries.append(.note(title.hasPrefix("Search") ? "Nothing found." : "No saved conversations yet."))
                return []
            }
            overlay = .archive(title: title, items: items, selection: 0)
            return []
        case .conversationOpened(let opened, let messageID):
            return open(opened, showing: messageID)
        }
    }

    /// Streamed text or reasoning, added in place: a copy of a long answer per token would make
    /// each token cost its length.
    private mutating func append(_ streamed: StreamedText, to current: ActiveChat) {
        var active = current
        let index = active.entryIndex
        if streamed.isThinking {
            entries[index].appendReasoning(streamed.text)
            ConversationLayout.append(reasoning: streamed.text, toAnswerAt: index, in: &self)
        } else {
            entries[index].text += streamed.text
            ConversationLayout.append(streamed.text, toAnswerAt: index, in: &self)
            active.tokens += streamed.pieces
            if active.firstTokenAt == nil { active.firstTokenAt = now }
        }
        active.phase = .streaming
        self.active = active
    }

    /// What a step of the route says in the conversation (a retry, a fallback, a provider
    /// skipped, a wait for a place), above the answer it is about.
    static func routeNote(_ event: ChatEvent) -> (text: String, level: ConversationEntry.NoteLevel)? {
        switch event {
        case .retry(let notice):
            ("\(notice.target) failed (\(notice.reason)); retry \(notice.attempt)/\(notice.limit) in \(FixedPoint.text(notice.delaySeconds, decimals: 1)) s", .warning)
        case .fallback(let notice):
            ("\(notice.from) failed (\(notice.reason)) → falling back to \(notice.to)", .warning)
        case .skipped(let notice):
            ("skipped \(notice.provider): \(notice.reason)", .info)
        case .queued(let notice):
            ("\(notice.target) waits for a free place: \(notice.busyText) answering", .info)
        default:
            nil
        }
    }

    private mutating func apply(_ event: ChatEvent, to current: ActiveChat) -> [Effect] {
        var active = current
        if let (text, level) = Self.routeNote(event) {
            entries.insert(.note(text, level), at: active.entryIndex)
            active.entryIndex += 1
        }
        var entry = entries[active.entryIndex]
        switch event {
        case .text, .thinking:
            break
        case .attempt(let target):
            entry.target = target
        case .retry(let notice):
            statusNote = "retrying \(notice.target)"
        case .fallback(let notice):
            statusNote = "fell back: \(notice.from) → \(notice.to)"
        case .skipped:
            break
        case .queued(let notice):
            statusNote = "queued: \(notice.busyText)"
        case .done:
            break
        case .completed(let outcome):
            entry.outcome = outcome
            entry.isStreaming = false
            usage.add(outcome.stats)
            entries[active.entryIndex] = entry
            self.active = nil
            if let interruption = outcome.interruption {
                interrupted = (messagesForProvider.dropLast(), model, outcome.answeredBy)
                entries.append(.note("The answer broke off: \(interruption.message). Press \(keymap.key(.retryElsewhere)) to retry on the next healthy provider.", .error))
                statusNote = "interrupted — \(keymap.key(.retryElsewhere)) retries elsewhere"
            } else if outcome.fellBack {
                statusNote = "answered by \(outcome.answeredBy) (requested \(outcome.requested))"
            }
            return []
        }
        entries[active.entryIndex] = entry
        self.active = active
        return []
    }
}

extension Array where Element == Message {
    /// The conversation without its trailing assistant answer.
    fileprivate func dropLast() -> [Message] {
        last?.role == .assistant ? Array(self[..<(count - 1)]) : self
    }
}
