import ChatCore
import Foundation
import Providers
import TerminalUI

/// Everything that happens to the app, one message at a time: input, chat events, health
/// results, the clock. Effects report back as messages too.
public enum Msg: Sendable {
    case input(InputEvent)
    /// An event of the routed chat `requestID`.
    case chat(requestID: Int, ChatEvent)
    /// Text or reasoning of the routed chat `requestID` that arrived together (see `StreamedText`).
    case streamed(requestID: Int, StreamedText)
    /// The routed chat `requestID` could not be answered.
    case chatFailed(requestID: Int, ProviderError)
    case healthChecked(ProviderID, HealthStatus)
    case modelsListed(ProviderID, [ModelInfo])
    /// The default provider was settled at start; `notice` says why when it is not the preferred one.
    case defaultProvider(ProviderID, notice: [String]?)
    /// A second of wall-clock time passed (ages in the sidebar, spinners).
    case tick(Date)
    /// SIGINT, SIGTERM or SIGHUP from outside: quit now.
    case terminate
    /// A note from the runtime about an effect (an export written, a failure).
    case notice(String, failed: Bool)
    /// Search results or the conversation list, to pick from.
    case archiveListed(title: String, [ArchiveItem])
    /// A saved conversation, loaded to continue it, showing `messageID` first.
    case conversationOpened(SavedConversation, messageID: String?)
    /// Saving has failed for a while, and why (it is being retried); nil once it works again.
    case saveTrouble(String?)
    /// How far a pull has come (at most ten times a second).
    case pullProgressed(ModelTarget, PullProgress)
    /// A pull ended: in place when the error is nil.
    case pullFinished(ModelTarget, ProviderError?)
    /// A model was deleted, loaded or unloaded, or failed to be.
    case modelChanged(ModelTarget, ModelChange, ProviderError?)

    /// Text of an answer (not its reasoning): drawn at the streaming frame rate, and it may
    /// wait in the queue for the frame that shows it.
    var isStreamedText: Bool {
        switch self {
        case .chat(_, .text): true
        case .streamed(_, let streamed): !streamed.isThinking
        default: false
        }
    }

    /// A tick or an answer's text: drawn at the streaming frame rate. Neither changes the
    /// sidebar but through the time passing, so a frame after only these keeps it without
    /// working it out again (`RootView.render(_:after:pacedOnly:)`).
    public var isFramePaced: Bool {
        if case .tick = self { true } else { isStreamedText }
    }
}

/// What `update` asks the runtime to do; results come back as `Msg`s.
public enum Effect: Equatable, Sendable {
    /// `excluding` names the provider whose answer broke off, when this asks again elsewhere.
    case startChat(requestID: Int, model: String, messages: [Message], temperature: Double?, maxTokens: Int?, excluding: ProviderID?)
    case cancelChat(requestID: Int)
    /// Checks one provider now, or all of them.
    case checkHealth(ProviderID?)
    case setDefaultProvider(ProviderID)
    /// Writes the conversation to a file (after saving what is not saved yet).
    case export(path: String)
    /// Puts text on the clipboard of the terminal (OSC 52, through tmux and ssh too).
    case copyToClipboard(String)
    case search(String)
    case listConversations
    case openConversation(id: String, messageID: String?)
    case deleteConversation(id: String)
    /// Saves what the screen held of a conversation it is leaving (its latest text and status).
    case keepConversation(ConversationHeader, [ConversationEntry])
    /// Pulls a model into a provider that can manage its models, off the screen's thread.
    case pullModel(ModelTarget)
    case cancelPull(ModelTarget)
    case changeModel(ModelTarget, ModelChange)
    case quit
}
