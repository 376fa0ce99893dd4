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
        let layout = ScreenLayout(state)
        StatusLine.render(state, in: layout.status, into: &grid)
        if let sidebar = layout.sidebar { HealthSidebar.render(state, in: sidebar, into: &grid) }
        ConversationPane.render(state, in: layout.conversation, into: &grid)
        let cursor = InputBox.render(state, in: layout.input, into: &grid)
        Overlays.render(state, into: &grid)
        return (grid, state.overlay == nil ? cursor : nil)
    }

    /// How long until something drawn from the clock changes by itself; nil when nothing on
    /// screen depends on the time. While an answer is on its way the status line counts
    /// seconds and tokens per second; otherwise only the sidebar's ages move.
    static func untilTimedChange(_ state: AppState) -> Duration? {
        if state.isAnswering { return .seconds(1) }
        return HealthSidebar.untilChange(state).map { .seconds($0) }
    }
}
