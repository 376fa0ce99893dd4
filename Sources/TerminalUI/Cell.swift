/// One screen cell: a grapheme and its style. A wide grapheme (CJK, most emoji) fills its
/// cell and marks the next one as its continuation.
///
/// The grapheme is held inline, at most `maxScalars` Unicode scalars two to a word, so a cell
/// is plain data: a grid of thousands is created, compared and freed without touching each
/// cell's reference count, which a `String` per cell cost every frame.
public struct Cell: Hashable, Sendable {
    /// Scalars 0 and 1, and 2 and 3, each in 32 bits; zero past the last.
    private var low: UInt64
    private var high: UInt64
    /// The style as `Style.packed`: grids are compared cell by cell on every frame, and three
    /// words compare faster than two enums with payloads.
    private var packedStyle: UInt64

    public var style: Style {
        get { Style(packed: packedStyle) }
        set { packedStyle = newValue.packed }
    }

    /// A spacing character and three marks. Past that a terminal draws nothing more in the
    /// cell (a longer emoji sequence shows its first emoji), and a hostile string's pile of
    /// combining marks must not make a cell grow without end.
    public static let maxScalars = 4

    public init(_ text: String = " ", style: Style = .plain) {
        (low, high) = Self.pack(text.unicodeScalars)
        packedStyle = style.packed
    }

    /// A cell of one printable ASCII character.
    public init(ascii byte: UInt8, style: Style) {
        self.init(ascii: byte, packedStyle: style.packed)
    }

    /// A run of text packs its style once, not once a cell.
    init(ascii byte: UInt8, packedStyle: UInt64) {
        low = UInt64(byte)
        high = 0
        self.packedStyle = packedStyle
    }

    /// The grapheme drawn here; empty for the second half of a wide one.
    public var text: String {
        get {
            var scalars = String.UnicodeScalarView()
            for index in 0..<Self.maxScalars {
                let word = index < 2 ? low : high
                guard let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: word >> (index % 2 * 32))), scalar.value != 0 else { break }
                scalars.append(scalar)
            }
            return String(scalars)
        }
        set {
            (low, high) = Self.pack(newValue.unicodeScalars)
        }
    }

    public var isContinuation: Bool { low == 0 }

    /// The grapheme's scalar values, zero past the last: for a backend that draws a cell
    /// without building a String.
    public var scalarValues: (UInt32, UInt32, UInt32, UInt32) {
        (UInt32(truncatingIfNeeded: low), UInt32(truncatingIfNeeded: low >> 32), UInt32(truncatingIfNeeded: high), UInt32(truncatingIfNeeded: high >> 32))
    }

    public static let blank = Cell()

    private static func pack(_ scalars: String.UnicodeScalarView) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0, count = 0
        for scalar in scalars {
            guard count < maxScalars, scalar.value != 0 else { break }
            let value = UInt64(scalar.value)
            switch count {
            case 0: low = value
            case 1: low |= value << 32
            case 2: high = value
            default: high |= value << 32
            }
            count += 1
        }
        // A sequence cut short does not end on a joiner that joins nothing.
        if high >> 32 == 0x200D { high &= 0xFFFF_FFFF }
        return (low, high)
    }
}
