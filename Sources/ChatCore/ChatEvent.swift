/// One thing that happens while a reply streams in. Providers yield text, thinking and done;
/// the router adds its retries, skips and fallback hops, so the user sees each as it happens,
/// and ends with the outcome.
public enum ChatEvent: Hashable, Sendable {
    /// The next piece of the answer.
    case text(String)
    /// The next piece of the model's reasoning, shown apart from the answer.
    case thinking(String)
    /// The provider says the reply is complete.
    case done(CompletionStats)
    /// A provider is about to be asked (first try, retry or fallback).
    case attempt(ModelTarget)
    /// The same provider will be asked again after a wait.
    case retry(RetryNotice)
    /// A failed provider is left for the next one.
    case fallback(FallbackNotice)
    /// A provider that is down was left out.
    case skipped(SkipNotice)
    /// The request is over; the last event of a routed stream.
    case completed(ChatOutcome)
}
