import Foundation

/// A forward-only reader over the bytes of one JSON text, for the fast paths of the chunk
/// mappers. It reads only what a common stream line holds (objects, strings, numbers,
/// literals) and answers nil as soon as anything else appears; the caller then falls back to
/// a full JSON decode, so the scanner never has to be complete, only never wrong.
struct JSONByteScanner {
    private let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool {
        mutating get {
            skipWhitespace()
            return position == bytes.count
        }
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after whitespace) when it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Reads an object key and its colon. Keys with escapes are left to the full decoder.
    mutating func key() -> UnsafeRawBufferPointer? {
        guard consume(0x22) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                let key = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return consume(0x3A) ? key : nil
            }
            if byte == 0x5C || byte < 0x20 { return nil }
            position += 1
        }
        return nil
    }

    /// Reads a string value, unescaping it; invalid UTF-8 becomes U+FFFD as in the full path.
    mutating func string() -> String? {
        guard consume(0x22) else { return nil }
        var start = position
        // Most strings have no escape: they are made at once from their bytes.
        var unescaped: String?
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case 0x22:
                let tail = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                guard var result = unescaped else { return tail }
                result += tail
                return result
            case 0x5C:
                var result = unescaped ?? ""
                result += String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                guard let scalar = escape() else { return nil }
                result.unicodeScalars.append(scalar)
                unescaped = result
                start = position
            case ..<0x20:
                return nil
            default:
                position += 1
            }
        }
        return nil
    }

    /// Passes over a string value, answering nil exactly where `string()` would, without
    /// making it.
    private mutating func skipString() -> Bool? {
        guard consume(0x22) else { return nil }
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case 0x22:
                position += 1
                return true
            case 0x5C:
                position += 1
                guard escape() != nil else { return nil }
            case ..<0x20:
                return nil
            default:
                position += 1
            }
        }
        return nil
    }

    /// Reads the rest of an escape after its backslash. Lone surrogates are left to the full decoder.
    private mutating func escape() -> Unicode.Scalar? {
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        position += 1
        switch byte {
        case 0x22: return "\""
        case 0x5C: return "\\"
        case 0x2F: return "/"
        case 0x62: return "\u{08}"
        case 0x66: return "\u{0C}"
        case 0x6E: return "\n"
        case 0x72: return "\r"
        case 0x74: return "\t"
        case 0x75:
            guard let high = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(high) {
                guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 else { return nil }
                position += 2
                guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high)
        default: return nil
        }
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// Reads a streamed message object: `role`, `content` and (when `thinkingKey` is given)
    /// that key, each a string at most once, nothing else. Nil for anything else, which the
    /// caller leaves to the full decode.
    mutating func messageDelta(thinkingKey: StaticString?) -> (content: String?, thinking: String?)? {
        guard consume(0x7B) else { return nil }
        var content: String?
        var thinking: String?
        repeat {
            guard let field = key() else { return nil }
            if field.equals("content") {
                guard content == nil, let text = string() else { return nil }
                content = text
            } else if let thinkingKey, field.equals(thinkingKey) {
                guard thinking == nil, let text = string() else { return nil }
                thinking = text
            } else if field.equals("role") {
                guard skipScalarValue() != nil else { return nil }
            } else {
                return nil
            }
        } while consume(0x2C)
        guard consume(0x7D) else { return nil }
        return (content, thinking)
    }

    /// Skips a string, number, `true`, `false` or `null`; nil for anything else.
    mutating func skipScalarValue() -> Bool? {
        skipWhitespace()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case 0x22: return skipString()
        case 0x74: return literal("true")
        case 0x66: return literal("false")
        case 0x6E: return literal("null")
        case 0x2D, 0x30...0x39: return number()
        default: return nil
        }
    }

    /// Consumes the literal `word` when it is next.
    mutating func literal(_ word: StaticString) -> Bool? {
        skipWhitespace()
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count else { return nil }
        guard UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]).equals(word) else { return nil }
        position += length
        return true
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as JSON defines it.
    private mutating func number() -> Bool? {
        if bytes[position] == 0x2D { position += 1 }
        guard position < bytes.count else { return nil }
        if bytes[position] == 0x30 {
            position += 1
        } else {
            guard digits() > 0 else { return nil }
        }
        if position < bytes.count, bytes[position] == 0x2E {
            position += 1
            guard digits() > 0 else { return nil }
        }
        if position < bytes.count, bytes[position] == 0x65 || bytes[position] == 0x45 {
            position += 1
            if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
            guard digits() > 0 else { return nil }
        }
        return true
    }

    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
        return position - start
    }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes spell `text`.
    func equals(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            count == expected.count && (count == 0 || memcmp(baseAddress!, expected.baseAddress!, count) == 0)
        }
    }
}
