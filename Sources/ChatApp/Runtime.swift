import ChatCore
import Foundation
import Providers
import TerminalUI

/// The loop: owns the state and the terminal, drains every queued message through `update`,
/// hands the effects to the `EffectPerformer`, and renders at most once per frame (~60 per
/// second for keys, ~30 for streamed text) however many tokens arrived. All terminal calls
/// happen on the thread that calls `run` (or `run(until:)`).
public final class Runtime {
    public private(set) var state: AppState
    private let backend: any TerminalBackend
    private let services: ChatServices
    private let queue = MessageQueue()
    private let watcher: InputWatcher
    private let performer: EffectPerformer
    private var signals: TerminationSignals?
    private let clock: any Clock<Duration>
    /// Time since start, from `clock`: frames, ticks and partial saves are paced by it.
    private let stopwatch: Stopwatch
    private var previousFrame: RootView.Frame?
    private var lastFrame = Duration.seconds(-1)
    /// When a `.tick` is next due: when something drawn from the clock changes by itself
    /// (`RootView.untilTimedChange`); nil when nothing on screen depends on the time.
    private var nextTick: Duration? = .zero
    /// When `state.now` was last read from the wall clock.
    private var timeReadAt = Duration.zero
    private var dirty = true
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

    /// `clock` paces frames, ticks, partial saves and the retries of a save that failed.
    public init(
        backend: any TerminalBackend, state: AppState, services: ChatServices,
        now: @escaping @Sendable () -> Date = Date.init, clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.backend = backend
        self.services = services
        self.now = now
        self.clock = clock
        stopwatch = Stopwatch(clock)
        var initial = state
        initial.size = backend.size
        self.state = initial
        watcher = InputWatcher(descriptor: backend.inputDescriptor, resizeDescriptor: backend.resizeDescriptor, queue: queue)
        performer = EffectPerformer(services: services, queue: queue, backend: backend, clock: clock)
        // A restored conversation is already saved as it is (but for the notes after it).
        if !initial.entries.isEmpty { performer.markSaved(initial.header, entries: initial.entries, tree: initial.tree) }
    }

    /// Runs until the user quits or a signal ends it, then gives the terminal back.
    public func run() {
        start()
        defer { stop() }
        while !quitting {
            step(waitingUpTo: nil)
        }
    }

    /// Starts the health checks and the default-provider choice, and (unless a test says
    /// otherwise) turns SIGINT, SIGTERM and SIGHUP into a clean quit.
    public func start(handlingSignals: Bool = true) {
        if handlingSignals { signals = TerminationSignals(posting: queue) }
        watcher.start()
        performer.startMonitoring()
    }

    /// Takes what is queued (blocking this thread up to `timeout`, less when a frame or a
    /// tick is due), applies it, and renders when a frame is due.
    public func step(waitingUpTo timeout: Duration?) {
        let (messages, inputWaiting) = queue.take(waitingUpTo: [timeout, untilDue].compactMap { $0 }.min(), textWaitsForFrame: nextFrameSlot != nil)
        handle(messages, inputWaiting: inputWaiting)
    }

    /// Runs the loop without blocking a thread until `done` holds: between passes it is
    /// suspended until a message is posted or a frame or tick falls due on its clock. A test
    /// awaits this instead of polling.
    public func run(until done: (AppState) -> Bool) async {
        while true {
            let (messages, inputWaiting) = queue.takeAll()
            handle(messages, inputWaiting: inputWaiting)
            if done(state) { return }
            let queue = self.queue, clock = self.clock
            let timer = untilDue.map { delay in
                Task {
                    try? await clock.sleep(for: delay)
                    queue.wake()
                }
            }
            await queue.waitForPost()
            timer?.cancel()
            if Task.isCancelled { return }
        }
    }

    /// Makes a waiting `run(until:)` look at its condition again: for a caller that watches
    /// something outside the loop (a test's archive).
    public var wakeUp: @Sendable () -> Void { { [queue] in queue.wake() } }

