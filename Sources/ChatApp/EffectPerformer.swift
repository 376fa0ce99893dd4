import ChatCore
import Foundation
import Providers
import TerminalUI

/// Performs what `update` asks for: starts and cancels chats and health checks, hands saves
/// and archive calls to the `ArchiveQueue`, writes the clipboard sequence. Every result comes
/// back as a message on the queue. Called on the runtime's thread only (it writes to the
/// terminal).
final class EffectPerformer {
    private let services: ChatServices
    private let queue: MessageQueue
    private let backend: any TerminalBackend
    /// A chat's task ends just after its last message: a test awaiting `runningChats` is woken.
    private let chats: RunningTasks
    private let background = RunningTasks()
    /// Pulls running, by a key of their own so that one can be stopped.
    private let pullTasks = RunningTasks()
    private var pullKeys: [ModelTarget: Int] = [:]
    private var nextPullKey = 0
    /// Where saves go, off this thread; nil when conversations are not saved.
    private let archiveQueue: ArchiveQueue?
    private var autosave = Autosave()

    /// Paces the pulls' progress; the runtime's clock.
    private let clock: any Clock<Duration>

    init(services: ChatServices, queue: MessageQueue, backend: any TerminalBackend, clock: any Clock<Duration>) {
        self.clock = clock
        self.services = services
        self.queue = queue
        self.backend = backend
        chats = RunningTasks { queue.wake() }
        archiveQueue = services.archive.flatMap { archive in
            archive.isReadOnly ? nil : ArchiveQueue(archive: archive, clock: clock) { queue.post($0) }
        }
    }

    /// Chats still running: a finished one is dropped at once.
    var runningChats: Int { chats.count }

    /// Health checks, health updates and the default-provider choice at start.
    func startMonitoring() {
        let services = self.services
        let queue = self.queue
        background.start {
            for await update in await services.monitor.updates() {
                queue.post(.healthChecked(update.provider, update.status))
                if let models = await services.monitor.models(of: update.provider) {
                    queue.post(.modelsListed(update.provider, models))
                }
            }
        }
        background.start {
            // What is known before any check (disabled, not configured) shows at once.
            for (provider, status) in await services.monitor.allStatuses where status.state != .unknown {
                queue.post(.healthChecked(provider, status))
            }
            let notice = await DefaultProviderChoice.settle(services.registry, monitor: services.monitor)
            queue.post(.defaultProvider(services.registry.defaultProvider, notice: notice))
            // The choice above checked what it needed; the rest once, then on the interval.
            await services.monitor.ensureChecked(services.registry.ids)
            await services.monitor.startAutomaticChecks()
        }
    }

    /// Records a conversation just restored or opened as saved as it is.
    func markSaved(_ header: ConversationHeader, entries: [ConversationEntry], tree: ConversationTree) {
        autosave.markSaved(header, entries: entries, tree: tree)
    }

    /// Hands the archive what changed on screen: a streaming answer at most once per
    /// `Autosave.partialInterval` unless `force`, everything else at once.
    func save(_ header: ConversationHeader, entries: [ConversationEntry], beside: [ArchivedEntry] = [], now: Duration, force: Bool) {
        guard let archiveQueue else { return }
        if let save = autosave.changes(header: header, entries: entries, beside: beside, now: now, force: force) {
            archiveQueue.enqueue(.save(save))
        }
    }

