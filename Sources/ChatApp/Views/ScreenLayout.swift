import TerminalUI

/// Where each part of the screen goes for a state: the status line at the bottom, the provider
/// sidebar on the right (folded away below `AppState.sidebarMinimumWidth` columns), the input
/// box under the conversation, growing with its lines up to six. `RootView` draws into these
/// rectangles and `ConversationLayout` measures the conversation's; nothing else decides them.
struct ScreenLayout {
    static let sidebarWidth = 30
    /// The most lines the input box shows before it scrolls.
    static let inputLines = 6

    let status: Rect
    let sidebar: Rect?
    let conversation: Rect
    let input: Rect

    init(_ state: AppState) {
        let (main, status) = Rect(state.size).splitBottom(1)
        self.status = status
        var left = main
        if state.showsSidebar {
            let split = main.splitRight(Self.sidebarWidth)
            left = split.rest
            sidebar = split.right
        } else {
            sidebar = nil
        }
        let inputHeight = min(max(state.input.lines.count, 1), Self.inputLines) + 2
        (conversation, input) = left.splitBottom(inputHeight)
    }
}
