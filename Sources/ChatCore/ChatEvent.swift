/// One thing that happens while a reply streams in. Provider streams yield text, thinking
/// and done; the router adds retries and fallback hops so the user can see them.
public enum ChatEvent: Hashable, Sendable {
    /// The next piece of the answer.
    case text(String)
    /// The next piece of the model's reasoning, shown apart from the answer.
    case thinking(String)
    /// The reply is complete.
    case done(CompletionStats)
}