    /// Performs one effect; `.quit` is the runtime's own.
    func perform(_ effect: Effect, state: AppState, now: Duration) {
        let services = self.services
        let queue = self.queue
        switch effect {
        case .startChat(let requestID, let model, let messages, let temperature, let maxTokens, let excluding):
            let request = RoutedRequest(model: model, messages: messages, temperature: temperature, maxTokens: maxTokens)
            chats.start(key: requestID, on: services.chatExecutor) {
                let chat: RoutedChat
                if let excluding {
                    chat = services.router.retryElsewhere(request, excluding: excluding)
                } else {
                    chat = services.router.chat(request)
                }
                do {
                    var events = chat.makeAsyncIterator()
                    while let batch = try await events.nextBatch() {
                        queue.post(contentsOf: batch.map { .chat(requestID: requestID, $0) })
                    }
                } catch let error as ProviderError {
                    queue.post(.chatFailed(requestID: requestID, error))
                } catch {
                    queue.post(.chatFailed(requestID: requestID, ProviderError(.cancelled, "cancelled")))
                }
            }
        case .cancelChat(let requestID):
            chats.cancel(key: requestID)
        case .checkHealth(let provider):
            background.start {
                if let provider { await services.monitor.check(provider) } else { await services.monitor.checkAll() }
            }
        case .setDefaultProvider(let provider):
            try? services.registry.setDefault(provider)
        case .export(let path):
            guard services.archive != nil else {
                queue.post(.notice("Conversations are not being saved, so there is nothing to export.", failed: true))
                return
            }
            // Saved first: the queue writes it before the export reads it.
            save(state.header, entries: state.entries, now: now, force: true)
            let id = state.conversationID
            runArchive { archive in
                do {
                    try archive.export(conversationID: id, to: path)
                    return .notice("Exported this conversation to \(path).", failed: false)
                } catch {
                    return .notice("Cannot export to \(path): \(error)", failed: true)
                }
            }
        case .search(let words):
            runArchive { archive in .archiveListed(title: "Search: \(words)", try archive.search(words)) }
        case .listConversations:
            runArchive { archive in .archiveListed(title: "Conversations", try archive.conversations()) }
        case .openConversation(let id, let messageID):
            runArchive { archive in
                guard let saved = try archive.load(conversationID: id, showing: messageID) else {
                    return .notice("That conversation is no longer saved.", failed: true)
                }
                return .conversationOpened(saved, messageID: messageID)
            }
        case .deleteConversation(let id):
            runArchive { archive in
                try archive.delete(conversationID: id)
                return .notice("The deleted conversation is gone from the store.", failed: false)
            }
        case .keepConversation(let header, let entries):
            save(header, entries: entries, now: now, force: true)
        case .changeModel(let target, let change):
            background.start {
                guard let provider = services.registry.managing.first(where: { $0.id == target.provider }) else {
                    queue.post(.modelChanged(target, change, ProviderError(.notConfigured, "\(target.provider) cannot manage models")))
                    return
                }
                do {
                    switch change {
                    case .delete: try await provider.delete(target.model)
                    case .load: try await provider.load(target.model)
                    case .unload: try await provider.unload(target.model)
                    }
                    queue.post(.modelChanged(target, change, nil))
                } catch let error as ProviderError {
                    queue.post(.modelChanged(target, change, error))
                } catch {
                    queue.post(.modelChanged(target, change, ProviderError(.cancelled, "stopped")))
                }
            }
        case .cancelPull(let pull):
            if let key = pullKeys.removeValue(forKey: pull) { pullTasks.cancel(key: key) }
        case .pullModel(let pull):
            let clock = self.clock
            nextPullKey += 1
            pullKeys[pull] = nextPullKey
            pullTasks.start(key: nextPullKey) {
                guard let provider = services.registry.managing.first(where: { $0.id == pull.provider }) else {
                    queue.post(.pullFinished(pull, ProviderError(.notConfigured, "\(pull.provider) cannot pull models")))
                    return
                }
                let stopwatch = Stopwatch(clock)
                var progress = PullProgress()
                var posted: Duration?
                do {
                    try await provider.pull(pull.model) { line in
                        let phase = progress.phase
                        progress.take(line, at: stopwatch.elapsed)
                        // Ten updates a second at most reach the screen, and every new phase.
                        if let posted, stopwatch.elapsed - posted < .milliseconds(100), progress.phase == phase { return }
                        posted = stopwatch.elapsed
                        queue.post(.pullProgressed(pull, progress))
                    }
                    queue.post(.pullFinished(pull, nil))
                } catch let error as ProviderError {
                    queue.post(.pullFinished(pull, error))
                } catch {
                    queue.post(.pullFinished(pull, ProviderError(.cancelled, "the pull was stopped")))
                }
            }
        case .copyToClipboard(let text):
            backend.writeControlSequence("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}")
        case .quit:
            break
        }
    }

    /// Runs an archive call off this thread, after the saves asked for before it; its result
    /// comes back as a message.
    private func runArchive(_ call: @escaping @Sendable (any ConversationArchive) throws -> Msg) {
        guard let archive = services.archive else {
            queue.post(.notice("Conversations are not being saved here.", failed: true))
            return
        }
        if let archiveQueue {
            archiveQueue.enqueue(.call(call))
        } else {
            // A read-only archive: nothing is saved, so nothing to wait for.
            let queue = self.queue
            background.start {
                do {
                    queue.post(try call(archive))
                } catch {
                    queue.post(.notice("The conversation store failed: \(error)", failed: true))
                }
            }
        }
    }

    /// Saves what is left (the answer just stopped, anything not yet written), waits up to
    /// `timeout` for the disk, and cancels every task. False when saves were still failing.
    func stop(_ state: AppState, now: Duration, timeout: Duration) -> Bool {
        save(state.header, entries: state.entries, now: now, force: true)
        let saved = archiveQueue?.waitUntilDone(timeout: timeout) ?? true
        chats.cancelAll()
        background.cancelAll()
        pullTasks.cancelAll()
        let monitor = services.monitor
        Task { await monitor.stopAutomaticChecks() }
        return saved
    }
}
