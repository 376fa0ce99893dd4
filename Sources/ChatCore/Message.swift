/// Who wrote a message of a conversation.
public enum Role: String, Sendable, Codable, CaseIterable {
    case system
    case user
    case assistant
}

/// One message of a conversation, as sent to a provider.
public struct Message: Hashable, Sendable, Codable {
    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}
