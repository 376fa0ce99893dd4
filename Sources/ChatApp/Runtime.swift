import ChatCore
import Foundation
import Providers
import TerminalUI

/// Runs the app: owns the state and the terminal, drains every queued message, runs the
/// effects they call for, and renders at most once per frame (~60 per second for keys, ~30
/// for streamed text) however many tokens arrived. All terminal calls happen on the thread that calls `run`.
public final class Runtime {
    public private(set) var state: AppState
    private let backend: any TerminalBackend
    private let services: ChatServices
    private let queue = MessageQueue()
    private let watcher: InputWatcher
    private var chats: [Int: Task<Void, Never>] = [:]
    private var background: [Task<Void, Never>] = []
    private var signalSources: [any DispatchSourceSignal] = []
    private var previousFrame: CellGrid?
    private var lastFrame = ContinuousClock.now - .seconds(1)
    private var nextTick = ContinuousClock.now
    private var dirty = true
    /// Where saves go, off this thread; nil when conversations are not saved.
    private let archiveQueue: ArchiveQueue?
    /// What was last handed to the archive of each entry of the conversation on screen, and
    /// of its header.
    private var savedMarks: [UUID: SaveMark] = [:]
    private var savedHeader: ConversationHeader?
    /// Entries last saved while streaming: the only ones that can still change or leave the
    /// screen (a stopped or failed answer with no text).
    private var openEntries: Set<UUID> = []
    private var lastPartialSave = ContinuousClock.now
    /// Set when something besides streamed text changed (a key, a note, health): those are
    /// drawn at up to 60 frames a second, text alone at up to 30, which reads as smoothly and
    /// costs half as much at a typical token rate.
    private var interactiveChange = true
    private var quitting = false

    public static let frameInterval = Duration.milliseconds(16)
    public static let streamingFrameInterval = Duration.milliseconds(33)

    private var currentFrameInterval: Duration {
        interactiveChange ? Self.frameInterval : Self.streamingFrameInterval
    }

    /// Frames drawn so far.
    public private(set) var framesRendered = 0

    /// The wall clock for ticks and ages; tests pass a manual one.
    private let now: @Sendable () -> Date

    /// `clock` paces the retries of a save that failed.
    public init(
        backend: any TerminalBackend, state: AppState, services: ChatServices,
        now: @escaping @Sendable () -> Date = Date.init, clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.backend = backend
        self.services = services
        self.now = now
        var initial = state
        initial.size = backend.size
        self.state = initial
        // A restored conversation is already saved as it is.
        for (position, entry) in initial.entries.enumerated() { savedMarks[entry.id] = SaveMark(entry, position: position) }
        savedHeader = initial.entries.isEmpty ? nil : initial.header
        watcher = InputWatcher(descriptor: backend.inputDescriptor, queue: queue)
        let queue = self.queue
        archiveQueue = services.archive.flatMap { archive in
            archive.isReadOnly ? nil : ArchiveQueue(archive: archive, clock: clock) { queue.post($0) }
        }
    }

    /// Runs until the user quits or a signal ends it, then gives the terminal back.
    public func run() {
        start()
        defer { stop() }
        while !quitting {
            // A terminal resize wakes nothing up (curses owns SIGWINCH and reports it as a key
            // on the next read), so the loop reads at least ten times a second.
            step(waitingUpTo: .milliseconds(100))
        }
    }

