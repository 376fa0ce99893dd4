import TerminalUI

/// Styles by colour role. Loaded from a theme file, or the built-in dark theme.
public struct Theme: Hashable, Sendable {
    public var name: String
    private var styles: [String: Style]

    public init(name: String, styles: [ColorRole: Style]) {
        self.name = name
        self.styles = Dictionary(uniqueKeysWithValues: styles.map { ($0.key.rawValue, $0.value) })
    }

    public subscript(role: ColorRole) -> Style {
        get { styles[role.rawValue] ?? Theme.builtInDark.styles[role.rawValue] ?? .plain }
        set { styles[role.rawValue] = newValue }
    }

    /// The default, compiled in so Parley always has a theme.
    public static let builtInDark = Theme(name: "dark", styles: [
        .text: Style(),
        .dim: Style(foreground: .indexed(245)),
        .border: Style(foreground: .indexed(240)),
        .focusedBorder: Style(foreground: .indexed(75)),
        .title: Style(foreground: .indexed(252), attributes: .bold),
        .user: Style(foreground: .indexed(114), attributes: .bold),
        .assistant: Style(foreground: .indexed(75), attributes: .bold),
        .thinking: Style(foreground: .indexed(244), attributes: .italic),
        .note: Style(foreground: .indexed(180)),
        .warning: Style(foreground: .indexed(214)),
        .error: Style(foreground: .indexed(203), attributes: .bold),
        .footer: Style(foreground: .indexed(243)),
        .statusBar: Style(foreground: .indexed(252), background: .indexed(236)),
        .statusAccent: Style(foreground: .indexed(75), background: .indexed(236), attributes: .bold),
        .selection: Style(foreground: .indexed(16), background: .indexed(75)),
        .healthy: Style(foreground: .indexed(114)),
        .degraded: Style(foreground: .indexed(214)),
        .down: Style(foreground: .indexed(203)),
        .input: Style(),
        .code: Style(foreground: .indexed(223), background: .indexed(235)),
    ])
}
