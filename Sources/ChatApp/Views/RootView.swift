import Foundation
import TerminalUI

/// The whole screen: conversation and input on the left, the provider sidebar on the right
/// (folded away below 80 columns), the status line at the bottom, overlays on top. Below
/// 40x10 only a notice.
public enum RootView {
    /// Renders `state` into a fresh grid of its size; returns the grid and the cursor.
    public static func render(_ state: AppState) -> (grid: CellGrid, cursor: (x: Int, y: Int)?) {
        let frame = render(state, after: nil)
        return (frame.grid, frame.cursor)
    }

    /// A drawn screen, with what its sidebar and message box showed, so that the next frame
    /// can keep them as they are when what they show is the same.
    public struct Frame {
        public let grid: CellGrid
        public let cursor: (x: Int, y: Int)?
        /// The rectangles painted anew, which alone can differ from the frame before; nil
        /// when nothing was kept from it.
        public let repainted: [Rect]?
        /// The sidebar, and when what it shows next changes by the clock alone (nil: never).
        fileprivate var sidebar: (rect: Rect, content: HealthSidebar.Content, changesAt: Date?)?
        fileprivate var input: (rect: Rect, content: InputBox.Content, cursor: (x: Int, y: Int)?)?
    }

    /// Renders `state`, keeping the sidebar and the message box of `previous` where their
    /// content is the same (while an answer streams, only the conversation and the status
    /// line are painted). The grid is the same as a fresh render's.
    ///
    /// `pacedOnly`: only frame-paced messages (`Msg.isFramePaced`) were applied since
    /// `previous`, so the sidebar is kept without working out its content until its clock
    /// says otherwise.
    public static func render(_ state: AppState, after previous: Frame?, pacedOnly: Bool = false) -> Frame {
        var grid = CellGrid(size: state.size)
        guard !state.isTooSmall else {
            let lines = ["Terminal too small", "\(state.size.width)x\(state.size.height), needs 40x10"]
            for (offset, line) in lines.enumerated() {
                let x = max(0, (state.size.width - TextWidth.of(line)) / 2)
                grid.put(line, x: x, y: state.size.height / 2 - 1 + offset, style: state.theme[.warning])
            }
            return Frame(grid: grid, cursor: nil, repainted: nil)
        }
        // An overlay drawn last time covered the panes: nothing of that frame is kept.
        let kept = previous.flatMap { $0.grid.size == state.size && $0.input != nil ? $0 : nil }
        let layout = ScreenLayout(state)
        var repainted = [layout.status, layout.conversation]
        StatusLine.render(state, in: layout.status, into: &grid)
        var sidebar: (rect: Rect, content: HealthSidebar.Content, changesAt: Date?)?
        if let rect = layout.sidebar {
            if pacedOnly, let kept, let last = kept.sidebar, last.rect == rect, last.changesAt.map({ state.now < $0 }) ?? true {
                grid.copy(rect, from: kept.grid)
                sidebar = last
            } else {
                let content = HealthSidebar.content(state, in: rect)
                if let kept, let last = kept.sidebar, last.rect == rect, last.content == content {
                    grid.copy(rect, from: kept.grid)
                } else {
                    HealthSidebar.paint(content, in: rect, into: &grid)
                    repainted.append(rect)
                }
                sidebar = (rect, content, HealthSidebar.untilChange(state).map { state.now.addingTimeInterval($0) })
            }
        }
        ConversationPane.render(state, in: layout.conversation, into: &grid)
        let inputContent = InputBox.content(state)
        let cursor: (x: Int, y: Int)?
        if let kept, let last = kept.input, last.rect == layout.input, last.content == inputContent {
            grid.copy(layout.input, from: kept.grid)
            cursor = last.cursor
        } else {
            cursor = InputBox.paint(inputContent, in: layout.input, into: &grid)
            repainted.append(layout.input)
        }
        guard state.overlay == nil else {
            Overlays.render(state, into: &grid)
            return Frame(grid: grid, cursor: nil, repainted: nil)
        }
        return Frame(grid: grid, cursor: cursor, repainted: kept == nil ? nil : repainted, sidebar: sidebar,
                     input: (layout.input, inputContent, cursor))
    }

    /// How long until something drawn from the clock changes by itself; nil when nothing on
    /// screen depends on the time. While an answer is on its way the status line counts
    /// seconds and tokens per second; otherwise only the sidebar's ages move.
    static func untilTimedChange(_ state: AppState) -> Duration? {
        if state.isAnswering { return .seconds(1) }
        return HealthSidebar.untilChange(state).map { .seconds($0) }
    }
}
