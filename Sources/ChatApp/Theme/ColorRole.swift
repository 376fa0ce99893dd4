/// What a colour is for; a theme maps each role to a style.
public enum ColorRole: String, CaseIterable, Sendable {
    case text
    case dim
    case border
    case focusedBorder = "focused-border"
    case title
    case user
    case assistant
    case thinking
    case note
    case warning
    case error
    case footer
    case statusBar = "status-bar"
    case statusAccent = "status-accent"
    case selection
    case healthy
    case degraded
    case down
    case input
    case code
}
