/// The tokens of one simulated reply, with the bytes a fault plants in them.
struct ReplyScript {
    let thinking: [[UInt8]]
    let tokens: [[UInt8]]
    /// How many tokens go out before a mid-stream fault.
    let faultIndex: Int

    /// What a hostile model says to a terminal: a window title, a clear screen, a clipboard
    /// write, a bell, a cursor jump.
    static let escapeSequences = " \u{1B}]0;pwned title\u{07}\u{1B}[2J\u{1B}]52;c;cHduZWQ=\u{07}\u{07}\u{1B}[10;10H\u{9B}31m "

    /// 20 MB: over the 16 MiB line cap of Parley's decoders and Ollama's own 8 MiB.
    static let hugeTokenBytes = 20 * 1024 * 1024

    init(behavior: ModelBehavior) {
        var tokens = behavior.replyTokens
        if tokens.isEmpty { tokens = ["\n"] }
        let faultIndex = min(max(behavior.faultAfterTokens ?? tokens.count / 2, 0), tokens.count)
        var bytes = tokens.map { Array($0.utf8) }
        switch behavior.fault {
        case .invalidUTF8:
            bytes.insert(Array(" bad".utf8) + [0xFF, 0xFE, 0xC3] + Array("bytes".utf8), at: faultIndex)
        case .escapeSequences:
            bytes.insert(Array(Self.escapeSequences.utf8), at: faultIndex)
        case .hugeLine:
            // A placeholder: `ReplyStreamer` sends the 20 MB line, framed once, in its place.
            bytes.insert([], at: faultIndex)
        default:
            break
        }
        self.tokens = bytes
        self.thinking = behavior.thinking.map(Self.words)?.map { Array($0.utf8) } ?? []
        self.faultIndex = faultIndex
    }

    /// `text` cut before each space, so that joining the tokens gives `text` back.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character == " " && !current.isEmpty && current.last != " " {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static let vocabulary = [
        "The", " simulated", " model", " streams", " one", " token", " at", " a", " time", ",", " exactly",
        " as", " a", " real", " server", " would", ".", " Every", " byte", " travels", " over", " loopback", ".\n",
    ]

    static func generated(count: Int) -> [String] {
        (0..<max(count, 0)).map { vocabulary[$0 % vocabulary.count] }
    }
}

extension ModelBehavior {
    /// The answer tokens this behaviour streams when no fault plants anything in them;
    /// joined, they are the reply text.
    public var replyTokens: [String] {
        reply.map(ReplyScript.words) ?? ReplyScript.generated(count: tokens)
    }
}
