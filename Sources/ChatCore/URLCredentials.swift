import Foundation

/// The user and password of a base URL (`http://user:secret@host`), taken out of the URL when
/// it is read: the URL is shown, logged and saved without them, and they go only to their own
/// provider, as the transport's credentials. They print as `…`.
public struct URLCredentials: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let user: String
    private let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The user and password themselves. Use them only for the request to their own provider.
    public var revealedForRequest: (user: String, password: String) { (user, password) }

    /// What a server could echo back of them: each part, and the `Basic` header they make.
    public var secrets: [String] {
        let basic = Data("\(user):\(password)".utf8).base64EncodedString()
        return [user, password, basic].filter { $0.count >= 4 }
    }

    public var description: String { "…" }
    public var debugDescription: String { "…" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": "…"]) }
}
