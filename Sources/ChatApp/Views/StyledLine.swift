import TerminalUI

/// One line of a pane: its text and style.
struct StyledLine: Equatable {
    var text: String
    var style: Style
}
