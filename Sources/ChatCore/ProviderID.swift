/// The name a provider is registered under: `ollama`, `openrouter`, `demo`, or a name from
/// `PARLEY_PROVIDERS` such as `gpu`. It is also the prefix of a model reference (`gpu:llama3`).
public struct ProviderID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral, Codable {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: ProviderID, rhs: ProviderID) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let ollama: ProviderID = "ollama"
    public static let openrouter: ProviderID = "openrouter"
    public static let demo: ProviderID = "demo"

    /// What its settings' names start with: `GPU_BOX` for `gpu-box` (`GPU_BOX_TIMEOUT`),
    /// `OLLAMA` for Ollama.
    public var settingsPrefix: String {
        String(rawValue.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// Whether `text` may name a provider: letters, digits, `-` and `_`, starting with a letter.
    public static func isValidName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "-" || $0 == "_" }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
