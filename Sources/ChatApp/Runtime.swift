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
    /// What was last saved of each entry, and of the header.
    private var savedFingerprints: [UUID: [Int]] = [:]
    private var savedHeader: ConversationHeader?
    private var lastPartialSave = ContinuousClock.now
    private var saveFailed = false
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

    public init(backend: any TerminalBackend, state: AppState, services: ChatServices, now: @escaping @Sendable () -> Date = Date.init) {
        self.backend = backend
        self.services = services
        self.now = now
        var initial = state
        initial.size = backend.size
        self.state = initial
        // A restored conversation is already saved as it is.
        for entry in initial.entries { savedFingerprints[entry.id] = entry.saveFingerprint }
        savedHeader = initial.entries.isEmpty ? nil : initial.header
        watcher = InputWatcher(descriptor: backend.inputDescriptor, queue: queue)
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
            // Before the frame that shows it: an answer is on disk before it shows as done.
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
        let effects = state.update(message)
        dirty = true
        if case .chat(_, .text) = message {} else { interactiveChange = true }
        for effect in effects { run(effect) }
    }

    /// Saves the entries near the end that changed (entries only change there), an answer
    /// still streaming at most once a second.
    private func persist() {
        // A conversation is kept from its first message on; notices alone are not one (a
        // conversation started by /new holds only a note until the first prompt).
        guard let archive = services.archive, !saveFailed,
              savedHeader?.id == state.conversationID || state.entries.contains(where: { $0.kind == .user }) else { return }
        let partialDue = ContinuousClock.now - lastPartialSave >= .seconds(1)
        var changed: [(position: Int, entry: ConversationEntry)] = []
        var savedPartial = false
        for index in state.entries.indices.suffix(16) {
            let entry = state.entries[index]
            let fingerprint = entry.saveFingerprint
            guard savedFingerprints[entry.id] != fingerprint else { continue }
            if entry.isStreaming, savedFingerprints[entry.id] != nil, !partialDue { continue }
            changed.append((index, entry))
            savedPartial = savedPartial || entry.isStreaming
        }
        let header = state.header
        if let savedHeader, savedHeader.id != header.id {
            // Another conversation: the saved marks of the last one are not needed again.
            savedFingerprints = savedFingerprints.filter { id, _ in state.entries.contains { $0.id == id } }
        }
        guard !changed.isEmpty || (header != savedHeader && !state.entries.isEmpty) else { return }
        do {
            try archive.save(header, entries: changed)
            for (_, entry) in changed { savedFingerprints[entry.id] = entry.saveFingerprint }
            savedHeader = header
            if savedPartial { lastPartialSave = ContinuousClock.now }
        } catch {
            saveFailed = true
            state.entries.append(.note("Conversations cannot be saved any more: \(error). This one stays on screen until you quit.", .error))
        }
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
            guard let archive = services.archive else {
                queue.post(.notice("Conversations are not being saved, so there is nothing to export.", failed: true))
                return
            }
            persist()
            do {
                try archive.export(conversationID: state.conversationID, to: path)
                queue.post(.notice("Exported this conversation to \(path).", failed: false))
            } catch {
                queue.post(.notice("Cannot export to \(path): \(error)", failed: true))
            }
        case .search(let words):
            runArchive { archive in .archiveListed(title: "Search: \(words)", try archive.search(words)) }
        case .listConversations:
            runArchive { archive in .archiveListed(title: "Conversations", try archive.conversations()) }
        case .openConversation(let id, let messageID):
            persist()
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
        case .copyToClipboard(let text):
            backend.writeControlSequence("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}")
        case .quit:
            quitting = true
        }
    }

    /// Runs an archive call on this thread (SQLite answers in milliseconds) and posts its result.
    private func runArchive(_ call: (any ConversationArchive) throws -> Msg) {
        guard let archive = services.archive else {
            queue.post(.notice("Conversations are not being saved here.", failed: true))
            return
        }
        do {
            queue.post(try call(archive))
        } catch {
            queue.post(.notice("The conversation store failed: \(error)", failed: true))
        }
    }

    /// Cancels what runs and gives the terminal back; safe to call twice.
    public func stop() {
        quitting = true
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
