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
    /// The first line of a code block (its label): where one block ends and the next begins,
    /// also when two blocks touch.
    public var opensCodeBlock = false
    /// Drawn with the cursor's mark in the margin (the code block under the cursor).
    public var isUnderCursor = false
    /// Set on the lines of the message under the conversation's message cursor.
    public var isInSelectedMessage = false

    public init(_ spans: [StyledSpan], fill: Style? = nil, opensCodeBlock: Bool = false) {
        self.spans = spans
        self.fill = fill
        self.opensCodeBlock = opensCodeBlock
    }

    public var text: String { spans.map(\.text).joined() }
}
