/// One dispatched server-sent event.
public struct SSEEvent: Hashable, Sendable {
    /// `message` unless an `event:` field named it.
    public var type: String
    /// The `data:` lines joined by `\n`. Invalid UTF-8 becomes U+FFFD.
    public var data: String
    /// The last `id:` seen so far in the stream.
    public var lastEventID: String?

    public init(type: String = "message", data: String, lastEventID: String? = nil) {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }
}
