/// Something a key does on the chat screen. Which keys do it is the `Keymap`'s to say; a
/// keymap file names actions by their raw value.
public enum KeyAction: String, CaseIterable, Sendable {
    case send
    case newline
    case stop
    case stopOrQuit = "stop-or-quit"
    case retryElsewhere = "retry-elsewhere"
    case pickModel = "pick-model"
    case scrollUp = "scroll-up"
    case scrollDown = "scroll-down"
    case focusNext = "focus-next"
    case focusPrevious = "focus-previous"
    case showSidebar = "show-sidebar"
    case toggleReasoning = "toggle-reasoning"
    case copy
    case codeBlockUp = "code-block-up"
    case codeBlockDown = "code-block-down"
    case copyCodeBlock = "copy-code-block"
    case messageUp = "message-up"
    case messageDown = "message-down"
    case regenerate
    case editMessage = "edit-message"
    case previousBranch = "previous-branch"
    case nextBranch = "next-branch"
    case pickAnswer1 = "pick-answer-1"
    case pickAnswer2 = "pick-answer-2"
    case pickAnswer3 = "pick-answer-3"
    case pickAnswer4 = "pick-answer-4"
    case lineStart = "line-start"
    case lineEnd = "line-end"
    case killToLineEnd = "kill-to-line-end"
    case killToLineStart = "kill-to-line-start"
    case deleteWord = "delete-word"
    case help

    /// Where the action's keys work.
    enum Scope {
        /// Everywhere (a plain character only outside the message box, where it is typed).
        case global
        /// In the message box.
        case input
        /// With the conversation focused.
        case conversation
    }

    var scope: Scope {
        switch self {
        case .send, .newline, .lineStart, .lineEnd, .killToLineEnd, .killToLineStart, .deleteWord: .input
        case .codeBlockUp, .codeBlockDown, .copyCodeBlock, .messageUp, .messageDown, .regenerate, .editMessage, .previousBranch, .nextBranch,
             .pickAnswer1, .pickAnswer2, .pickAnswer3, .pickAnswer4:
            .conversation
        default: .global
        }
    }

    /// What the help says the action does.
    var help: String {
        switch self {
        case .send: "send the message; a multi-line paste stays one message"
        case .newline: "new line in the message"
        case .stop: "stop the answer (the partial answer is kept); leave an edit or the code cursor; with none of these, asks whether to stop a pull"
        case .stopOrQuit: "stop the answer, or quit"
        case .retryElsewhere: "after an answer broke off, ask again on the next healthy provider"
        case .pickModel: "pick a model: type to filter, Enter picks, Space marks 2–4 to compare; models of a provider that is down are greyed with the reason"
        case .scrollUp: "scroll the conversation up (the mouse wheel too)"
        case .scrollDown: "scroll the conversation down"
        case .focusNext: "move to the next of input, conversation and sidebar"
        case .focusPrevious: "move to the previous one"
        case .showSidebar: "the provider sidebar as an overlay (narrow terminals)"
        case .toggleReasoning: "show or fold the model's reasoning"
        case .copy: "copy the last answer (or the code block under the cursor) via OSC 52"
        case .codeBlockUp: "with the conversation focused: the cursor to the code block above"
        case .codeBlockDown: "the cursor to the code block below"
        case .copyCodeBlock: "copy the code block under the cursor"
        case .messageUp: "with the conversation focused: the cursor to the message above"
        case .messageDown: "the cursor to the message below"
        case .regenerate: "on an answer: ask its question again (the model in use now); the old answer stays as a branch"
        case .editMessage: "on your message: edit it; sending makes a new branch, the original stays"
        case .previousBranch: "on a message marked 2/3: show the branch before"
        case .nextBranch: "show the branch after"
        case .pickAnswer1: "after /compare: go on with answer 1 (the others stay as its siblings)"
        case .pickAnswer2: "go on with answer 2"
        case .pickAnswer3: "go on with answer 3"
        case .pickAnswer4: "go on with answer 4"
        case .lineStart: "start of the line"
        case .lineEnd: "end of the line"
        case .killToLineEnd: "delete to the end of the line"
        case .killToLineStart: "delete to the start of the line"
        case .deleteWord: "delete the word before the cursor"
        case .help: "this help; Up / Down, PgUp / PgDn scroll it"
        }
    }
}