    /// How long until a frame slot (see `nextFrameSlot`) or a tick is due, or input the
    /// terminal gathered completes by itself; nil when none is, and the loop waits for a
    /// message, a key or a resize however long that takes.
    private var untilDue: Duration? {
        let elapsed = stopwatch.elapsed
        let timed = [nextTick, nextFrameSlot].compactMap { $0 }.min().map { max(.zero, $0 - elapsed) }
        return [timed, backend.untilGatheredInputCompletes].compactMap { $0 }.min()
    }

    /// When the next frame may be drawn, if the loop should wake for it: when something
    /// changed, and while an answer streams until the slot passes. Streamed text arriving
    /// before it waits for it in the queue (`MessageQueue.take`), so tokens faster than
    /// frames wake the loop once a frame, not once a token; text after an idle slot wakes it
    /// at once.
    private var nextFrameSlot: Duration? {
        let slot = lastFrame + currentFrameInterval
        if dirty { return slot }
        return state.isAnswering && slot > stopwatch.elapsed ? slot : nil
    }

    private func handle(_ messages: [Msg], inputWaiting: Bool) {
        // Asked only when there is something to read: asking curses costs a system call, and a
        // pass comes every frame while an answer streams.
        let events = inputWaiting || !watcher.isWatching || backend.untilGatheredInputCompletes != nil ? backend.readEvents() : []
        if inputWaiting { watcher.didRead() }
        // The time is read before anything is applied, whenever something happens: a chat
        // started after a quiet hour starts at the time it really starts.
        if !messages.isEmpty || !events.isEmpty || nextTick.map({ stopwatch.elapsed >= $0 }) == true {
            timeReadAt = stopwatch.elapsed
            apply(.tick(now()))
        }
        for message in StreamedText.coalescing(messages) { apply(message) }
        for event in events { apply(.input(event)) }
        // Counted from when the state's time was read, so that a pass with nothing to do
        // does not put the next change off.
        nextTick = RootView.untilTimedChange(state).map { timeReadAt + $0 }
        let elapsed = stopwatch.elapsed
        if dirty {
            // Handed to the archive before the frame that shows it; written off this thread.
            performer.save(state.header, entries: state.entries, beside: state.comparedAnswers, now: elapsed, force: false)
        }
        if dirty, stopwatch.elapsed - lastFrame >= currentFrameInterval {
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

    /// Chats whose task is still kept: the one streaming, if any.
    public var keptChatTasks: Int { performer.runningChats }

    private func apply(_ message: Msg) {
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
        if !message.isFramePaced { interactiveChange = true }
        for effect in effects {
            if effect == .quit { quitting = true } else { performer.perform(effect, state: state, now: stopwatch.elapsed) }
        }
        if case .conversationOpened = message {
            performer.markSaved(state.header, entries: state.entries, tree: state.tree)
        }
    }

    private func render() {
        let frame = RootView.render(state, after: previousFrame, pacedOnly: !interactiveChange)
        backend.draw(frame.grid, diff: GridDiff(from: previousFrame?.grid, to: frame.grid, within: frame.repainted), cursor: frame.cursor)
        previousFrame = frame
        lastFrame = stopwatch.elapsed
        dirty = false
        interactiveChange = false
        framesRendered += 1
    }

    /// How long quitting waits for the last saves to reach the disk.
    public static let finalSaveTimeout = Duration.seconds(15)

    /// Cancels what runs and gives the terminal back; safe to call twice.
    public func stop() {
        quitting = true
        // The answer being stopped, a comparison's answers and anything not yet written go to
        // the disk before the terminal is given back.
        _ = state.stopAnswer()
        for effect in state.keepComparison() { performer.perform(effect, state: state, now: stopwatch.elapsed) }
        if !performer.stop(state, now: stopwatch.elapsed, timeout: Self.finalSaveTimeout) { unsavedAtExit = true }
        watcher.stop()
        signals?.cancel()
        signals = nil
        backend.restore()
    }
}
