/// Decodes UTF-8 that arrives a byte at a time, in chunks of any size: a sequence cut at the
/// end of one chunk is finished by the next; invalid bytes become U+FFFD.
public struct UTF8Stream: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Takes one byte; `emit` gets each scalar it completes (none, one, or two when it breaks
    /// off a sequence).
    public mutating func feed(_ byte: UInt8, _ emit: (Unicode.Scalar) -> Void) {
        if pending.isEmpty {
            if byte < 0x80 {
                emit(Unicode.Scalar(byte))
            } else if Self.length(of: byte) > 0 {
                pending.append(byte)
            } else {
                emit("\u{FFFD}")
            }
            return
        }
        guard byte & 0xC0 == 0x80 else {
            // A sequence broken off by a byte that cannot continue it: that byte starts afresh.
            pending = []
            emit("\u{FFFD}")
            feed(byte, emit)
            return
        }
        pending.append(byte)
        guard pending.count == Self.length(of: pending[0]) else { return }
        emit(String(decoding: pending, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}")
        pending = []
    }

    private static func length(of lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }
}