    /// Starts the health checks and the default-provider choice, and (unless a test says
    /// otherwise) turns SIGINT, SIGTERM and SIGHUP into a clean quit.
    public func start(handlingSignals: Bool = true) {
        for number in handlingSignals ? [SIGINT, SIGTERM, SIGHUP] : [] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { [queue] in queue.post(.terminate) }
            source.resume()
            signalSources.append(source)
        }
        watcher.start()
        let services = self.services
        let queue = self.queue
        background.append(Task {
            for await update in await services.monitor.updates() {
                queue.post(.healthChecked(update.provider, update.status))
                if let models = await services.monitor.models(of: update.provider) {
                    queue.post(.modelsListed(update.provider, models))
                }
            }
        })
        background.append(Task {
            // What is known before any check (disabled, not configured) shows at once.
            for (provider, status) in await services.monitor.allStatuses where status.state != .unknown {
                queue.post(.healthChecked(provider, status))
            }
            let notice = await DefaultProviderChoice.settle(services.registry, monitor: services.monitor)
            queue.post(.defaultProvider(services.registry.defaultProvider, notice: notice))
            // The choice above checked what it needed; the rest once, then on the interval.
            await services.monitor.ensureChecked(services.registry.ids)
            await services.monitor.startAutomaticChecks()
        })
    }

    /// Takes what is queued (waiting up to `timeout`, less when a frame is due), applies it,
    /// and renders when a frame is due.
    public func step(waitingUpTo timeout: Duration) {
        let instant = ContinuousClock.now
        var wait = min(timeout, max(.zero, nextTick - instant))
        if dirty { wait = min(wait, max(.zero, lastFrame + currentFrameInterval - instant)) }
        let (messages, inputWaiting) = queue.take(waitingUpTo: wait)
        for message in messages { apply(message) }
        for event in backend.readEvents() { apply(.input(event)) }
        if inputWaiting { watcher.didRead() }
        if ContinuousClock.now >= nextTick {
            nextTick = ContinuousClock.now + .seconds(1)
            apply(.tick(now()))
        }
        if dirty {
            // Handed to the archive before the frame that shows it; written off this thread.
            persist()
        }
        if dirty, ContinuousClock.now - lastFrame >= currentFrameInterval {
            render()
        }
    }

    /// Posts a message as an effect or signal would.
    public func post(_ message: Msg) {
        queue.post(message)
    }

    public var isQuitting: Bool { quitting }

    /// Set when quitting gave up waiting for saves that kept failing.
    public private(set) var unsavedAtExit = false

    /// Chats whose task is still kept: the one streaming, if any. A soak run found finished
    /// ones kept for the life of the process.
    public var keptChatTasks: Int { chats.count }

    private func apply(_ message: Msg) {
        switch message {
        case .chat(let requestID, .completed), .chatFailed(let requestID, _):
            // A finished chat's task would otherwise be kept for the life of the process.
            chats[requestID] = nil
        default:
            break
        }
        switch message {
        case .chat(_, let event):
            if let line = ChatEventLog.line(for: event) { ChatEventLog.write(line, to: services.logger) }
        case .chatFailed(_, let error) where error.kind != .cancelled:
            ChatEventLog.write(ChatEventLog.line(forFailure: error), to: services.logger)
        default:
            break
        }
        let effects = state.update(message)
        dirty = true
        if case .chat(_, .text) = message {} else { interactiveChange = true }
        for effect in effects { run(effect) }
        if case .conversationOpened = message {
            // What was just loaded is saved as it is.
            savedMarks = [:]
            openEntries = []
            for (position, entry) in state.entries.enumerated().dropLast() { savedMarks[entry.id] = SaveMark(entry, position: position) }
            savedHeader = state.header
        }
    }

    /// Hands the archive what changed on screen: a streaming answer at most once a second
    /// (and whenever `now` is set), everything else at once.
    private func persist(now: Bool = false) {
        if let save = changes(header: state.header, entries: state.entries, partialDue: now || ContinuousClock.now - lastPartialSave >= .seconds(1)) {
            archiveQueue?.enqueue(.save(save))
        }
    }

    /// What changed since the last save, walking up from the end: entries change only there,
    /// and an entry saved unchanged above every open one ends the walk. An open entry no longer
    /// on screen is removed.
    private func changes(header: ConversationHeader, entries: [ConversationEntry], partialDue: Bool) -> ArchiveSave? {
        guard archiveQueue != nil else { return nil }
        if let savedHeader, savedHeader.id != header.id {
            // Another conversation: the marks of the last one are not needed again.
            savedMarks = [:]
            openEntries = []
            self.savedHeader = nil
        }
        // A conversation is kept from its first message on; notices alone are not one (a
        // conversation started by /new holds only a note until the first prompt).
        guard savedHeader != nil || entries.contains(where: { $0.kind == .user }) else { return nil }
        var changed: [(position: Int, entry: ConversationEntry)] = []
        var unvisited = openEntries
        for index in entries.indices.reversed() {
            let entry = entries[index]
            unvisited.remove(entry.id)
            let mark = SaveMark(entry, position: index), saved = savedMarks[entry.id]
            if saved == mark {
                if unvisited.isEmpty { break }
                continue
            }
            if entry.isStreaming, let saved, saved.position == index, !partialDue { continue }
            changed.append((index, entry))
        }
        let removed = Array(unvisited)
        guard !changed.isEmpty || !removed.isEmpty || header != savedHeader else { return nil }
        for (position, entry) in changed {
            savedMarks[entry.id] = SaveMark(entry, position: position)
            if entry.isStreaming { openEntries.insert(entry.id) } else { openEntries.remove(entry.id) }
        }
        for id in removed {
            savedMarks[id] = nil
            openEntries.remove(id)
        }
        savedHeader = header
        if changed.contains(where: { $0.entry.isStreaming }) { lastPartialSave = ContinuousClock.now }
        return ArchiveSave(header: header, entries: changed.reversed(), removed: removed)
    }

    private func render() {
        let (grid, cursor) = RootView.render(state)
        backend.draw(grid, diff: GridDiff(from: previousFrame, to: grid), cursor: cursor)
        previousFrame = grid
        lastFrame = ContinuousClock.now
        dirty = false
        interactiveChange = false
        framesRendered += 1
    }

    private func run(_ effect: Effect) {
        let services = self.services
        let queue = self.queue
        switch effect {
        case .startChat(let requestID, let model, let messages, let temperature, let maxTokens, let retryAfter):
            let request = RoutedRequest(model: model, messages: messages, temperature: temperature, maxTokens: maxTokens)
            chats[requestID] = Task {
                let chat: RoutedChat
                if let retryAfter {
                    chat = services.router.retryElsewhere(request, after: ChatOutcome(
                        requested: ModelRef(provider: nil, model: model), answeredBy: retryAfter, attempts: 0,
                        timeToFirstTokenSeconds: nil, tokensPerSecond: nil, stats: nil, interruption: nil
                    ))
                } else {
                    chat = services.router.chat(request)
                }
                do {
                    for try await event in chat { queue.post(.chat(requestID: requestID, event)) }
                } catch let error as ProviderError {
                    queue.post(.chatFailed(requestID: requestID, error))
                } catch {
                    queue.post(.chatFailed(requestID: requestID, ProviderError(.cancelled, "cancelled")))
                }
            }
        case .cancelChat(let requestID):
            chats.removeValue(forKey: requestID)?.cancel()
        case .checkHealth(let provider):
            background.append(Task {
                if let provider { await services.monitor.check(provider) } else { await services.monitor.checkAll() }
            })
        case .setDefaultProvider(let provider):
            try? services.registry.setDefault(provider)
        case .export(let path):
            guard services.archive != nil else {
                queue.post(.notice("Conversations are not being saved, so there is nothing to export.", failed: true))
                return
            }
            // Saved first: the queue writes it before the export reads it.
            persist(now: true)
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
                guard let (header, entries) = try archive.load(conversationID: id) else {
                    return .notice("That conversation is no longer saved.", failed: true)
                }
                return .conversationOpened(header, entries, messageID: messageID)
            }
        case .deleteConversation(let id):
            runArchive { archive in
                try archive.delete(conversationID: id)
                return .notice("The deleted conversation is gone from the store.", failed: false)
            }
        case .keepConversation(let header, let entries):
            if let save = changes(header: header, entries: entries, partialDue: true) {
                archiveQueue?.enqueue(.save(save))
            }
        case .copyToClipboard(let text):
            backend.writeControlSequence("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}")
        case .quit:
            quitting = true
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
            Task {
                do {
                    queue.post(try call(archive))
                } catch {
                    queue.post(.notice("The conversation store failed: \(error)", failed: true))
                }
            }
        }
    }

    /// How long quitting waits for the last saves to reach the disk.
    public static let finalSaveTimeout = Duration.seconds(15)

    /// Cancels what runs and gives the terminal back; safe to call twice.
    public func stop() {
        quitting = true
        // The answer being stopped and anything not yet written go to the disk before the
        // terminal is given back.
        _ = state.stopAnswer()
        persist(now: true)
        if let archiveQueue, !archiveQueue.waitUntilDone(timeout: Self.finalSaveTimeout) {
            unsavedAtExit = true
        }
        watcher.stop()
        for task in chats.values { task.cancel() }
        chats = [:]
        for task in background { task.cancel() }
        background = []
        for source in signalSources { source.cancel() }
        signalSources = []
        let monitor = services.monitor
        Task { await monitor.stopAutomaticChecks() }
        backend.restore()
    }
}
