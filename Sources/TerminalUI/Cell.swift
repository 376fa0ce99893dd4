/// One screen cell: a grapheme and its style. A wide grapheme (CJK, most emoji) fills its
/// cell and marks the next one as its continuation.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here; empty for the second half of a wide one.
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public var isContinuation: Bool { text.isEmpty }

    public static let blank = Cell()
}
