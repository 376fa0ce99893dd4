/// The variables of a `.env` file, read with the rules most tools share (python-dotenv, docker
/// compose): comments and blank lines, `export KEY=`, single quotes (literal) and double quotes
/// (`\n`, `\t`, `\r`, `\"`, `\\` escapes, may span lines), `#` comments after unquoted values when
/// preceded by a space, CRLF line ends, last duplicate wins. `$VAR` is never expanded: what is
/// written is what is used.
///
/// A line that cannot be read is skipped with a warning rather than failing: the `.env` of the
/// working directory may belong to another tool.
public struct DotEnvFile: Sendable, Equatable {
    /// A line that was skipped, and why.
    public struct Warning: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public private(set) var values: [String: String] = [:]
    public private(set) var warnings: [Warning] = []

    public init(values: [String: String]) {
        self.values = values
    }

    public init(parsing text: String) {
        var reader = Reader(text.replacingCRLF())
        while let entry = reader.next() {
            switch entry {
            case .assignment(let key, let value): values[key] = value
            case .skipped(let line, let message): warnings.append(Warning(line: line, message: message))
            }
        }
    }
}

private enum Entry {
    case assignment(String, String)
    case skipped(line: Int, String)
}

/// Walks the text one entry at a time; `line` is 1-based and counts lines inside quoted values.
private struct Reader {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    mutating func next() -> Entry? {
        while true {
            skipBlanks()
            guard let scalar = current else { return nil }
            if scalar == "\n" {
                advance()
                continue
            }
            if scalar == "#" {
                skipToLineEnd()
                continue
            }
            return readAssignment()
        }
    }

    private mutating func readAssignment() -> Entry {
        let startLine = line
        var key = readKey()
        if key == "export", let scalar = current, scalar == " " || scalar == "\t" {
            skipBlanks()
            key = readKey()
        }
        guard !key.isEmpty else {
            return skip(startLine, "expected KEY=VALUE")
        }
        skipBlanks()
        guard current == "=" else {
            return skip(startLine, "expected '=' after \(key)")
        }
        advance()
        skipBlanks()
        switch current {
        case "\"": return readQuoted(key: key, startLine: startLine, closing: "\"", escapes: true)
        case "'": return readQuoted(key: key, startLine: startLine, closing: "'", escapes: false)
        default: return .assignment(key, readUnquoted())
        }
    }

    private mutating func readKey() -> String {
        var key = String.UnicodeScalarView()
        while let scalar = current, Reader.isKeyScalar(scalar, first: key.isEmpty) {
            key.append(scalar)
            advance()
        }
        return String(key)
    }

    private static func isKeyScalar(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "_": true
        case "0"..."9", ".": !first
        default: false
        }
    }

    private mutating func readQuoted(key: String, startLine: Int, closing: Unicode.Scalar, escapes: Bool) -> Entry {
        advance()
        var value = String.UnicodeScalarView()
        while let scalar = current, scalar != closing {
            advance()
            if escapes, scalar == "\\", let escaped = current {
                advance()
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "\"", "\\": value.append(escaped)
                default:
                    value.append("\\")
                    value.append(escaped)
                }
                continue
            }
            value.append(scalar)
        }
        guard current == closing else {
            return .skipped(line: startLine, "\(key): the quote \(closing) is never closed")
        }
        advance()
        skipBlanks()
        if current == "#" { skipToLineEnd() }
        guard current == nil || current == "\n" else {
            return skip(startLine, "\(key): unexpected text after the closing quote")
        }
        return .assignment(key, String(value))
    }

    private mutating func readUnquoted() -> String {
        var value = String.UnicodeScalarView()
        var previousWasBlank = true
        while let scalar = current, scalar != "\n" {
            if scalar == "#" && previousWasBlank {
                skipToLineEnd()
                break
            }
            previousWasBlank = scalar == " " || scalar == "\t"
            value.append(scalar)
            advance()
        }
        return String(value).trimmingTrailingBlanks()
    }

    private mutating func skip(_ startLine: Int, _ message: String) -> Entry {
        skipToLineEnd()
        return .skipped(line: startLine, message)
    }

    private mutating func advance() {
        if current == "\n" { line += 1 }
        index += 1
    }

    private mutating func skipBlanks() {
        while let scalar = current, scalar == " " || scalar == "\t" { index += 1 }
    }

    private mutating func skipToLineEnd() {
        while let scalar = current, scalar != "\n" { index += 1 }
    }
}

extension String {
    func replacingCRLF() -> String {
        guard contains("\r") else { return self }
        var result = String.UnicodeScalarView()
        var iterator = unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if scalar == "\r" && pending == "\n" { continue }
            result.append(scalar)
        }
        return String(result)
    }

    func trimmingTrailingBlanks() -> String {
        var scalars = unicodeScalars[...]
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
