import TerminalUI

/// A run of text in one style, a piece of a rendered line.
public struct StyledSpan: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style) {
        self.text = text
        self.style = style
    }
}

/// A rendered line: spans, and a background that fills the whole line (code blocks).
public struct RenderedLine: Hashable, Sendable {
    public var spans: [StyledSpan]
    public var fill: Style?

    public init(_ spans: [StyledSpan], fill: Style? = nil) {
        self.spans = spans
        self.fill = fill
    }

    public var text: String { spans.map(\.text).joined() }
}
