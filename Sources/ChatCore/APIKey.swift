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

    /// Keeps a recognisable prefix (up to the last `-` among the first 10 characters) and the
    /// last four characters; short keys show nothing of themselves.
    public static func mask(_ secret: String) -> String {
        let characters = Array(secret)
        guard characters.count >= 12 else { return "…(\(characters.count) characters)" }
        let head = characters.prefix(10)
        let prefixLength = head.lastIndex(of: "-").map { $0 + 1 } ?? 0
        return String(characters.prefix(prefixLength)) + "…" + String(characters.suffix(4))
    }
}
