/// How a cell is drawn: colours and attributes.
public struct Style: Hashable, Sendable {
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let italic = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
        public static let reverse = Attributes(rawValue: 1 << 4)
    }

    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: Attributes

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    /// The style in one word, 26 bits a colour and the attributes above them; `init(packed:)`
    /// reads it back.
    var packed: UInt64 {
        UInt64(foreground.packed) | UInt64(background.packed) << 26 | UInt64(attributes.rawValue) << 52
    }

    init(packed: UInt64) {
        foreground = TerminalColor(packed: UInt32(truncatingIfNeeded: packed & 0x3FF_FFFF))
        background = TerminalColor(packed: UInt32(truncatingIfNeeded: packed >> 26 & 0x3FF_FFFF))
        attributes = Attributes(rawValue: UInt8(truncatingIfNeeded: packed >> 52))
    }

    public func with(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    public func on(_ background: TerminalColor) -> Style {
        var copy = self
        copy.background = background
        return copy
    }
}
