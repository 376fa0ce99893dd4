import TerminalUI

/// The whole screen: conversation and input on the left, the provider sidebar on the right
/// (folded away below 80 columns), the status line at the bottom, overlays on top. Below
/// 40x10 only a notice.
public enum RootView {
    /// Renders `state` into a fresh grid of its size; returns the grid and the cursor.
    public static func render(_ state: AppState) -> (grid: CellGrid, cursor: (x: Int, y: Int)?) {
        var grid = CellGrid(size: state.size)
        guard !state.isTooSmall else {
            let lines = ["Terminal too small", "\(state.size.width)x\(state.size.height), needs 40x10"]
            for (offset, line) in lines.enumerated() {
                let x = max(0, (state.size.width - TextWidth.of(line)) / 2)
                grid.put(line, x: x, y: state.size.height / 2 - 1 + offset, style: state.theme[.warning])
            }
            return (grid, nil)
        }
        let (main, status) = grid.bounds.splitBottom(1)
        StatusLine.render(state, in: status, into: &grid)
        var left = main
        if state.showsSidebar {
            let split = main.splitRight(HealthSidebar.width)
            left = split.rest
            HealthSidebar.render(state, in: split.right, into: &grid)
        }
        let (conversation, inputArea) = left.splitBottom(InputBox.height(for: state))
        ConversationPane.render(state, in: conversation, into: &grid)
        let cursor = InputBox.render(state, in: inputArea, into: &grid)
        Overlays.render(state, into: &grid)
        return (grid, state.overlay == nil ? cursor : nil)
    }
}
