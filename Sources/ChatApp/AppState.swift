import ChatCore
import Foundation
import Providers
import TerminalUI

/// The whole state of the chat screen. `update` changes it one message at a time and says
/// which effects to run; views only read it.
public struct AppState: Sendable {
    public enum Focus: Int, CaseIterable, Sendable {
        case input
        case conversation
        case sidebar
    }

    public enum Overlay: Equatable, Sendable {
        case help
        case confirmQuit
        case modelPicker
        case sidebar
        /// Search results or the conversation list.
        case archive(title: String, items: [ArchiveItem], selection: Int)
        case confirmDelete
        /// Whether to stop a pull (with no answer to stop, Esc asks this).
        case confirmStopPull(ModelTarget)
        /// Whether to delete a model from its provider's disk, naming the room it frees.
        case confirmDeleteModel(ModelInfo)
    }

    /// Where the answer being produced stands.
    public enum Phase: Equatable, Sendable {
        /// Asked, nothing back yet.
        case waiting
        /// Nothing back for a while: Ollama may be loading the model.
        case loading
        case streaming
    }

    public struct ActiveChat: Equatable, Sendable {
        public var requestID: Int
        public var entryIndex: Int
        public var phase: Phase
        public var startedAt: Date
        public var firstTokenAt: Date?
        public var tokens: Int
        /// Tokens a second as the status line shows it: measured each time another whole
        /// second has passed since the first token, so the figure holds still for a second
        /// instead of changing with every token (and the terminal being written every frame).
        public var shownRate: Double?
        /// The whole seconds since the first token when `shownRate` was measured.
        var rateSecond: Double = 0
    }

    public var size: Size
    public var theme: Theme
    public var now: Date

    /// The saved conversation this is; /clear starts another.
    public var conversationID = UUID().uuidString
    /// The branch on screen, first entry first; each entry follows the one above it.
    public var entries: [ConversationEntry] = []
    /// The conversation's other branches (answers regenerated, messages edited).
    public var tree = ConversationTree()
    public var systemPrompt: String?
    public var temperature: Double?
    /// Nil leaves the provider's limit.
    public var maxTokens: Int?
    /// A title set with /rename; otherwise the first message is the title.
    public var customTitle: String?
    /// The model as the user chose it; empty means the default provider's default model.
    public var model = ""

    /// How far the help overlay is scrolled.
    public var helpScroll = 0
    /// Why saving has been failing for a while, until it works again.
    public var saveTrouble: String?
    public var active: ActiveChat?
    /// Models answering one prompt side by side (`/compare`), or set to answer the next.
    public var comparison: Comparison?
    public var nextRequestID = 1
    /// The request behind the last answer that broke off, for the retry key.
    public var interrupted: (messages: [Message], model: String, target: ModelTarget)?

    public var input = InputBuffer()
    public var history = InputHistory()
    public var focus = Focus.input
    public var overlay: Overlay?
    /// Lines scrolled up from the bottom of the conversation; 0 follows new text.
    public var scrollOffset = 0
    /// An entry to bring into view (a search hit just opened); scrolling by hand clears it.
    public var scrollTarget: UUID?
    /// The code block under the cursor, while the conversation has focus.
    public var codeCursor: CodeCursor?
    /// The message under the conversation's cursor, which the branch keys act on.
    public var messageCursor: UUID?
    /// The message being edited in the message box: sending it makes a sibling of it.
    public var editing: UUID?

    public var providerOrder: [ProviderID]
    /// Each pool's members: the sidebar shows a pool as one group.
    public var pools: [ProviderID: [ProviderID]] = [:]
    public var defaultProvider: ProviderID
    /// Each provider's default model, for the status line.
    public var defaultModels: [ProviderID: String] = [:]
    public var health: [ProviderID: HealthStatus] = [:]
    public var models: [ProviderID: [ModelInfo]] = [:]
    public var picker = ModelPicker()
    /// Providers a model can be pulled into (Ollama), in fallback order.
    public var pullTargets: [ProviderID] = []
    /// Pulls running now, with how far each has come.
    public var pulls: [ModelTarget: PullProgress] = [:]
    /// A pull to offer first when the picker next opens: a model a chat asked for that its
    /// provider does not have, or a pull that failed and can go on.
    public var offeredPull: ModelTarget?
    /// Which keys do what (`PARLEY_KEYMAP` changes the defaults).
    public var keymap = Keymap.defaults
    /// Whether answers' reasoning is shown whole rather than folded to one line (Ctrl-T).
    public var showsThinking = false
    /// The latest fallback or health change, for the status line.
    public var statusNote: String?
    /// This conversation's tokens and cost so far, kept as answers complete.
    public var usage = UsageTotals()

    public init(size: Size, theme: Theme = .builtInDark, providers: [ProviderID], defaultProvider: ProviderID, now: Date = Date()) {
        self.size = size
        self.theme = theme
        self.now = now
        providerOrder = providers
        self.defaultProvider = defaultProvider
    }

    /// Below this width the sidebar folds away.
    public static let sidebarMinimumWidth = 80
    /// Below this size only a notice is shown.
    public static let minimumSize = Size(width: 40, height: 10)

    public var isTooSmall: Bool {
        size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
    }

    public var showsSidebar: Bool { size.width >= Self.sidebarMinimumWidth }

    /// The conversation as providers see it: user and assistant messages, the system prompt
    /// first. Notes are Parley's own and are not sent.
    public var messagesForProvider: [Message] {
        var messages: [Message] = []
        if let systemPrompt, !systemPrompt.isEmpty { messages.append(Message(role: .system, content: systemPrompt)) }
        for entry in entries {
            switch entry.kind {
            case .user: messages.append(Message(role: .user, content: entry.text))
            case .assistant where !entry.text.isEmpty: messages.append(Message(role: .assistant, content: entry.text))
            default: break
            }
        }
        return messages
    }

    /// The conversation's title: its first message, shortened.
    public var title: String {
        if let customTitle { return customTitle }
        guard let first = entries.first(where: { $0.kind == .user })?.text else { return "New conversation" }
        // The header is asked for on every pass: only the start of a long first message is read.
        let line = first.drop { $0 == "\n" }.prefix(61).prefix { $0 != "\n" }
        return line.count > 60 ? String(line.prefix(59)) + "…" : String(line)
    }

    /// The model name shown in the status line: `model@provider`.
    public var modelLabel: String {
        if let target = active.flatMap({ entries[$0.entryIndex].target }) { return "\(target.model)@\(target.provider)" }
        if model.isEmpty {
            let name = defaultModels[defaultProvider].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            return "\(name)@\(defaultProvider)"
        }
        return model
    }
}
