/// An API key. It prints masked (`sk-or-v1-…9f3a`) wherever it is interpolated, dumped or
/// logged; only `revealedForRequest` gives the key itself, for the one header that needs it.
public struct APIKey: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let secret: String

    public init(_ secret: String) {
        self.secret = secret
    }

    /// The key itself. Use it only to build the `Authorization` header of its own provider.
    public var revealedForRequest: String { secret }

    public var masked: String { APIKey.mask(secret) }
    public var description: String { masked }
    public var debugDescription: String { masked }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    /// The public markers keys begin with; one of them is kept to say which key it is.
    private static let knownPrefixes = ["sk-or-v1-", "sk-ant-", "sk-proj-", "sk-"]

    /// At most the last four characters, whatever the key's length, after a known public
    /// marker (`sk-or-v1-`) when the key is long; at least eight characters stay hidden, and a
    /// key shorter than twelve shows nothing of itself.
    public static func mask(_ secret: String) -> String {
        let characters = Array(secret)
        guard characters.count >= 12 else { return "…(\(characters.count) characters)" }
        let last = String(characters.suffix(4))
        let marker = knownPrefixes.first { secret.hasPrefix($0) && characters.count - $0.count - 4 >= 16 } ?? ""
        return marker + "…" + last
    }
}
